// SPDX-License-Identifier: Apache-2.0
/* Benchmarks (bench/run.py), RISC-V: boot time with one 16 MiB VM. */
#include <tessera/config.h>

TESSERA_CONFIG("qemu-riscv64-virt",
	       VM(.name = "boot0", .cpus = CPUS(0),
		  .memory = REGIONS(RAM(0x80000000, 16 * MiB)),
		  .images = IMAGES(IMAGE(
		      "guests/baremetal-riscv/bench_boot.bin", 0x80200000)),
		  .entry = 0x80200000, .console = NS16550(0x10000000, 10)));
