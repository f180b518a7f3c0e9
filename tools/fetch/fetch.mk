# SPDX-License-Identifier: Apache-2.0
# Debian's Linux kernel and Tessera's busybox initramfs, fetched at build time.
# Included by the top Makefile.  Downloads stay in the cache
# (TESSERA_CACHE, default ${XDG_CACHE_HOME:-~/.cache}/tessera), never here.
#
#   make linux-arm64     $(BUILD)/linux/arm64/{Image,modules,version,initramfs.cpio.gz}
#   make linux-riscv64   the same for riscv64
#
# The kernel version is whatever Debian's linux-image-ARCH points to when the
# Image is first made; delete $(BUILD)/linux/ARCH (or run the tool by hand) to
# pick up a newer one.

BUILD ?= build
TESSERA_FETCH_DIR := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
TESSERA_FETCH ?= $(TESSERA_FETCH_DIR)/tessera-fetch
TESSERA_LINUX_ARCHES := arm64 riscv64
# Test programs of the initramfs, run with tessera.run=<name>.
TESSERA_LINUX_SCRIPTS := $(wildcard guests/linux/scripts/*)
# More files for an arch's initramfs: TESSERA_INITRAMFS_ADD_<arch> holds
# SRC:DEST pairs (read when the rule runs, so later fragments may set it, as
# linux/linux.mk does, adding the SRC files as prerequisites themselves).

define tessera_linux_rules
$(BUILD)/linux/$(1)/Image:
	$(TESSERA_FETCH) linux --arch $(1) --out $(BUILD)/linux/$(1)
	@touch $$@

$(BUILD)/linux/$(1)/initramfs.cpio.gz: $(TESSERA_FETCH_DIR)/init.sh $(TESSERA_FETCH) \
		$(TESSERA_LINUX_SCRIPTS)
	$(TESSERA_FETCH) initramfs --arch $(1) --out $$@ \
		$(foreach s,$(TESSERA_LINUX_SCRIPTS),--script $(s)) \
		$$(foreach a,$$(TESSERA_INITRAMFS_ADD_$(1)),--add $$(a))

.PHONY: linux-$(1)
linux-$(1): $(BUILD)/linux/$(1)/Image $(BUILD)/linux/$(1)/initramfs.cpio.gz
endef

$(foreach a,$(TESSERA_LINUX_ARCHES),$(eval $(call tessera_linux_rules,$(a))))
