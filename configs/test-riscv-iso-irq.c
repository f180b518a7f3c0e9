/*
 * Isolation catalogue (RISC-V): an interrupt the VM does not own, as in
 * test-iso-irq.c. The intruder sets the priority of PLIC source 11, which
 * its neighbour owns and uses (the goldfish RTC's alarm), enables it on its
 * own contexts and another hart's, makes it pending, completes and claims
 * it, and sends IPIs to harts it does not have: every write is ignored,
 * every IPI refused, nothing arrives anywhere, and the owner keeps taking
 * its interrupt.
 */
#define HOSTILE_RISCV
#include "hostile.h"

TESSERA_CONFIG("qemu-riscv64-virt",
	       VM(.name = "intruder", .cpus = CPUS(0),
		  .memory = REGIONS(RAM(HOSTILE_RAM, 16 * MiB)),
		  .images = IMAGES(HOSTILE_GUEST("attack_irq")),
		  .entry = HOSTILE_ENTRY, .console = HOSTILE_CONSOLE),
	       RTC_OWNER_VM("owner", 1));
