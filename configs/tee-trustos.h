/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Two pairs of a baremetal client and the small trusted OS of ours
 * (guests/baremetal/tests/teeclient.c, trustos.c; docs/tee.md), for the TEE
 * containment tests. "tclient" (CPU 2) has "tos" misbehave on command
 * TRUSTOS_PAIRS(rounds) times over; "nclient" (CPU 3) calls its "ntos"
 * every 100 ms meanwhile and must never see a failure.
 *
 * Physical memory is fixed where "tos" probes, at the top of the board's
 * RAM, clear of what the hypervisor allocates from the bottom: "ntos" at
 * 0x7a000000, "nclient" at 0x7c000000 ("tos" itself at 0x78000000); the
 * hypervisor is at 0x40000000. The trusted OS runs at 0x50000000 in each
 * TEE VM, the clients at 0x48000000, so a TEE (which sees its client's
 * memory at the client's addresses) has nothing mapped at any of those.
 */
#ifndef CONFIGS_TEE_TRUSTOS_H
#define CONFIGS_TEE_TRUSTOS_H

#include <tessera/config.h>

#define TEECLIENT_NEIGHBOUR (1ull << 32) /* teeclient's boot_arg */

#define TEE_CLIENT_VM(name_, cpu_, tee_, boot_arg_, memory_)                  \
	VM(.name = name_, .cpus = CPUS(cpu_), .tee = tee_, .memory = memory_, \
	   .images =                                                          \
	       IMAGES(IMAGE("guests/baremetal/teeclient.bin", 0x48000000)),   \
	   .entry = 0x48000000, .boot_arg = (boot_arg_),                      \
	   .console = PL011(0x09000000, 33))

#define TRUSTOS_VM(name_, cpu_, pa_)                                      \
	VM(.name = name_, .cpus = CPUS(cpu_), .flags = TEE_VM,            \
	   .memory = REGIONS(RAM_FIXED(0x50000000, 16 * MiB, pa_)),       \
	   .images =                                                      \
	       IMAGES(IMAGE("guests/baremetal/trustos.bin", 0x50000000)), \
	   .entry = 0x50000000, .console = PL011(0x09000000, 33))

#define TRUSTOS_PAIRS(rounds_)                                         \
	TEE_CLIENT_VM("tclient", 2, "tos", (rounds_),                  \
		      REGIONS(RAM(0x48000000, 16 * MiB))),             \
	    TRUSTOS_VM("tos", 2, 0x78000000),                          \
	    TEE_CLIENT_VM(                                             \
		"nclient", 3, "ntos", TEECLIENT_NEIGHBOUR,             \
		REGIONS(RAM_FIXED(0x48000000, 16 * MiB, 0x7c000000))), \
	    TRUSTOS_VM("ntos", 3, 0x7a000000)

#endif
