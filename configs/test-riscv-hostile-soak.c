/* make soak (tests/soak.mk): test-riscv-hostile.c with 10^6 calls. */
#define HOSTILE_RISCV
#include "hostile.h"

TESSERA_CONFIG("qemu-riscv64-virt", HOSTILE_VM(HOSTILE_BOOT_ARG(1000000, 0)),
	       HEALTHY_VM("healthy", 2, 3));
