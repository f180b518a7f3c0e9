# SPDX-License-Identifier: Apache-2.0
# The RISC-V (rv64) part of the test guest, included by guest.mk.

CROSS_COMPILE ?= riscv64-linux-gnu-
# Beside the Arm images, which keep $(BUILD)/guests/baremetal.
GUEST_OUT_DIR := guests/baremetal-riscv

GUEST_ARCH_SRCS := $(wildcard $(GUEST_DIR)/arch/riscv/*.c) \
		   $(wildcard $(GUEST_DIR)/arch/riscv/*.S)
# No F/D: nothing enables the FPU. medany: the image runs above 2 GiB.
GUEST_ARCH_CFLAGS := -march=rv64imac_zicsr_zifencei -mabi=lp64 \
		     -mcmodel=medany
GUEST_LDSCRIPT := $(GUEST_DIR)/arch/riscv/guest.ld
# RAM starts at 0x80000000; the first 2 MiB are the firmware's (natively,
# OpenSBI), and the image is loaded and entered right after them.
GUEST_LOAD_ADDR ?= 0x80200000
