# SPDX-License-Identifier: Apache-2.0
# Host tools, built with $(HOSTCC): tessera-config, and the pieces of mkconfig
# that configs/configs.mk links with each configuration. Include this before
# configs/configs.mk, tests/unit/unit.mk and tests/fuzz/fuzz.mk.

TOOLS_OUT := $(BUILD)/tools
TOOLS_CFLAGS := -std=c11 -O2 -g -Wall -Wextra -Werror $(HOSTCFLAGS)
# TESSERA_HOST: src/lib/string.h becomes the C library's.
TOOLS_CPPFLAGS := -D_DEFAULT_SOURCE -DTESSERA_HOST -Iinclude -Isrc -Itools

# The validator and the boards: the very sources the hypervisor compiles.
VMDESC_HOST_SRCS := src/core/vmdesc.c src/platform/platforms.c \
	$(sort $(wildcard src/platform/*/platform_desc.c))
VMDESC_HOST_OBJS := $(patsubst %.c,$(TOOLS_OUT)/obj/%.o,$(VMDESC_HOST_SRCS))

MKCONFIG_OBJS := $(TOOLS_OUT)/obj/tools/mkconfig/mkconfig.o \
	$(TOOLS_OUT)/obj/tools/mkconfig/serialize.o $(VMDESC_HOST_OBJS)

TESSERA_CONFIG_TOOL := $(TOOLS_OUT)/tessera-config
TESSERA_CONFIG_OBJS := $(TOOLS_OUT)/obj/tools/tessera-config/tessera-config.o \
	$(TOOLS_OUT)/obj/tools/tessera-config/dump.o $(VMDESC_HOST_OBJS)

$(TOOLS_OUT)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(HOSTCC) $(TOOLS_CFLAGS) $(TOOLS_CPPFLAGS) -MMD -MP -MF $@.d -c $< -o $@

$(TESSERA_CONFIG_TOOL): $(TESSERA_CONFIG_OBJS)
	$(HOSTCC) $(TOOLS_CFLAGS) $^ -o $@

.PHONY: tools
tools: $(TESSERA_CONFIG_TOOL) $(MKCONFIG_OBJS)

-include $(shell find $(TOOLS_OUT)/obj -name '*.o.d' 2>/dev/null)

CLEAN_DIRS += $(TOOLS_OUT)
