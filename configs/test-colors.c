/*
 * Test: cache coloring (16 colors on this board). Each VM asks for its own
 * frame report (guests/baremetal/tests/colors.c), which must show exactly
 * its colors and its memory size in frames: "rt" and "bulk" have colors of
 * their own, "monitor" shares two of bulk's on purpose, "plain" has none
 * and stays contiguous (one run). "tiles", shared by monitor and plain, is
 * on colors 14 and 15 (shared pages are no VM's: the reports leave them out).
 */
#include <tessera/config.h>

TESSERA_SHARED_MEMORY(SHMEM_COLORED("tiles", 256 * KiB, 14, 15));

TESSERA_CONFIG(
    "qemu-aarch64-virt",
    VM(.name = "rt", .cpus = CPUS(0), .colors = COLORS(0, 1, 2, 3, 4, 5),
       .memory = REGIONS(RAM(0x40000000, 32 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/colors.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)),
    VM(.name = "bulk", .cpus = CPUS(1),
       .colors = COLORS(6, 7, 8, 9, 10, 11, 12, 13),
       .memory = REGIONS(RAM(0x40000000, 64 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/colors.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)),
    VM(.name = "monitor", .cpus = CPUS(2), .flags = SHARE_COLORS,
       .colors = COLORS(12, 13), .memory = REGIONS(RAM(0x40000000, 16 * MiB)),
       .ipcs = IPCS(IPC("tiles", 0x50000000, 0)),
       .images = IMAGES(IMAGE("guests/baremetal/colors.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)),
    VM(.name = "plain", .cpus = CPUS(3),
       .memory = REGIONS(RAM(0x40000000, 16 * MiB)),
       .ipcs = IPCS(IPC("tiles", 0x50000000, 0)),
       .images = IMAGES(IMAGE("guests/baremetal/colors.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)));
