/* Test: cache colors in the VM-stack on RISC-V (see test-vmstack-colors.c). */
#include <tessera/config.h>

TESSERA_CONFIG("qemu-riscv64-virt",
	       VM(.name = "parent", .cpus = CPUS(0),
		  .colors = COLORS(0, 1, 2, 3, 4, 5, 6, 7),
		  .memory = REGIONS(RAM(0x80000000, 64 * MiB)),
		  .images = IMAGES(
		      IMAGE("guests/baremetal-riscv/vmcolors.bin", 0x80200000),
		      IMAGE("guests/baremetal-riscv/vmchild.bin", 0x82000000)),
		  .entry = 0x80200000, .console = NS16550(0x10000000, 10)),
	       VM(.name = "neighbour", .cpus = CPUS(1),
		  .colors = COLORS(8, 9, 10, 11, 12, 13, 14, 15),
		  .memory = REGIONS(RAM(0x80000000, 16 * MiB)),
		  .images = IMAGES(IMAGE("guests/baremetal-riscv/colors.bin",
					 0x80200000)),
		  .entry = 0x80200000, .console = NS16550(0x10000000, 10)));
