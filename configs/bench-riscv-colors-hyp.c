// SPDX-License-Identifier: Apache-2.0
/*
 * Benchmarks (bench/colors.py): bench-riscv-colors-boot1.c with the hypervisor
 * on colors 14-15, recolored at boot; against the same
 * configuration without colors, what cache coloring costs.
 */
#include <tessera/config.h>

TESSERA_HYP_COLORS(14, 15);

TESSERA_CONFIG("qemu-riscv64-virt",
	       VM(.name = "boot0", .cpus = CPUS(0),
		  .colors = COLORS(0, 1, 2, 3, 4, 5, 6, 7),
		  .memory = REGIONS(RAM(0x80000000, 16 * MiB)),
		  .images = IMAGES(IMAGE(
		      "guests/baremetal-riscv/bench_boot.bin", 0x80200000)),
		  .entry = 0x80200000, .console = NS16550(0x10000000, 10)));
