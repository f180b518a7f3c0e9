// SPDX-License-Identifier: Apache-2.0
/*
 * Two bare-metal VMs side by side, two CPUs each. Both print on an emulated
 * PL011 at the usual address; the hypervisor multiplexes their lines onto
 * the real one, and keyboard input starts with vm0 (Ctrl-T switches).
 */
#include <tessera/config.h>

TESSERA_CONFIG(
    "qemu-aarch64-virt",
    VM(.name = "vm0", .cpus = CPUS(0, 1), .flags = CONSOLE_INPUT,
       .memory = REGIONS(RAM(0x40000000, 64 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/hello.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)),
    VM(.name = "vm1", .cpus = CPUS(2, 3),
       .memory = REGIONS(RAM(0x40000000, 64 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/hello.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)));
