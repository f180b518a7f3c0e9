/*
 * Isolation catalogue: a device the VM does not own. The intruder reads the
 * PL031 RTC, which its neighbour owns and uses (alarms and their interrupt):
 * the intruder is stopped, the owner keeps its device.
 */
#include "hostile.h"

TESSERA_CONFIG("qemu-aarch64-virt",
	       PROBE_VM("intruder", 0, PROBE(0x09010000, PROBE_READ)),
	       RTC_OWNER_VM("owner", 1));
