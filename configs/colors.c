// SPDX-License-Identifier: Apache-2.0
/*
 * Cache coloring: the board's 1 MiB, 16-way last-level cache has
 * 1 MiB / (16 * 4 KiB) = 16 colors. "rt" gets colors 0-5 to itself and
 * "bulk" 6-13, so neither evicts the other's lines; colors 14-15 are kept
 * for the hypervisor. "monitor" deliberately shares "bulk"'s colors
 * (SHARE_COLORS); without that flag the overlap would be refused.
 * Colors apply to allocated memory; fixed-PA memory cannot be colored.
 */
#include <tessera/config.h>

TESSERA_HYP_COLORS(14, 15);

TESSERA_CONFIG(
    "qemu-aarch64-virt",
    VM(.name = "rt", .cpus = CPUS(0, 1), .flags = CONSOLE_INPUT,
       .colors = COLORS(0, 1, 2, 3, 4, 5),
       .memory = REGIONS(RAM(0x40000000, 32 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/hello.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)),
    VM(.name = "bulk", .cpus = CPUS(2),
       .colors = COLORS(6, 7, 8, 9, 10, 11, 12, 13),
       .memory = REGIONS(RAM(0x40000000, 64 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/hello.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)),
    VM(.name = "monitor", .cpus = CPUS(3), .flags = SHARE_COLORS,
       .colors = COLORS(12, 13), .memory = REGIONS(RAM(0x40000000, 16 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/hello.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)));
