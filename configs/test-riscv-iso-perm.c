/*
 * Isolation catalogue (RISC-V): G-stage permissions, as in test-iso-perm.c.
 * Reading read-only memory works, writing it stops the VM; jumping into
 * memory without execute permission stops the other; the third keeps
 * ticking.
 */
#define HOSTILE_RISCV
#include "hostile.h"

TESSERA_CONFIG("qemu-riscv64-virt",
	       PROBE_VM_WITH("ro-writer", 0, PROBE(0x82000000, PROBE_READ_ONLY),
			     REGIONS(RAM(0x80000000, 16 * MiB),
				     MEM(0x82000000, 2 * MiB, MEM_R))),
	       PROBE_VM_WITH("nx-runner", 1, PROBE(0x82000000, PROBE_EXEC),
			     REGIONS(RAM(0x80000000, 16 * MiB),
				     MEM(0x82000000, 2 * MiB, MEM_RW))),
	       HEALTHY_VM("healthy", 2, 3));
