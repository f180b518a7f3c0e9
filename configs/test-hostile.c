/*
 * Test (issue 13): the hostile guest makes 100,000 calls on CPUs 0-1 next
 * to a baremetal VM on CPUs 2-3 whose timer must keep ticking; then it steps
 * just outside its memory and must be stopped, alone.
 */
#include "hostile.h"

TESSERA_CONFIG("qemu-aarch64-virt", HOSTILE_VM(HOSTILE_BOOT_ARG(100000, 0)),
	       HEALTHY_VM("healthy", 2, 3));
