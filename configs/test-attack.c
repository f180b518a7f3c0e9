/*
 * Test: a VM that writes outside its memory is stopped; the VM next to it
 * keeps running.
 */
#include <tessera/config.h>

TESSERA_CONFIG(
    "qemu-aarch64-virt",
    VM(.name = "attacker", .cpus = CPUS(0, 1),
       .memory = REGIONS(RAM(0x40000000, 64 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/attack.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)),
    VM(.name = "victim", .cpus = CPUS(2, 3),
       .memory = REGIONS(RAM(0x40000000, 64 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/ticks.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)));
