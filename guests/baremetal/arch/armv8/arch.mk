# SPDX-License-Identifier: Apache-2.0
# The Armv8-A part of the test guest, included by guest.mk.

CROSS_COMPILE ?= aarch64-linux-gnu-
# Where the configurations expect the images: $(BUILD)/guests/baremetal.
GUEST_OUT_DIR := guests/baremetal

GUEST_ARCH_SRCS := $(wildcard $(GUEST_DIR)/arch/armv8/*.c) \
		   $(wildcard $(GUEST_DIR)/arch/armv8/*.S)
# No FP/SIMD: nothing enables it. Atomics inline: there is no libgcc.
GUEST_ARCH_CFLAGS := -mgeneral-regs-only -mno-outline-atomics
GUEST_LDSCRIPT := $(GUEST_DIR)/arch/armv8/guest.ld
# The start of the VM's RAM, where the image is loaded and entered.
GUEST_LOAD_ADDR ?= 0x40000000
# The trusted OS (tests/trustos.c) runs in a TEE VM, whose memory must not
# overlap its client's (the TEE sees the client's memory at the client's
# addresses); its client (tests/teeclient.c) leaves the hypervisor's
# physical address, 0x40000000, unmapped in the TEE.
GUEST_LOAD_ADDR_trustos ?= 0x50000000
GUEST_LOAD_ADDR_teeclient ?= 0x48000000
