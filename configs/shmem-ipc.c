// SPDX-License-Identifier: Apache-2.0
/*
 * Shared memory and IPC: a 2 MiB region "ring" appears in both VMs at
 * guest-physical 0x50000000, read-write for "producer" and read-only for
 * "consumer". HC_IPC_NOTIFY(0) from one side raises the other side's
 * doorbell: virtual interrupt 40 in "consumer", 41 in "producer".
 * A second region, "log", sits at a fixed physical address.
 */
#include <tessera/config.h>

TESSERA_SHARED_MEMORY(SHMEM("ring", 2 * MiB),
		      SHMEM_AT("log", 64 * KiB, 0x5ff00000));

TESSERA_CONFIG(
    "qemu-aarch64-virt",
    VM(.name = "producer", .cpus = CPUS(0, 1), .flags = CONSOLE_INPUT,
       .memory = REGIONS(RAM(0x40000000, 64 * MiB)),
       .ipcs = IPCS(IPC("ring", 0x50000000, 41), IPC("log", 0x50400000, 0)),
       .images = IMAGES(IMAGE("guests/baremetal/hello.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)),
    VM(.name = "consumer", .cpus = CPUS(2, 3),
       .memory = REGIONS(RAM(0x40000000, 64 * MiB)),
       .ipcs = IPCS(IPC_RO("ring", 0x50000000, 40),
		    IPC_RO("log", 0x50400000, 0)),
       .images = IMAGES(IMAGE("guests/baremetal/hello.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)));
