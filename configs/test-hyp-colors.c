/*
 * Test: a colored hypervisor. It moves its image onto frames of colors 14
 * and 15 at boot and gives its old frames back; "tiny" is small enough to
 * get all of those. Every VM must see exactly its colors and frames, as in
 * test-colors.c, and run.
 */
#include <tessera/config.h>

TESSERA_HYP_COLORS(14, 15);

TESSERA_CONFIG(
    "qemu-aarch64-virt",
    VM(.name = "rt", .cpus = CPUS(0), .colors = COLORS(0, 1, 2, 3, 4, 5),
       .memory = REGIONS(RAM(0x40000000, 32 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/colors.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)),
    VM(.name = "bulk", .cpus = CPUS(1), .colors = COLORS(6, 7),
       .memory = REGIONS(RAM(0x40000000, 16 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/colors.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)),
    VM(.name = "tiny", .cpus = CPUS(2), .colors = COLORS(8, 9, 10, 11, 12, 13),
       .memory = REGIONS(RAM(0x40000000, 256 * KiB)),
       .images = IMAGES(IMAGE("guests/baremetal/colors.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)),
    VM(.name = "plain", .cpus = CPUS(3),
       .memory = REGIONS(RAM(0x40000000, 16 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/colors.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)));
