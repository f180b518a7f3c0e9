/*
 * Isolation catalogue: device accesses the models refuse, the fatal side of
 * what the hostile guest avoids. An 8-byte read of the (32-bit) console and
 * a load pair on the distributor, which leaves no syndrome to emulate: both
 * VMs are stopped, the third keeps ticking.
 */
#include "hostile.h"

TESSERA_CONFIG("qemu-aarch64-virt",
	       PROBE_VM("wide-read", 0, PROBE(0x09000000, PROBE_READ)),
	       PROBE_VM("load-pair", 1, PROBE(0x08000000, PROBE_UNEMULABLE)),
	       HEALTHY_VM("healthy", 2, 3));
