// SPDX-License-Identifier: Apache-2.0
/*
 * A static VM-stack: "child" is stacked on "parent" and shares its CPU 1;
 * it runs when the parent invokes it (HC_VM_INVOKE) and gives the CPU back
 * when it yields, or when an interrupt for the parent arrives. Two VMs may
 * share a physical CPU only this way (or as a TEE and its client);
 * "other" keeps CPUs 2 and 3 to itself.
 */
#include <tessera/config.h>

TESSERA_CONFIG(
    "qemu-aarch64-virt",
    VM(.name = "parent", .cpus = CPUS(0, 1), .flags = CONSOLE_INPUT,
       .memory = REGIONS(RAM(0x40000000, 64 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/hello.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)),
    VM(.name = "child", .cpus = CPUS(1), .parent = "parent",
       .memory = REGIONS(RAM(0x40000000, 16 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/hello.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)),
    VM(.name = "other", .cpus = CPUS(2, 3),
       .memory = REGIONS(RAM(0x40000000, 64 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/hello.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)));
