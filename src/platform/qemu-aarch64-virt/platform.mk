# QEMU virt (Arm): the image is linked at the start of RAM, where QEMU's
# -kernel loader puts an ELF file and enters it at EL2.
DEFAULT_CONFIG := linux-demo
ARCH := armv8
CROSS_COMPILE ?= aarch64-linux-gnu-
HYP_BASE := 0x40000000
PLATFORM_SRCS := src/platform/qemu-aarch64-virt/platform.c \
	src/platform/qemu-aarch64-virt/platform_desc.c \
	src/platform/drivers/pl011.c
# Must equal hyp_reserved in platform_desc.c: the linker checks the image fits.
HYP_RESERVED := 0x1000000
ARCH_CFLAGS := -mgeneral-regs-only -mcpu=cortex-a53 -mno-outline-atomics
QEMU := qemu-system-aarch64
QEMU_MACHINE := -machine virt,virtualization=on,gic-version=3 -cpu cortex-a53 \
	-smp 4 -m 1G
