/*
 * Test (RISC-V): Debian's riscv64 Linux with 2 harts and a shell on its
 * console, next to a baremetal VM that reports once a second.
 */
#include "riscv-linux-vm.h"

TESSERA_CONFIG("qemu-riscv64-virt",
	       RISCV_LINUX_VM("linux", CONSOLE_INPUT, RISCV_LINUX_SHELL, 0, 1),
	       VM(.name = "baremetal", .cpus = CPUS(2, 3),
		  .memory = REGIONS(RAM(0x80000000, 16 * MiB)),
		  .images = IMAGES(IMAGE("guests/baremetal-riscv/heartbeat.bin",
					 0x80200000)),
		  .entry = 0x80200000, .console = NS16550(0x10000000, 10)));
