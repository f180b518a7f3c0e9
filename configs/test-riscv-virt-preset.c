/* Test: the QEMU virt preset on RISC-V (see test-virt-preset.c). */
#include <tessera/config.h>

TESSERA_CONFIG(
    "qemu-riscv64-virt",
    VM(.name = "virt", .cpus = CPUS(1, 2), QEMU_VIRT_RISCV64(64 * MiB),
       .images = IMAGES(IMAGE("guests/baremetal-riscv/fdt.bin", 0x80200000)),
       .entry = 0x80200000));
