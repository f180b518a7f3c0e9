/*
 * Isolation catalogue (RISC-V): a device the VM does not own. The intruder
 * reads QEMU virt's goldfish RTC, which its neighbour owns with its PLIC
 * source 11: the intruder is stopped, the owner keeps running.
 */
#define HOSTILE_RISCV
#include "hostile.h"

TESSERA_CONFIG("qemu-riscv64-virt",
	       PROBE_VM("intruder", 0, PROBE(0x00101000, PROBE_READ)),
	       HEALTHY_VM_WITH("owner", DEVICES(DEVICE(0x00101000, 0x1000)),
			       IRQS(11), 1));
