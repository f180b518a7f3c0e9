/* Test: cache coloring on RISC-V (see test-colors.c). */
#include <tessera/config.h>

TESSERA_CONFIG(
    "qemu-riscv64-virt",
    VM(.name = "rt", .cpus = CPUS(0), .colors = COLORS(0, 1, 2, 3, 4, 5),
       .memory = REGIONS(RAM(0x80000000, 32 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal-riscv/colors.bin", 0x80200000)),
       .entry = 0x80200000, .console = NS16550(0x10000000, 10)),
    VM(.name = "bulk", .cpus = CPUS(1),
       .colors = COLORS(6, 7, 8, 9, 10, 11, 12, 13),
       .memory = REGIONS(RAM(0x80000000, 64 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal-riscv/colors.bin", 0x80200000)),
       .entry = 0x80200000, .console = NS16550(0x10000000, 10)),
    VM(.name = "monitor", .cpus = CPUS(2), .flags = SHARE_COLORS,
       .colors = COLORS(12, 13), .memory = REGIONS(RAM(0x80000000, 16 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal-riscv/colors.bin", 0x80200000)),
       .entry = 0x80200000, .console = NS16550(0x10000000, 10)),
    VM(.name = "plain", .cpus = CPUS(3),
       .memory = REGIONS(RAM(0x80000000, 16 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal-riscv/colors.bin", 0x80200000)),
       .entry = 0x80200000, .console = NS16550(0x10000000, 10)));
