/*
 * Test: SYSTEM_OFF from one VM ends only that VM; when the last VM is off,
 * the machine powers off.
 */
#include <tessera/config.h>

TESSERA_CONFIG(
    "qemu-aarch64-virt",
    VM(.name = "quitter", .cpus = CPUS(0),
       .memory = REGIONS(RAM(0x40000000, 32 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/off.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)),
    VM(.name = "stayer", .cpus = CPUS(1, 2),
       .memory = REGIONS(RAM(0x40000000, 32 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/ticks.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)));
