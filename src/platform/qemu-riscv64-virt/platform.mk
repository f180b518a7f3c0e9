# QEMU virt (RISC-V): OpenSBI (-bios default, fw_dynamic) owns the first
# 2 MiB of RAM and enters the image in HS-mode at 0x80200000.
DEFAULT_CONFIG := riscv-demo
ARCH := riscv
CROSS_COMPILE ?= riscv64-linux-gnu-
HYP_BASE := 0x80200000
PLATFORM_SRCS := src/platform/qemu-riscv64-virt/platform.c \
	src/platform/qemu-riscv64-virt/platform_desc.c
# platform_desc.c's hyp_reserved (32 MiB) counts from the start of RAM and
# includes OpenSBI's 2 MiB below HYP_BASE; the linker counts from HYP_BASE,
# so the blob lands at RAM + hyp_reserved as the core expects (checked at
# boot by arch_boot).
HYP_RESERVED := 0x1e00000
# No floating point in the hypervisor: guests own the FP registers.
ARCH_CFLAGS := -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany
QEMU := qemu-system-riscv64
QEMU_MACHINE := -machine virt -cpu rv64 -smp 4 -m 1G -bios default

