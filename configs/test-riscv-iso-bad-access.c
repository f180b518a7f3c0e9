/*
 * Isolation catalogue (RISC-V): device accesses the models refuse, the
 * fatal side of what the hostile guest avoids. An 8-byte read of the
 * (byte-wide) console and an atomic add on the PLIC, which no load / store
 * emulation can carry out: both VMs are stopped, the third keeps ticking.
 */
#define HOSTILE_RISCV
#include "hostile.h"

TESSERA_CONFIG("qemu-riscv64-virt",
	       PROBE_VM("wide-read", 0, PROBE(0x10000000, PROBE_READ)),
	       PROBE_VM("atomic", 1, PROBE(0x0c000000, PROBE_UNEMULABLE)),
	       HEALTHY_VM("healthy", 2, 3));
