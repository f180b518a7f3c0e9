/*
 * Isolation catalogue (RISC-V): child ids, a parent, shared-memory links
 * and a TEE the VM does not have, as in test-iso-calls.c: while the
 * VM-stack parent of test-riscv-vmstack.c creates, runs and destroys its
 * children, the intruder's calls on them are all refused and the parent's
 * own test passes.
 */
#define HOSTILE_RISCV
#include "hostile.h"

TESSERA_CONFIG("qemu-riscv64-virt",
	       VM(.name = "parent", .cpus = CPUS(0),
		  .memory = REGIONS(RAM(0x80000000, 64 * MiB)),
		  .images = IMAGES(HOSTILE_GUEST("vmstack"),
				   IMAGE("guests/baremetal-riscv/vmchild.bin",
					 0x82000000)),
		  .entry = HOSTILE_ENTRY, .console = HOSTILE_CONSOLE),
	       VM(.name = "intruder", .cpus = CPUS(1),
		  .memory = REGIONS(RAM(0x80000000, 16 * MiB)),
		  .images = IMAGES(HOSTILE_GUEST("attack_calls")),
		  .entry = HOSTILE_ENTRY, .console = HOSTILE_CONSOLE));
