// SPDX-License-Identifier: Apache-2.0
/*
 * Benchmarks (bench/colors.py): bench-boot256.c with colors 0-7 of 16;
 * against the same configuration without colors, what cache coloring costs.
 */
#include <tessera/config.h>

TESSERA_CONFIG("qemu-aarch64-virt",
	       VM(.name = "boot0", .cpus = CPUS(0),
		  .colors = COLORS(0, 1, 2, 3, 4, 5, 6, 7),
		  .memory = REGIONS(RAM(0x40000000, 256 * MiB)),
		  .images = IMAGES(IMAGE("guests/baremetal/bench_boot.bin",
					 0x40000000)),
		  .entry = 0x40000000, .console = PL011(0x09000000, 33)));
