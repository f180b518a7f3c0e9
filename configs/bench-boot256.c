// SPDX-License-Identifier: Apache-2.0
/*
 * Benchmarks (bench/colors.py): boot time and stage-2 pages of one VM of a
 * Linux VM's size (256 MiB), without colors; against the same
 * configuration without colors, what cache coloring costs.
 */
#include <tessera/config.h>

TESSERA_CONFIG("qemu-aarch64-virt",
	       VM(.name = "boot0", .cpus = CPUS(0),
		  .memory = REGIONS(RAM(0x40000000, 256 * MiB)),
		  .images = IMAGES(IMAGE("guests/baremetal/bench_boot.bin",
					 0x40000000)),
		  .entry = 0x40000000, .console = PL011(0x09000000, 33)));
