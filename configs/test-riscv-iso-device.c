/*
 * Isolation catalogue (RISC-V): a device the VM does not own, as in
 * test-iso-device.c. The intruder reads QEMU virt's goldfish RTC, which its
 * neighbour owns and uses (alarms and their PLIC source 11): the intruder
 * is stopped, the owner keeps its device.
 */
#define HOSTILE_RISCV
#include "hostile.h"

TESSERA_CONFIG("qemu-riscv64-virt",
	       PROBE_VM("intruder", 0, PROBE(0x00101000, PROBE_READ)),
	       RTC_OWNER_VM("owner", 1));
