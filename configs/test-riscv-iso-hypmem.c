/*
 * Isolation catalogue (RISC-V): the hypervisor's memory, as in
 * test-iso-hypmem.c. The hypervisor is physically at 0x80000000 (after
 * OpenSBI), which in every VM is the VM's own RAM; three VMs probe the
 * bottom of the guest-physical space, just past their RAM and the top of
 * the first 4 GiB. Each must be stopped; the fourth VM keeps ticking.
 */
#define HOSTILE_RISCV
#include "hostile.h"

TESSERA_CONFIG("qemu-riscv64-virt",
	       PROBE_VM("probe-low", 0, PROBE(0x00000000, PROBE_READ)),
	       PROBE_VM("probe-past-ram", 1, PROBE(0x81000000, PROBE_READ)),
	       PROBE_VM("probe-high", 2, PROBE(0xffe00000, PROBE_READ)),
	       HEALTHY_VM("healthy", 3));
