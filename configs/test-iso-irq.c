/*
 * Isolation catalogue: an interrupt the VM does not own. The intruder
 * enables, configures, routes, pends and disables interrupt 34, which its
 * neighbour owns and uses (the RTC's alarm), and sends SGIs to vCPUs it does
 * not have: every write is ignored, nothing arrives anywhere, and the owner
 * keeps taking its interrupt.
 */
#include "hostile.h"

TESSERA_CONFIG("qemu-aarch64-virt",
	       VM(.name = "intruder", .cpus = CPUS(0),
		  .memory = REGIONS(RAM(0x40000000, 16 * MiB)),
		  .images = IMAGES(IMAGE("guests/baremetal/attack_irq.bin",
					 0x40000000)),
		  .entry = 0x40000000, .console = PL011(0x09000000, 33)),
	       RTC_OWNER_VM("owner", 1));
