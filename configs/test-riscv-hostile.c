/*
 * Test (issue 13, RISC-V): the hostile guest makes 100,000 calls on harts
 * 0-1 next to a baremetal VM on harts 2-3 whose timer must keep ticking;
 * then it steps just outside its memory and must be stopped, alone.
 */
#define HOSTILE_RISCV
#include "hostile.h"

TESSERA_CONFIG("qemu-riscv64-virt", HOSTILE_VM(HOSTILE_BOOT_ARG(100000, 0)),
	       HEALTHY_VM("healthy", 2, 3));
