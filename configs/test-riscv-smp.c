// SPDX-License-Identifier: Apache-2.0
/* Test (RISC-V): one VM with four vCPUs on the four harts brings them all up.
 */
#include <tessera/config.h>

TESSERA_CONFIG("qemu-riscv64-virt",
	       VM(.name = "smp", .cpus = CPUS(0, 1, 2, 3),
		  .memory = REGIONS(RAM(0x80000000, 64 * MiB)),
		  .images = IMAGES(IMAGE("guests/baremetal-riscv/smp.bin",
					 0x80200000)),
		  .entry = 0x80200000, .console = NS16550(0x10000000, 10)));
