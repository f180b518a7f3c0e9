/*
 * Test (issue 13): the hostile guest makes at least 100,000 calls on CPUs
 * 0-1, and goes on for at least 30 s so that Debian's Linux on CPUs 2-3
 * (the only console taking input) boots and answers while it does; then the
 * hostile VM steps just outside its memory and must be stopped, alone.
 */
#include "hostile.h"
#include "linux-vm.h"

TESSERA_CONFIG("qemu-aarch64-virt", HOSTILE_VM(HOSTILE_BOOT_ARG(100000, 30)),
	       LINUX_VM("linux", CONSOLE_INPUT, LINUX_SHELL, 2, 3));
