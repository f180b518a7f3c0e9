// SPDX-License-Identifier: Apache-2.0
/*
 * Benchmarks (bench/run.py): boot time with one VM of one vCPU and 16 MiB,
 * whose guest stamps the counter at its first instruction.
 */
#include <tessera/config.h>

TESSERA_CONFIG("qemu-aarch64-virt",
	       VM(.name = "boot0", .cpus = CPUS(0),
		  .memory = REGIONS(RAM(0x40000000, 16 * MiB)),
		  .images = IMAGES(IMAGE("guests/baremetal/bench_boot.bin",
					 0x40000000)),
		  .entry = 0x40000000, .console = PL011(0x09000000, 33)));
