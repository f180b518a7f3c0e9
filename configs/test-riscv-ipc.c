// SPDX-License-Identifier: Apache-2.0
/* configs/test-ipc.c on RISC-V: doorbells are virtual PLIC sources. */
#include <tessera/config.h>

#define IPC_VM(name_, cpu_, ...)                                            \
	VM(.name = name_, .cpus = CPUS(cpu_),                               \
	   .memory = REGIONS(RAM(0x80000000, 16 * MiB)),                    \
	   .images =                                                        \
	       IMAGES(IMAGE("guests/baremetal-riscv/ipc.bin", 0x80200000)), \
	   .entry = 0x80200000, .console = NS16550(0x10000000, 10),         \
	   __VA_ARGS__)

TESSERA_SHARED_MEMORY(SHMEM_AT("ring", 64 * KiB, 0xbff00000));

TESSERA_CONFIG("qemu-riscv64-virt",
	       IPC_VM("ping", 0, .ipcs = IPCS(IPC("ring", 0x50000000, 40))),
	       IPC_VM("pong", 1, .ipcs = IPCS(IPC("ring", 0x50000000, 41))),
	       IPC_VM("intruder", 2, .flags = 0),
	       IPC_VM("reader", 3,
		      .ipcs = IPCS(IPC_RO("ring", 0x50000000, 0))));
