// SPDX-License-Identifier: Apache-2.0
/*
 * Benchmarks (bench/colors.py): bench-colors-boot1.c with the hypervisor on
 * colors 14-15, recolored at boot; against the same
 * configuration without colors, what cache coloring costs.
 */
#include <tessera/config.h>

TESSERA_HYP_COLORS(14, 15);

TESSERA_CONFIG("qemu-aarch64-virt",
	       VM(.name = "boot0", .cpus = CPUS(0),
		  .colors = COLORS(0, 1, 2, 3, 4, 5, 6, 7),
		  .memory = REGIONS(RAM(0x40000000, 16 * MiB)),
		  .images = IMAGES(IMAGE("guests/baremetal/bench_boot.bin",
					 0x40000000)),
		  .entry = 0x40000000, .console = PL011(0x09000000, 33)));
