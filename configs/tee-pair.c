// SPDX-License-Identifier: Apache-2.0
/*
 * A per-VM TEE: "trusted" is a trusted OS (TEE_VM) serving "client" only. It
 * runs on the client's CPUs, stacked on top of the calling vCPU for the
 * length of each call, with memory the client cannot see (at 0x0e100000,
 * where OP-TEE expects itself on this board). "other" has no TEE and its
 * own CPUs. A TEE cannot be served by a TEE, and `tee` must name a TEE_VM.
 */
#include <tessera/config.h>

TESSERA_CONFIG(
    "qemu-aarch64-virt",
    VM(.name = "client", .cpus = CPUS(0, 1), .flags = CONSOLE_INPUT,
       .tee = "trusted", .memory = REGIONS(RAM(0x40000000, 64 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/hello.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)),
    VM(.name = "trusted", .cpus = CPUS(0, 1), .flags = TEE_VM,
       .memory = REGIONS(RAM(0x0e100000, 16 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/hello.bin", 0x0e100000)),
       .entry = 0x0e100000),
    VM(.name = "other", .cpus = CPUS(2, 3),
       .memory = REGIONS(RAM(0x40000000, 64 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/hello.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)));
