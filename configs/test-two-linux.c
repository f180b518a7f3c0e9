/*
 * Test: two Linux VMs side by side, 2 vCPUs each, each with its own memory
 * and console; one powers itself off, the other keeps its shell.
 */
#include "linux-vm.h"

TESSERA_CONFIG("qemu-aarch64-virt",
	       LINUX_VM("linux0", CONSOLE_INPUT, LINUX_SHELL, 0, 1),
	       LINUX_VM("linux1", 0, LINUX_RUN("off"), 2, 3));
