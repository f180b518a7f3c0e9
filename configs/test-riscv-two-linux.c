/*
 * Test (RISC-V): two Linux VMs side by side, 2 harts each, each with its own
 * memory and console; one powers itself off (SBI SRST), the other keeps its
 * shell.
 */
#include "riscv-linux-vm.h"

TESSERA_CONFIG("qemu-riscv64-virt",
	       RISCV_LINUX_VM("linux0", CONSOLE_INPUT, RISCV_LINUX_SHELL, 0, 1),
	       RISCV_LINUX_VM("linux1", 0, RISCV_LINUX_RUN("off"), 2, 3));
