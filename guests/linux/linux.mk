# SPDX-License-Identifier: Apache-2.0
# Hand-written device trees of Linux VMs (Linux VMs normally get a generated
# one, docs/guests.md): guests/linux/<name>.dts -> $(BUILD)/guests/linux/<name>.dtb,
# with the extent of the initramfs, which sits at LINUX_INITRD_ADDR, filled in.
LINUX_INITRD_ADDR := 0x48000000
LINUX_DTS_DIR := guests/linux
LINUX_OUT := $(BUILD)/guests/linux

.PHONY: linux-guests
linux-guests: $(patsubst $(LINUX_DTS_DIR)/%.dts,$(LINUX_OUT)/%.dtb,\
	$(wildcard $(LINUX_DTS_DIR)/*.dts))

$(LINUX_OUT)/%.dtb: $(LINUX_DTS_DIR)/%.dts $(BUILD)/linux/arm64/initramfs.cpio.gz
	@mkdir -p $(@D)
	cpp -nostdinc -undef -x assembler-with-cpp -P -I $(LINUX_DTS_DIR) \
		-DINITRD_START=$(LINUX_INITRD_ADDR) \
		-DINITRD_END=$$(printf '0x%x' $$(( $(LINUX_INITRD_ADDR) + \
			$$(stat -c %s $(BUILD)/linux/arm64/initramfs.cpio.gz) ))) \
		$< | dtc -q -I dts -O dtb -o $@ -

# OP-TEE and the Linux side of the per-VM TEE.
include guests/linux/optee.mk
