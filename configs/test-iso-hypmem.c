/*
 * Isolation catalogue: the hypervisor's memory. Stage 2 maps a VM's own
 * pages and devices only, so no guest-physical address leads to the
 * hypervisor (physically at 0x40000000, which in every VM is the VM's own
 * RAM). Three VMs probe where it would show if it leaked: the bottom of the
 * guest-physical space, just past the VM's RAM (where the hypervisor's
 * memory continues physically) and the top of the first 4 GiB. Each must be
 * stopped; the fourth VM keeps ticking.
 */
#include "hostile.h"

TESSERA_CONFIG("qemu-aarch64-virt",
	       PROBE_VM("probe-low", 0, PROBE(0x00000000, PROBE_READ)),
	       PROBE_VM("probe-past-ram", 1, PROBE(0x41000000, PROBE_READ)),
	       PROBE_VM("probe-high", 2, PROBE(0xffe00000, PROBE_READ)),
	       HEALTHY_VM("healthy", 3));
