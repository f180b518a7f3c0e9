# SPDX-License-Identifier: Apache-2.0
# OP-TEE for the per-VM TEE (docs/tee.md), Debian's packages fetched at build
# time like the kernel (tools/fetch); included by guests/linux/linux.mk.
#
#   $(BUILD)/optee/arm64/root/                 optee-os, optee-test-qemu,
#       tee-supplicant, libteec2 and what they depend on, unpacked
#   $(BUILD)/optee/arm64/tee-pager_v2.bin      the trusted OS (flavour
#       vexpress-qemu_armv8a), loaded at 0x0e100000 by the TEE VM
#   $(BUILD)/linux/arm64/initramfs-optee.cpio.gz   the test initramfs with
#       tee.ko and optee.ko (loaded by /init), tee-supplicant, xtest, the
#       trusted applications in /lib/optee_armtz and their libraries
#   $(BUILD)/guests/linux/tee/linux-optee.dtb  the client's tree
#   $(BUILD)/guests/linux/tee/linux-optee-bench.dtb  the same, running the
#       TEE round-trip benchmark (guests/linux/tee/teebench.c) instead

OPTEE_DIR := $(BUILD)/optee/arm64
OPTEE_ROOT := $(OPTEE_DIR)/root
OPTEE_STAGE := $(OPTEE_DIR)/stage
OPTEE_PKGS := optee-os optee-test-qemu tee-supplicant libteec2
OPTEE_FLAVOUR := vexpress-qemu_armv8a
# What xtest, tee-supplicant, its plugin and the libraries need (sonames).
OPTEE_LIBS := libc.so.6 libm.so.6 libcrypto.so.3 libz.so.1 libzstd.so.1 \
	libgcc_s.so.1 libteec.so.2 libckteec.so.0
OPTEE_INITRAMFS := $(BUILD)/linux/arm64/initramfs-optee.cpio.gz
OPTEE_DTB := $(BUILD)/guests/linux/tee/linux-optee.dtb
OPTEE_BENCH_DTB := $(BUILD)/guests/linux/tee/linux-optee-bench.dtb
TEEBENCH := $(BUILD)/guests/linux/tee/teebench

.PHONY: optee-arm64
optee-arm64: $(OPTEE_DIR)/tee-pager_v2.bin $(OPTEE_INITRAMFS) $(OPTEE_DTB) \
	$(OPTEE_BENCH_DTB)

$(OPTEE_ROOT)/.fetched: $(TESSERA_FETCH) guests/linux/optee.mk
	rm -rf $(OPTEE_ROOT)
	$(TESSERA_FETCH) debs --arch arm64 --deps --out $(OPTEE_ROOT) $(OPTEE_PKGS)
	@touch $@

$(OPTEE_DIR)/tee-pager_v2.bin: $(OPTEE_ROOT)/.fetched
	cp $(OPTEE_ROOT)/usr/lib/optee/$(OPTEE_FLAVOUR)/tee-pager_v2.bin $@

# Debian's merged /usr, folded into the initramfs's own /lib (the loader is
# /lib/ld-linux-aarch64.so.1, TAs are looked for in /lib/optee_armtz), files
# under their sonames; /usr/lib/optee_armtz as Debian has it.
$(OPTEE_STAGE)/.staged: $(OPTEE_ROOT)/.fetched
	rm -rf $(OPTEE_STAGE)
	mkdir -p $(OPTEE_STAGE)/bin $(OPTEE_STAGE)/lib/aarch64-linux-gnu \
		$(OPTEE_STAGE)/usr/lib
	cp -L $(OPTEE_ROOT)/usr/bin/xtest $(OPTEE_ROOT)/usr/sbin/tee-supplicant \
		$(OPTEE_STAGE)/bin/
	cp -L $(OPTEE_ROOT)/usr/lib/ld-linux-aarch64.so.1 $(OPTEE_STAGE)/lib/
	for l in $(OPTEE_LIBS); do \
		cp -L $(OPTEE_ROOT)/usr/lib/aarch64-linux-gnu/$$l \
			$(OPTEE_STAGE)/lib/aarch64-linux-gnu/ || exit 1; done
	cp -rL $(OPTEE_ROOT)/usr/lib/optee_armtz $(OPTEE_STAGE)/lib/
	cp -rL $(OPTEE_ROOT)/usr/lib/tee-supplicant $(OPTEE_STAGE)/usr/lib/
	ln -s ../../lib/optee_armtz $(OPTEE_STAGE)/usr/lib/optee_armtz
	@touch $@

# A static Linux program: Debian's cross compiler and its glibc, as a user
# would build one.
$(TEEBENCH): guests/linux/tee/teebench.c
	@mkdir -p $(@D)
	$(LINUX_CROSS)gcc -std=gnu11 -static -O2 -Wall -Wextra -Werror \
		$< -o $@

$(OPTEE_INITRAMFS): $(OPTEE_STAGE)/.staged $(TESSERA_FETCH_DIR)/init.sh \
		$(TESSERA_FETCH) $(TESSERA_LINUX_SCRIPTS) $(BUILD)/linux/arm64/Image \
		$(TEEBENCH)
	$(TESSERA_FETCH) initramfs --arch arm64 --out $@ \
		--linux $(BUILD)/linux/arm64 --modules optee \
		$(foreach s,$(TESSERA_LINUX_SCRIPTS),--script $(s)) \
		--add $(OPTEE_STAGE)/bin/xtest:/bin/xtest \
		--add $(OPTEE_STAGE)/bin/tee-supplicant:/bin/tee-supplicant \
		--add $(TEEBENCH):/bin/teebench \
		--add $(OPTEE_STAGE)/lib/ld-linux-aarch64.so.1:/lib/ld-linux-aarch64.so.1 \
		--add $(OPTEE_STAGE)/lib/aarch64-linux-gnu:/lib/aarch64-linux-gnu \
		--add $(OPTEE_STAGE)/lib/optee_armtz:/lib/optee_armtz \
		--add $(OPTEE_STAGE)/usr/lib:/usr/lib

# The tree, with the initramfs's extent and the command line (BOOTARGS).
optee_dtb = @mkdir -p $(@D); \
	cpp -nostdinc -undef -x assembler-with-cpp -P \
		-DINITRD_START=$(LINUX_INITRD_ADDR) \
		-DINITRD_END=$$(printf '0x%x' $$(( $(LINUX_INITRD_ADDR) + \
			$$(stat -c %s $(OPTEE_INITRAMFS)) ))) $(1) \
		$< | dtc -q -I dts -O dtb -o $@ -

$(OPTEE_DTB): guests/linux/tee/linux-optee.dts $(OPTEE_INITRAMFS)
	$(call optee_dtb,)

$(OPTEE_BENCH_DTB): guests/linux/tee/linux-optee.dts $(OPTEE_INITRAMFS)
	$(call optee_dtb,-DRUN=teebench)
