# SPDX-License-Identifier: Apache-2.0
# Device trees of Linux VMs: guests/linux/<name>.dts -> $(BUILD)/guests/linux/<name>.dtb,
# with the initramfs's extent filled in (it sits at LINUX_INITRD_ADDR).
LINUX_INITRD_ADDR := 0x48000000
LINUX_DTS_DIR := guests/linux
LINUX_OUT := $(BUILD)/guests/linux

.PHONY: linux-guests
linux-guests: $(patsubst $(LINUX_DTS_DIR)/%.dts,$(LINUX_OUT)/%.dtb,\
	$(wildcard $(LINUX_DTS_DIR)/*.dts))

$(LINUX_OUT)/%.dtb: $(LINUX_DTS_DIR)/%.dts $(wildcard $(LINUX_DTS_DIR)/*.dtsi) \
		$(BUILD)/linux/arm64/initramfs.cpio.gz
	@mkdir -p $(@D)
	cpp -nostdinc -undef -x assembler-with-cpp -P -I $(LINUX_DTS_DIR) \
		-DINITRD_START=$(LINUX_INITRD_ADDR) \
		-DINITRD_END=$$(printf '0x%x' $$(( $(LINUX_INITRD_ADDR) + \
			$$(stat -c %s $(BUILD)/linux/arm64/initramfs.cpio.gz) ))) \
		$< | dtc -q -I dts -O dtb -o $@ -
