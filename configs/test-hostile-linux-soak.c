/* make soak (tests/soak.mk): test-hostile-linux.c with 10^6 calls. */
#include "hostile.h"
#include "linux-vm.h"

TESSERA_CONFIG("qemu-aarch64-virt", HOSTILE_VM(HOSTILE_BOOT_ARG(1000000, 30)),
	       LINUX_VM("linux", CONSOLE_INPUT, LINUX_SHELL, 2, 3));
