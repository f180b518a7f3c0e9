// SPDX-License-Identifier: Apache-2.0
/* configs/bench-ipc.c on RISC-V: doorbells are virtual PLIC sources. */
#include <tessera/config.h>

#define BENCH_IPC_VM(name_, cpu_)                                          \
	VM(.name = name_, .cpus = CPUS(cpu_),                              \
	   .memory = REGIONS(RAM(0x80000000, 16 * MiB)),                   \
	   .images = IMAGES(                                               \
	       IMAGE("guests/baremetal-riscv/bench_ipc.bin", 0x80200000)), \
	   .entry = 0x80200000, .console = NS16550(0x10000000, 10),        \
	   .ipcs = IPCS(IPC("chan", 0x50000000, 40)))

TESSERA_SHARED_MEMORY(SHMEM("chan", 64 * KiB));

TESSERA_CONFIG("qemu-riscv64-virt", BENCH_IPC_VM("measurer", 0),
	       BENCH_IPC_VM("responder", 1));
