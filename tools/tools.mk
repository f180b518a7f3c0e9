# SPDX-License-Identifier: Apache-2.0
# Host tools, built with $(HOSTCC): tessera-config, and the pieces of mkconfig
# that configs/configs.mk links with each configuration (and $(TOOLS_LDLIBS)).
# Include this before configs/configs.mk, tests/unit/unit.mk and
# tests/fuzz/fuzz.mk.

TOOLS_OUT := $(BUILD)/tools
TOOLS_CFLAGS := -std=c11 -O2 -g -Wall -Wextra -Werror $(HOSTCFLAGS)
# TESSERA_HOST: src/lib/string.h becomes the C library's.
TOOLS_CPPFLAGS := -D_DEFAULT_SOURCE -DTESSERA_HOST -Iinclude -Isrc -Itools \
	$(LLC_DEFS)

# The validator and the boards: the very sources the hypervisor compiles.
VMDESC_HOST_SRCS := src/core/vmdesc.c src/platform/platforms.c \
	$(sort $(wildcard src/platform/*/platform_desc.c))
VMDESC_HOST_OBJS := $(patsubst %.c,$(TOOLS_OUT)/obj/%.o,$(VMDESC_HOST_SRCS))
$(filter %/platform_desc.o,$(VMDESC_HOST_OBJS)): $(LLC_STAMP)

# The device-tree generator (tools/dtb) with every board's own tree, compiled
# from src/platform/<board>/qemu.dtb.dts and linked in (table
# vmdtb_board_trees: name, start, end). Linked with libfdt.
DTC ?= dtc
TOOLS_LDLIBS := -lfdt
BOARD_TREE_NAMES := $(patsubst src/platform/%/qemu.dtb.dts,%,\
	$(sort $(wildcard src/platform/*/qemu.dtb.dts)))
BOARD_TREE_DTBS := $(patsubst %,$(TOOLS_OUT)/boards/%.dtb,$(BOARD_TREE_NAMES))
BOARD_TREES_OBJ := $(TOOLS_OUT)/obj/board-trees.o
VMDTB_OBJS := $(TOOLS_OUT)/obj/tools/dtb/vmdtb.o $(BOARD_TREES_OBJ)

MKCONFIG_OBJS := $(TOOLS_OUT)/obj/tools/mkconfig/mkconfig.o \
	$(TOOLS_OUT)/obj/tools/mkconfig/serialize.o $(VMDTB_OBJS) \
	$(VMDESC_HOST_OBJS)

TESSERA_CONFIG_TOOL := $(TOOLS_OUT)/tessera-config
TESSERA_CONFIG_OBJS := $(TOOLS_OUT)/obj/tools/tessera-config/tessera-config.o \
	$(TOOLS_OUT)/obj/tools/tessera-config/dump.o $(VMDTB_OBJS) \
	$(VMDESC_HOST_OBJS)

$(TOOLS_OUT)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(HOSTCC) $(TOOLS_CFLAGS) $(TOOLS_CPPFLAGS) -MMD -MP -MF $@.d -c $< -o $@

$(TOOLS_OUT)/boards/%.dtb: src/platform/%/qemu.dtb.dts
	@mkdir -p $(@D)
	$(DTC) -q -I dts -O dtb -o $@ $<

# .dc.a: a pointer of the host; .data.rel.ro: pointers a PIE relocates.
$(BOARD_TREES_OBJ): $(BOARD_TREE_DTBS) tools/tools.mk
	@mkdir -p $(@D)
	{ printf '\t.section .data.rel.ro, "aw"\n\t.balign 8\n'; \
	  printf '\t.globl vmdtb_board_trees\nvmdtb_board_trees:\n'; \
	  i=0; for b in $(BOARD_TREE_NAMES); do i=$$((i + 1)); \
		printf '\t.dc.a .Ln%d, .Ls%d, .Le%d\n' $$i $$i $$i; done; \
	  printf '\t.dc.a 0, 0, 0\n\t.section .rodata\n'; \
	  i=0; for b in $(BOARD_TREE_NAMES); do i=$$((i + 1)); \
		printf '.Ln%d:\t.asciz "%s"\n\t.balign 8\n' $$i $$b; \
		printf '.Ls%d:\t.incbin "%s"\n.Le%d:\n' $$i \
			$(abspath $(TOOLS_OUT)/boards)/$$b.dtb $$i; done; \
	  printf '\t.section .note.GNU-stack, "", %%progbits\n'; } | \
		$(HOSTCC) -x assembler -c - -o $@

$(TESSERA_CONFIG_TOOL): $(TESSERA_CONFIG_OBJS)
	$(HOSTCC) $(TOOLS_CFLAGS) $^ $(TOOLS_LDLIBS) -o $@

.PHONY: tools
tools: $(TESSERA_CONFIG_TOOL) $(MKCONFIG_OBJS)

-include $(shell find $(TOOLS_OUT)/obj -name '*.o.d' 2>/dev/null)

CLEAN_DIRS += $(TOOLS_OUT)
