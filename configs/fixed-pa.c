// SPDX-License-Identifier: Apache-2.0
/*
 * Fixed physical memory: "fixed" gets exactly 0x50000000..0x53ffffff of the
 * board's RAM (seen at guest-physical 0x40000000), for a guest that must
 * know where its memory really is (DMA without an IOMMU, a buffer shared
 * with a device). "allocated" lets the hypervisor choose. The validator
 * refuses fixed memory outside RAM, inside the hypervisor's own memory or
 * over another VM's fixed memory.
 */
#include <tessera/config.h>

TESSERA_CONFIG(
    "qemu-aarch64-virt",
    VM(.name = "fixed", .cpus = CPUS(0, 1), .flags = CONSOLE_INPUT,
       .memory = REGIONS(RAM_FIXED(0x40000000, 64 * MiB, 0x50000000)),
       .images = IMAGES(IMAGE("guests/baremetal/hello.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)),
    VM(.name = "allocated", .cpus = CPUS(2, 3),
       .memory = REGIONS(RAM(0x40000000, 64 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/hello.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)));
