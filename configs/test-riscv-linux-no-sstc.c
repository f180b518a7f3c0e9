/*
 * Test (RISC-V): Linux on harts without Sstc (QEMU -cpu rv64,sstc=off): its
 * tree says so, and it takes its timer interrupts through SBI TIME, which
 * the hypervisor serves with the hart's own timer (src/arch/riscv/vtimer.c);
 * next to a baremetal VM that reports once a second.
 */
#include "riscv-linux-vm.h"

TESSERA_CONFIG("qemu-riscv64-virt",
	       RISCV_LINUX_VM_WITH("linux", CONSOLE_INPUT, RISCV_LINUX_SHELL,
				   DTB_NO_SSTC, 0, 1),
	       VM(.name = "baremetal", .cpus = CPUS(2, 3),
		  .memory = REGIONS(RAM(0x80000000, 16 * MiB)),
		  .images = IMAGES(IMAGE("guests/baremetal-riscv/heartbeat.bin",
					 0x80200000)),
		  .entry = 0x80200000, .console = NS16550(0x10000000, 10)));
