/*
 * Test: cache colors in the VM-stack. The parent (colors 0-7;
 * guests/baremetal/tests/vmcolors.c) makes children with a subset of its
 * colors, or none (they get the parent's), from its own memory, where this
 * configuration also places the child image; the neighbour has colors 8-15.
 */
#include <tessera/config.h>

TESSERA_CONFIG(
    "qemu-aarch64-virt",
    VM(.name = "parent", .cpus = CPUS(0),
       .colors = COLORS(0, 1, 2, 3, 4, 5, 6, 7),
       .memory = REGIONS(RAM(0x40000000, 64 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/vmcolors.bin", 0x40000000),
			IMAGE("guests/baremetal/vmchild.bin", 0x42000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)),
    VM(.name = "neighbour", .cpus = CPUS(1),
       .colors = COLORS(8, 9, 10, 11, 12, 13, 14, 15),
       .memory = REGIONS(RAM(0x40000000, 16 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/colors.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)));
