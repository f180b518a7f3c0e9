// SPDX-License-Identifier: Apache-2.0
/* Benchmarks (bench/run.py), RISC-V: the VM-stack, as bench-vmstack.c. */
#include <tessera/config.h>

TESSERA_CONFIG("qemu-riscv64-virt",
	       VM(.name = "parent", .cpus = CPUS(0),
		  .memory = REGIONS(RAM(0x80000000, 64 * MiB)),
		  .images = IMAGES(
		      IMAGE("guests/baremetal-riscv/bench_vmstack.bin",
			    0x80200000),
		      IMAGE("guests/baremetal-riscv/vmchild.bin", 0x82000000)),
		  .entry = 0x80200000, .console = NS16550(0x10000000, 10)));
