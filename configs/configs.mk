# SPDX-License-Identifier: Apache-2.0
# Configurations: configs/<name>.c is compiled with $(HOSTCC), linked with
# mkconfig into $(BUILD)/configs/<name>-gen, and run to write
# $(BUILD)/configs/<name>.blob (images embedded, validated against the board;
# a bad configuration fails here with the validator's message).
#
# The blob depends on its images through $(BUILD)/configs/<name>.blob.d,
# written by the generator. For the blobs this run will build, that file is
# also a makefile make knows how to remake (--deps-only needs no image), so
# even a first build learns the images, and builds them, before the blob.
# Needs tools/tools.mk first; guest images come from their own rules.

ifndef MKCONFIG_OBJS
$(error include tools/tools.mk before configs/configs.mk)
endif

CONFIG_OUT := $(BUILD)/configs
# The configurations written for this platform (they name it in TESSERA_CONFIG).
CONFIG_NAMES := $(patsubst configs/%.c,%,$(sort $(shell grep -l '"$(PLATFORM)"' configs/*.c)))
CONFIG_BLOBS := $(patsubst %,$(CONFIG_OUT)/%.blob,$(CONFIG_NAMES))

$(CONFIG_OUT)/%.o: configs/%.c
	@mkdir -p $(@D)
	$(HOSTCC) $(TOOLS_CFLAGS) $(TOOLS_CPPFLAGS) -MMD -MP -MF $@.d -c $< -o $@

$(CONFIG_OUT)/%-gen: $(CONFIG_OUT)/%.o $(MKCONFIG_OBJS)
	$(HOSTCC) $(TOOLS_CFLAGS) $^ $(TOOLS_LDLIBS) -o $@

$(CONFIG_OUT)/%.blob.d: $(CONFIG_OUT)/%-gen
	$< --root $(BUILD) --out $(CONFIG_OUT)/$*.blob --deps $@ --deps-only \
		--source configs/$*.c

$(CONFIG_OUT)/%.blob: configs/%.c $(CONFIG_OUT)/%-gen
	$(CONFIG_OUT)/$*-gen --root $(BUILD) --out $@ --deps $@.d --source $<

.PRECIOUS: $(CONFIG_OUT)/%.o $(CONFIG_OUT)/%-gen $(CONFIG_OUT)/%.blob.d

.PHONY: configs check-configs check-trees
# Every example configuration, built and checked by the host tool.
configs: $(CONFIG_BLOBS)
check-configs: $(CONFIG_BLOBS) $(TESSERA_CONFIG_TOOL)
	$(TESSERA_CONFIG_TOOL) check $(CONFIG_BLOBS)

# Every VM's device tree (generated, and any in the blob) decompiled by dtc
# into $(BUILD)/tests/trees/<config>/<vm>.dts and checked against the
# description (tests/dtb/check-trees.c).
TREE_CHECK := $(TOOLS_OUT)/check-trees
$(TREE_CHECK): $(TOOLS_OUT)/obj/tests/dtb/check-trees.o $(VMDESC_HOST_OBJS)
	$(HOSTCC) $(TOOLS_CFLAGS) $^ $(TOOLS_LDLIBS) -o $@
check-trees: $(CONFIG_BLOBS) $(TESSERA_CONFIG_TOOL) $(TREE_CHECK)
	$(TREE_CHECK) --tool $(TESSERA_CONFIG_TOOL) --out $(BUILD)/tests/trees \
		$(CONFIG_BLOBS)

# Which blobs' image lists make must know before it starts building.
ifneq ($(filter configs check-configs check-trees fuzz-corpus,$(MAKECMDGOALS)),)
CONFIG_TRACKED := $(CONFIG_NAMES)
else
CONFIG_TRACKED := $(filter $(CONFIG_NAMES),$(CONFIG) \
	$(patsubst $(CONFIG_OUT)/%.blob,%,$(filter %.blob,$(MAKECMDGOALS))))
endif

ifeq ($(filter clean distclean,$(MAKECMDGOALS)),)
-include $(sort $(wildcard $(CONFIG_OUT)/*.blob.d) \
	$(patsubst %,$(CONFIG_OUT)/%.blob.d,$(CONFIG_TRACKED)))
-include $(wildcard $(CONFIG_OUT)/*.o.d)
endif

CLEAN_DIRS += $(CONFIG_OUT)
