// SPDX-License-Identifier: Apache-2.0
/*
 * Benchmarks (bench/run.py): IPC. Two one-vCPU VMs linked to the region
 * "chan" at 0x50000000, doorbell 40 in each (guests/baremetal/tests/
 * bench_ipc.c: VM 0 measures, VM 1 answers).
 */
#include <tessera/config.h>

#define BENCH_IPC_VM(name_, cpu_)                                           \
	VM(.name = name_, .cpus = CPUS(cpu_),                               \
	   .memory = REGIONS(RAM(0x40000000, 16 * MiB)),                    \
	   .images =                                                        \
	       IMAGES(IMAGE("guests/baremetal/bench_ipc.bin", 0x40000000)), \
	   .entry = 0x40000000, .console = PL011(0x09000000, 33),           \
	   .ipcs = IPCS(IPC("chan", 0x50000000, 40)))

TESSERA_SHARED_MEMORY(SHMEM("chan", 64 * KiB));

TESSERA_CONFIG("qemu-aarch64-virt", BENCH_IPC_VM("measurer", 0),
	       BENCH_IPC_VM("responder", 1));
