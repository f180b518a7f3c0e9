// SPDX-License-Identifier: Apache-2.0
/*
 * Isolation catalogue: stage-2 permissions on shared memory. The writer
 * links "ring" read-only at 0x50000000: reading it works, writing it stops
 * the VM. The owner links it read-write and keeps ticking.
 */
#include "hostile.h"

TESSERA_SHARED_MEMORY(SHMEM("ring", 2 * MiB));

TESSERA_CONFIG("qemu-aarch64-virt",
	       PROBE_VM_WITH("ro-writer", 0, PROBE(0x50000000, PROBE_READ_ONLY),
			     REGIONS(RAM(0x40000000, 16 * MiB)),
			     .ipcs = IPCS(IPC_RO("ring", 0x50000000, 0))),
	       VM(.name = "owner", .cpus = CPUS(2, 3),
		  .memory = REGIONS(RAM(0x40000000, 16 * MiB)),
		  .images = IMAGES(IMAGE("guests/baremetal/hello.bin",
					 0x40000000)),
		  .entry = 0x40000000, .console = PL011(0x09000000, 33),
		  .ipcs = IPCS(IPC("ring", 0x50000000, 0))));
