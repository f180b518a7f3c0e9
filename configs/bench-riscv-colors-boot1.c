// SPDX-License-Identifier: Apache-2.0
/*
 * Benchmarks (bench/colors.py): RISC-V, one 16 MiB VM with colors 0-7 of 16
 * (bench-riscv-boot1.c colored); against the same
 * configuration without colors, what cache coloring costs.
 */
#include <tessera/config.h>

TESSERA_CONFIG("qemu-riscv64-virt",
	       VM(.name = "boot0", .cpus = CPUS(0),
		  .colors = COLORS(0, 1, 2, 3, 4, 5, 6, 7),
		  .memory = REGIONS(RAM(0x80000000, 16 * MiB)),
		  .images = IMAGES(IMAGE(
		      "guests/baremetal-riscv/bench_boot.bin", 0x80200000)),
		  .entry = 0x80200000, .console = NS16550(0x10000000, 10)));
