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
