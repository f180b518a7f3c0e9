# Tessera: the top-level build. Everything goes to $(BUILD) (out of tree).
#   make PLATFORM=qemu-aarch64-virt CONFIG=two-vms   build one image (default: linux-demo)
#   make run                                          boot the demo in QEMU
#   make test                                         every test (see README)
PLATFORM ?= qemu-aarch64-virt
BUILD ?= build
# One spelling of the output directory, so dependency files always match.
override BUILD := $(abspath $(BUILD))
HOSTCC ?= cc

include src/platform/$(PLATFORM)/platform.mk
# The board's demo unless told otherwise (make run boots it).
CONFIG ?= $(DEFAULT_CONFIG)

CC := $(CROSS_COMPILE)gcc
OBJCOPY := $(CROSS_COMPILE)objcopy
CLEAN_DIRS := $(BUILD)

.DEFAULT_GOAL := all
.PHONY: all run test lint clean guests tools

# The boards' last-level cache, overridable for coloring: LLC_SIZE=bytes,
# LLC_WAYS=n. The hypervisor and the host tools' validator must count the
# same colors, so both take it, and a change rebuilds both boards' data.
LLC_DEFS := $(if $(LLC_SIZE),-DTESSERA_LLC_SIZE=$(LLC_SIZE)ull) \
	$(if $(LLC_WAYS),-DTESSERA_LLC_WAYS=$(LLC_WAYS)u)
LLC_STAMP := $(BUILD)/llc-geometry
ifneq ($(strip $(LLC_DEFS)),$(strip $(file <$(LLC_STAMP))))
$(shell mkdir -p $(BUILD))$(file >$(LLC_STAMP),$(strip $(LLC_DEFS)))
endif
ifeq ($(wildcard $(LLC_STAMP)),)
$(shell mkdir -p $(BUILD))$(file >$(LLC_STAMP),)
endif

HYP_DIR := $(BUILD)/hyp/$(PLATFORM)
HYP_IMAGE := $(HYP_DIR)/$(CONFIG)/tessera.elf
HYP_SRCS := $(wildcard src/core/*.c src/lib/*.c src/arch/$(ARCH)/*.c \
	src/arch/$(ARCH)/*.S) $(PLATFORM_SRCS)
HYP_OBJS := $(patsubst %,$(HYP_DIR)/obj/%.o,$(HYP_SRCS))
# Arm: C never touches x18, so a trap need not save the guest's x18 before
# its handler runs (src/arch/armv8/boot.S).
HYP_CFLAGS_armv8 := -ffixed-x18 -fcall-saved-x9 -fcall-saved-x10 -fcall-saved-x11 -fcall-saved-x12 -fcall-saved-x13 -fcall-saved-x14 -fcall-saved-x15
HYP_CFLAGS := -std=c11 -ffreestanding -nostdlib -O2 -flto=auto -g -Wall -Wextra \
	-Werror -fno-stack-protector -fno-pie -fno-common \
	-fno-tree-loop-distribute-patterns $(ARCH_CFLAGS) $(HYP_CFLAGS_$(ARCH)) \
	-Iinclude -Isrc -Isrc/arch/$(ARCH)/include -MMD -MP $(LLC_DEFS)
HYP_LDFLAGS := -nostdlib -static -no-pie -Wl,--no-warn-rwx-segments -Wl,--build-id=none \
	-Wl,--defsym,HYP_BASE=$(HYP_BASE) -Wl,--defsym,HYP_RESERVED=$(HYP_RESERVED)

all: $(HYP_IMAGE)

# Flags live in these files: a change there rebuilds the objects.
$(HYP_OBJS): Makefile src/platform/$(PLATFORM)/platform.mk
$(filter %/platform_desc.c.o,$(HYP_OBJS)): $(LLC_STAMP)

# The compiler emits calls to these itself (memcpy, memset; libgcc's helpers
# on RISC-V), after link-time optimisation has already dropped definitions
# nobody seemed to call: keep them out of it.
HYP_NO_LTO := src/lib/string.c src/arch/riscv/libgcc.c
$(patsubst %,$(HYP_DIR)/obj/%.o,$(HYP_NO_LTO)): HYP_CFLAGS += -fno-lto

$(HYP_DIR)/obj/%.c.o: %.c
	@mkdir -p $(@D)
	$(CC) $(HYP_CFLAGS) -c $< -o $@

$(HYP_DIR)/obj/%.S.o: %.S
	@mkdir -p $(@D)
	$(CC) $(HYP_CFLAGS) -D__ASSEMBLY__ -c $< -o $@

# The configuration blob (with the guests' images) becomes one section.
$(HYP_DIR)/$(CONFIG)/config.o: $(BUILD)/configs/$(CONFIG).blob
	@mkdir -p $(@D)
	printf '\t.section .config, "a"\n\t.incbin "%s"\n' $(abspath $<) | \
		$(CC) $(ARCH_CFLAGS) -x assembler -c - -o $@

$(HYP_IMAGE): $(HYP_OBJS) $(HYP_DIR)/$(CONFIG)/config.o src/arch/$(ARCH)/linker.ld
	$(CC) $(ARCH_CFLAGS) $(HYP_CFLAGS_$(ARCH)) -O2 -flto=auto $(HYP_LDFLAGS) -T src/arch/$(ARCH)/linker.ld $(HYP_OBJS) \
		$(HYP_DIR)/$(CONFIG)/config.o -o $@

-include $(HYP_OBJS:.o=.d)
-include guests/baremetal/guest.mk
-include tools/tools.mk
-include configs/configs.mk
-include tools/fetch/fetch.mk
-include guests/linux/linux.mk
-include linux/linux.mk
-include tests/unit/unit.mk
-include tests/fuzz/fuzz.mk
-include tests/tests.mk
-include bench/bench.mk
-include tests/soak.mk
-include tests/static/static.mk

clean:
	rm -rf $(CLEAN_DIRS)
