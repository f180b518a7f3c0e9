/*
 * Test (issue 13, RISC-V): the hostile guest makes at least 100,000 calls
 * on harts 0-1, and goes on for at least 30 s so that Debian's riscv64
 * Linux on harts 2-3 (the only console taking input) boots and answers
 * while it does; then the hostile VM steps just outside its memory and must
 * be stopped, alone.
 */
#define HOSTILE_RISCV
#include "hostile.h"
#include "riscv-linux-vm.h"

TESSERA_CONFIG("qemu-riscv64-virt", HOSTILE_VM(HOSTILE_BOOT_ARG(100000, 30)),
	       RISCV_LINUX_VM("linux", CONSOLE_INPUT, RISCV_LINUX_SHELL, 2, 3));
