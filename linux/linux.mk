# SPDX-License-Identifier: Apache-2.0
# The Linux side of dynamic VMs (docs/dynamic-vms.md), included by the top
# Makefile after tools/fetch/fetch.mk, configs/configs.mk and the guests:
#
#   make linux-module   $(BUILD)/linux/arm64/driver/tessera.ko, for exactly the
#                       kernel in $(BUILD)/linux/arm64 (Debian's), built with
#                       Debian's headers and kbuild (tessera-fetch kbuild)
#   make linux-cli      $(BUILD)/linux/arm64/tessera-vm, static
#
# Both, the children's descriptions ($(BUILD)/configs/linux-child.blob,
# linux-child-16m.blob) and their image (vmchild.bin) go into the arm64
# initramfs under /opt/tessera, with tessera-vm as /bin/tessera-vm;
# guests/linux/scripts/vmstack uses them.
#
# The module is cross-built with this machine's aarch64-linux-gnu-gcc
# (Debian 12: gcc 12) although Debian built the kernel with gcc 14. Two
# kbuild settings that gcc 14 gave the kernel are switched off on the
# command line (docs/dynamic-vms.md, "Building the module"):
#   CONFIG_CC_HAS_MIN_FUNCTION_ALIGNMENT=  gcc 12 has no
#       -fmin-function-alignment; kbuild falls back to -falign-functions=8,
#       which gcc skips for cold (__init, __exit) functions, so the driver
#       aligns those itself and the rule below checks every function is
#       8-byte aligned (ftrace's call ops rely on it);
#   CONFIG_DEBUG_INFO_BTF_MODULES=  no BTF for the module (it needs pahole,
#       of the version the kernel was built with).

LINUX_ARCH_DIR := $(BUILD)/linux/arm64
LINUX_KBUILD := $(LINUX_ARCH_DIR)/kbuild
LINUX_MODULE_DIR := $(LINUX_ARCH_DIR)/driver
LINUX_MODULE := $(LINUX_MODULE_DIR)/tessera.ko
LINUX_CLI := $(LINUX_ARCH_DIR)/tessera-vm
LINUX_CLI_CFLAGS := -std=gnu11 -O2 -Wall -Wextra -Werror -Iinclude -Ilinux/include
LINUX_CHILD_BLOB := $(BUILD)/configs/linux-child.blob
LINUX_CHILD16_BLOB := $(BUILD)/configs/linux-child-16m.blob
LINUX_CHILD_IMAGE := $(BUILD)/guests/baremetal/vmchild.bin
LINUX_CROSS ?= aarch64-linux-gnu-
LINUX_MODULE_CC ?= $(LINUX_CROSS)gcc
LINUX_MODULE_SRCS := linux/driver/tessera.c linux/driver/Kbuild \
	linux/driver/compat/stdint.h
LINUX_MODULE_HDRS := linux/include/tessera-ioctl.h include/tessera/ipc.h \
	include/tessera/hypercall.h include/tessera/vmdesc.h
# What gcc 14 had that this compiler lacks (nothing for a gcc 14 cross).
LINUX_MODULE_FIXES := CONFIG_DEBUG_INFO_BTF_MODULES= \
	$(shell $(LINUX_MODULE_CC) -fmin-function-alignment=8 -E -x c /dev/null \
		>/dev/null 2>&1 || echo CONFIG_CC_HAS_MIN_FUNCTION_ALIGNMENT=)

.PHONY: linux-module linux-cli
linux-module: $(LINUX_MODULE)
linux-cli: $(LINUX_CLI)

# Debian's headers for the kernel tessera-fetch put in $(LINUX_ARCH_DIR).
$(LINUX_KBUILD)/.tessera-kbuild: $(LINUX_ARCH_DIR)/Image $(TESSERA_FETCH)
	$(TESSERA_FETCH) kbuild --arch arm64 --linux $(LINUX_ARCH_DIR) \
		--out $(LINUX_KBUILD)
	@touch $@

# Kbuild writes next to the sources: build a copy under $(BUILD). MAKEFLAGS
# is cleared so our command-line variables (BUILD, CONFIG...) stay ours.
$(LINUX_MODULE): $(LINUX_MODULE_SRCS) $(LINUX_MODULE_HDRS) \
		$(LINUX_KBUILD)/.tessera-kbuild linux/linux.mk
	@mkdir -p $(LINUX_MODULE_DIR)/compat
	cp linux/driver/tessera.c linux/driver/Kbuild $(LINUX_MODULE_DIR)/
	cp linux/driver/compat/stdint.h $(LINUX_MODULE_DIR)/compat/
	env MAKEFLAGS= $(MAKE) -s -C $(LINUX_KBUILD)/build \
		M=$(abspath $(LINUX_MODULE_DIR)) TESSERA_ROOT=$(CURDIR) \
		CC=$(LINUX_MODULE_CC) $(LINUX_MODULE_FIXES) modules
	@$(LINUX_CROSS)readelf -sW $@ | awk '$$4 == "FUNC" && $$2 !~ /[08]$$/ \
		{ print "$@: " $$8 " not 8-byte aligned"; bad = 1 } END { exit bad }'
	@$(LINUX_CROSS)readelf -SW $@ | sed 's/^ *\[ *[0-9]*\]//' | \
		awk '$$1 ~ /^\.((init|exit)\.)?text$$/ && $$5 !~ /^0+$$/ && $$NF < 8 { print "$@: " \
		$$1 " aligned to " $$NF; bad = 1 } END { exit bad }'

$(LINUX_CLI): linux/cli/tessera-vm.c linux/include/tessera-ioctl.h include/tessera/ipc.h \
		include/tessera/hypercall.h include/tessera/vmdesc.h linux/linux.mk
	@mkdir -p $(@D)
	$(LINUX_CROSS)gcc -static $(LINUX_CLI_CFLAGS) $< -o $@

TESSERA_INITRAMFS_ADD_arm64 += $(LINUX_MODULE):/opt/tessera/tessera.ko \
	$(LINUX_CLI):/bin/tessera-vm \
	$(LINUX_CHILD_BLOB):/opt/tessera/linux-child.blob \
	$(LINUX_CHILD16_BLOB):/opt/tessera/linux-child-16m.blob \
	$(LINUX_CHILD_IMAGE):/opt/tessera/vmchild.bin
$(LINUX_ARCH_DIR)/initramfs.cpio.gz: $(LINUX_MODULE) $(LINUX_CLI) \
	$(LINUX_CHILD_BLOB) $(LINUX_CHILD16_BLOB) $(LINUX_CHILD_IMAGE)
