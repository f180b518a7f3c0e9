/*
 * Isolation catalogue (RISC-V): a shared-memory region the VM is not on.
 * The neighbour links "ring" at 0x90000000; the intruder, not linked, reads
 * the same guest-physical address and must be stopped.
 */
#define HOSTILE_RISCV
#include "hostile.h"

TESSERA_SHARED_MEMORY(SHMEM("ring", 2 * MiB));

TESSERA_CONFIG("qemu-riscv64-virt",
	       PROBE_VM("intruder", 0, PROBE(0x90000000, PROBE_READ)),
	       VM(.name = "member", .cpus = CPUS(2, 3),
		  .memory = REGIONS(RAM(0x80000000, 16 * MiB)),
		  .images = IMAGES(HOSTILE_GUEST("hello")),
		  .entry = HOSTILE_ENTRY, .console = HOSTILE_CONSOLE,
		  .ipcs = IPCS(IPC("ring", 0x90000000, 0))));
