/*
 * Test: a colored hypervisor on RISC-V (see test-hyp-colors.c). Here no VM
 * fits in the frames it gives back (the guest image sits 2 MiB into its
 * memory), so only the pool's count shows them.
 */
#include <tessera/config.h>

TESSERA_HYP_COLORS(14, 15);

TESSERA_CONFIG(
    "qemu-riscv64-virt",
    VM(.name = "rt", .cpus = CPUS(0), .colors = COLORS(0, 1, 2, 3, 4, 5),
       .memory = REGIONS(RAM(0x80000000, 32 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal-riscv/colors.bin", 0x80200000)),
       .entry = 0x80200000, .console = NS16550(0x10000000, 10)),
    VM(.name = "bulk", .cpus = CPUS(1), .colors = COLORS(6, 7),
       .memory = REGIONS(RAM(0x80000000, 16 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal-riscv/colors.bin", 0x80200000)),
       .entry = 0x80200000, .console = NS16550(0x10000000, 10)),
    VM(.name = "tiny", .cpus = CPUS(2), .colors = COLORS(8, 9, 10, 11, 12, 13),
       .memory = REGIONS(RAM(0x80000000, 4 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal-riscv/colors.bin", 0x80200000)),
       .entry = 0x80200000, .console = NS16550(0x10000000, 10)),
    VM(.name = "plain", .cpus = CPUS(3),
       .memory = REGIONS(RAM(0x80000000, 16 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal-riscv/colors.bin", 0x80200000)),
       .entry = 0x80200000, .console = NS16550(0x10000000, 10)));
