/*
 * Test: the VM-stack. The parent (guests/baremetal/tests/vmstack.c) builds
 * children from its own memory, where this configuration also places the
 * child image; a baremetal VM next to it must not notice anything.
 */
#include <tessera/config.h>

TESSERA_CONFIG(
    "qemu-aarch64-virt",
    VM(.name = "parent", .cpus = CPUS(0),
       .memory = REGIONS(RAM(0x40000000, 64 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/vmstack.bin", 0x40000000),
			IMAGE("guests/baremetal/vmchild.bin", 0x42000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)),
    VM(.name = "neighbour", .cpus = CPUS(1),
       .memory = REGIONS(RAM(0x40000000, 16 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/hello.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)));
