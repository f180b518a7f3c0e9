// SPDX-License-Identifier: Apache-2.0
/*
 * Benchmarks (bench/run.py), RISC-V: one VM with two vCPUs on harts 0 and
 * 1 runs the per-event figures, as configs/bench-cpu.c does on Arm.
 */
#include <tessera/config.h>

TESSERA_CONFIG("qemu-riscv64-virt",
	       VM(.name = "bench", .cpus = CPUS(0, 1),
		  .memory = REGIONS(RAM(0x80000000, 16 * MiB)),
		  .images = IMAGES(IMAGE("guests/baremetal-riscv/bench_cpu.bin",
					 0x80200000)),
		  .entry = 0x80200000, .console = NS16550(0x10000000, 10)));
