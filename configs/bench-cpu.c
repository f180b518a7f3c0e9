// SPDX-License-Identifier: Apache-2.0
/*
 * Benchmarks (bench/run.py): one VM with two vCPUs on CPUs 0 and 1 runs
 * the per-event figures (null hypercall, emulated MMIO read, timer
 * latency, IPI between its vCPUs). CPUs 2 and 3 stay idle.
 */
#include <tessera/config.h>

TESSERA_CONFIG("qemu-aarch64-virt",
	       VM(.name = "bench", .cpus = CPUS(0, 1),
		  .memory = REGIONS(RAM(0x40000000, 16 * MiB)),
		  .images = IMAGES(IMAGE("guests/baremetal/bench_cpu.bin",
					 0x40000000)),
		  .entry = 0x40000000, .console = PL011(0x09000000, 33)));
