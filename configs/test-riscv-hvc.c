// SPDX-License-Identifier: Apache-2.0
/* Test (RISC-V): Tessera's calls answer, and an unknown one is refused, not
 * fatal. */
#include <tessera/config.h>

TESSERA_CONFIG("qemu-riscv64-virt",
	       VM(.name = "caller", .cpus = CPUS(3),
		  .memory = REGIONS(RAM(0x80000000, 16 * MiB)),
		  .images = IMAGES(IMAGE("guests/baremetal-riscv/hvc.bin",
					 0x80200000)),
		  .entry = 0x80200000, .console = NS16550(0x10000000, 10)));
