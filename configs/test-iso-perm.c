/*
 * Isolation catalogue: stage-2 permissions. One VM has 2 MiB of read-only
 * memory: reading it works, writing it stops the VM. Another has 2 MiB
 * without execute permission: jumping there stops the VM. The third VM
 * keeps ticking.
 */
#include "hostile.h"

TESSERA_CONFIG("qemu-aarch64-virt",
	       PROBE_VM_WITH("ro-writer", 0, PROBE(0x42000000, PROBE_READ_ONLY),
			     REGIONS(RAM(0x40000000, 16 * MiB),
				     MEM(0x42000000, 2 * MiB, MEM_R))),
	       PROBE_VM_WITH("nx-runner", 1, PROBE(0x42000000, PROBE_EXEC),
			     REGIONS(RAM(0x40000000, 16 * MiB),
				     MEM(0x42000000, 2 * MiB, MEM_RW))),
	       HEALTHY_VM("healthy", 2, 3));
