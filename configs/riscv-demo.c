/*
 * The RISC-V demo (make run PLATFORM=qemu-riscv64-virt): two baremetal VMs
 * side by side, one printing a tick every 10 ms for a while, the other
 * reporting once a second.
 */
#include <tessera/config.h>

TESSERA_CONFIG("qemu-riscv64-virt",
	       VM(.name = "vm0", .cpus = CPUS(0, 1), .flags = CONSOLE_INPUT,
		  .memory = REGIONS(RAM(0x80000000, 64 * MiB)),
		  .images = IMAGES(IMAGE("guests/baremetal-riscv/hello.bin",
					 0x80200000)),
		  .entry = 0x80200000, .console = NS16550(0x10000000, 10)),
	       VM(.name = "vm1", .cpus = CPUS(2, 3),
		  .memory = REGIONS(RAM(0x80000000, 64 * MiB)),
		  .images = IMAGES(IMAGE("guests/baremetal-riscv/heartbeat.bin",
					 0x80200000)),
		  .entry = 0x80200000, .console = NS16550(0x10000000, 10)));
