# SPDX-License-Identifier: Apache-2.0
#
# The baremetal test guest, as a fragment of the top Makefile, which
# defines BUILD, ARCH (armv8, riscv) and usually CROSS_COMPILE first. Every
# tests/<name>.c becomes <name>.elf and <name>.bin in $(GUEST_OUT), linked
# with the shared core (core/) and the arch library (arch/$(ARCH)/). The
# arch names the directory, so the builds of both can share one BUILD:
# $(BUILD)/guests/baremetal (armv8), $(BUILD)/guests/baremetal-riscv.
#
# Knobs: GUEST_CFLAGS (extra flags for everything), GUEST_CFLAGS_<name>
# (for one test, e.g. GUEST_CFLAGS_hello=-DTICKS=5), GUEST_LOAD_ADDR and
# GUEST_LOAD_ADDR_<name> (for one test).
# A change to any of them rebuilds the guest.

GUEST_DIR := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))

# Sets GUEST_OUT_DIR, GUEST_ARCH_SRCS, GUEST_ARCH_CFLAGS, GUEST_LDSCRIPT,
# GUEST_LOAD_ADDR, and CROSS_COMPILE unless it is set already.
include $(GUEST_DIR)/arch/$(ARCH)/arch.mk

GUEST_OUT := $(BUILD)/$(GUEST_OUT_DIR)
GUEST_OBJ := $(GUEST_OUT)/obj

GUEST_CC := $(CROSS_COMPILE)gcc
GUEST_OBJCOPY := $(CROSS_COMPILE)objcopy

GUEST_SRCS := $(wildcard $(GUEST_DIR)/core/*.c) $(GUEST_ARCH_SRCS)
GUEST_C_OBJS := $(patsubst $(GUEST_DIR)/%.c,$(GUEST_OBJ)/%.o,\
			   $(filter %.c,$(GUEST_SRCS)))
GUEST_S_OBJS := $(patsubst $(GUEST_DIR)/%.S,$(GUEST_OBJ)/%.o,\
			   $(filter %.S,$(GUEST_SRCS)))
GUEST_LIB_OBJS := $(GUEST_C_OBJS) $(GUEST_S_OBJS)
GUEST_TESTS := $(basename $(notdir $(wildcard $(GUEST_DIR)/tests/*.c)))
GUEST_TEST_OBJS := $(GUEST_TESTS:%=$(GUEST_OBJ)/tests/%.o)
GUEST_ELFS := $(GUEST_TESTS:%=$(GUEST_OUT)/%.elf)
GUEST_BINS := $(GUEST_TESTS:%=$(GUEST_OUT)/%.bin)

GUEST_ALL_CFLAGS := -std=c11 -ffreestanding -nostdlib -O2 -g \
	-Wall -Wextra -Werror \
	-fno-pie -fno-stack-protector -fno-common \
	-fno-asynchronous-unwind-tables -fno-tree-loop-distribute-patterns \
	$(GUEST_ARCH_CFLAGS) \
	-I$(GUEST_DIR)/include -I$(GUEST_DIR)/arch/$(ARCH)/include \
	-I$(GUEST_DIR)/../../include \
	$(GUEST_CFLAGS)
GUEST_LDFLAGS := -nostdlib -static -no-pie -Wl,--build-id=none \
	-Wl,-z,noexecstack
guest_load_addr = $(or $(GUEST_LOAD_ADDR_$(1)),$(GUEST_LOAD_ADDR))

# Objects depend on this file, rewritten only when the flags change.
GUEST_FLAGS_FILE := $(GUEST_OBJ)/flags
GUEST_FLAGS := $(GUEST_CC) $(GUEST_ALL_CFLAGS) $(GUEST_LDFLAGS) \
	$(foreach t,$(GUEST_TESTS),$(t): $(GUEST_CFLAGS_$(t)) \
		$(call guest_load_addr,$(t)))
guest_differ = $(subst $(1),,$(2))$(subst $(2),,$(1))

.PHONY: guests guests-flags-check
guests: $(GUEST_ELFS) $(GUEST_BINS)

# Runs every time, but only touches the file when the flags differ.
$(GUEST_FLAGS_FILE): guests-flags-check
	$(if $(call guest_differ,$(GUEST_FLAGS),$(file <$@)),\
		$(shell mkdir -p $(@D))$(file >$@,$(GUEST_FLAGS)))

$(GUEST_C_OBJS): $(GUEST_OBJ)/%.o: $(GUEST_DIR)/%.c $(GUEST_FLAGS_FILE)
	@mkdir -p $(@D)
	$(Q)$(GUEST_CC) $(GUEST_ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(GUEST_S_OBJS): $(GUEST_OBJ)/%.o: $(GUEST_DIR)/%.S $(GUEST_FLAGS_FILE)
	@mkdir -p $(@D)
	$(Q)$(GUEST_CC) $(GUEST_ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(GUEST_TEST_OBJS): $(GUEST_OBJ)/tests/%.o: $(GUEST_DIR)/tests/%.c \
		$(GUEST_FLAGS_FILE)
	@mkdir -p $(@D)
	$(Q)$(GUEST_CC) $(GUEST_ALL_CFLAGS) $(GUEST_CFLAGS_$*) -MMD -MP \
		-c -o $@ $<

$(GUEST_ELFS): $(GUEST_OUT)/%.elf: $(GUEST_OBJ)/tests/%.o \
		$(GUEST_LIB_OBJS) $(GUEST_LDSCRIPT)
	$(Q)$(GUEST_CC) $(GUEST_ALL_CFLAGS) $(GUEST_LDFLAGS) \
		-Wl,--defsym=GUEST_LOAD_ADDR=$(call guest_load_addr,$*) \
		-T $(GUEST_LDSCRIPT) -o $@ $(filter %.o,$^)

$(GUEST_BINS): %.bin: %.elf
	$(Q)$(GUEST_OBJCOPY) -O binary $< $@

-include $(GUEST_LIB_OBJS:.o=.d) $(GUEST_TEST_OBJS:.o=.d)

CLEAN_DIRS += $(GUEST_OUT)
