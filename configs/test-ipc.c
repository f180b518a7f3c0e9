// SPDX-License-Identifier: Apache-2.0
/*
 * IPC (guests/baremetal/tests/ipc.c): "ping" and "pong" exchange 10,000
 * messages over the shared region "ring" (fixed at the top of RAM, so the
 * intruder knows its physical address) with doorbells 40 and 41; "intruder"
 * is on no link; "reader" links the region read-only, without a doorbell.
 */
#include <tessera/config.h>

#define IPC_VM(name_, cpu_, ...)                                            \
	VM(.name = name_, .cpus = CPUS(cpu_),                               \
	   .memory = REGIONS(RAM(0x40000000, 16 * MiB)),                    \
	   .images = IMAGES(IMAGE("guests/baremetal/ipc.bin", 0x40000000)), \
	   .entry = 0x40000000, .console = PL011(0x09000000, 33), __VA_ARGS__)

TESSERA_SHARED_MEMORY(SHMEM_AT("ring", 64 * KiB, 0x7ff00000));

TESSERA_CONFIG("qemu-aarch64-virt",
	       IPC_VM("ping", 0, .ipcs = IPCS(IPC("ring", 0x50000000, 40))),
	       IPC_VM("pong", 1, .ipcs = IPCS(IPC("ring", 0x50000000, 41))),
	       IPC_VM("intruder", 2, .flags = 0),
	       IPC_VM("reader", 3,
		      .ipcs = IPCS(IPC_RO("ring", 0x50000000, 0))));
