/* make soak (tests/soak.mk): test-riscv-hostile-linux.c with 10^6 calls. */
#define HOSTILE_RISCV
#include "hostile.h"
#include "riscv-linux-vm.h"

TESSERA_CONFIG("qemu-riscv64-virt", HOSTILE_VM(HOSTILE_BOOT_ARG(1000000, 30)),
	       RISCV_LINUX_VM("linux", CONSOLE_INPUT, RISCV_LINUX_SHELL, 2, 3));
