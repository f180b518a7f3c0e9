// SPDX-License-Identifier: Apache-2.0
/*
 * Test: a Debian Linux VM with its own OP-TEE (docs/tee.md). "optee" is
 * Debian's OP-TEE OS 4.5 (optee-os, vexpress-qemu_armv8a), unmodified: a
 * TEE VM stacked on the client's two CPUs, one TEE vCPU per client vCPU,
 * with 15 MiB at 0x0e100000 where the image expects to run, its console on
 * the emulated PL011 at 0x09040000 (its UART, INTID 40 its receive
 * interrupt). The hypervisor is its dispatcher; it reaches all of the
 * client's memory at the client's addresses (OP-TEE's static shared memory
 * at 0x42000000 and the pages of dynamic shared memory). The client owns
 * INTID 219, OP-TEE's notification line, which its TEE may raise. Its kernel
 * sits at 0x44000000, clear of the static shared memory; its hand-written
 * tree (guests/linux/tee/linux-optee.dts) runs guests/linux/scripts/optee:
 * tee-supplicant and a set of xtest regression cases. Beside it on CPUs 2-3,
 * the two pairs of configs/tee-trustos.h: "tclient" has its "tos" misbehave,
 * be stopped and restarted over and over meanwhile, "nclient" calls its
 * "ntos" every 100 ms.
 */
#include "tee-trustos.h"

TESSERA_CONFIG(
    "qemu-aarch64-virt",
    VM(.name = "linux", .cpus = CPUS(0, 1), .flags = CONSOLE_INPUT,
       .tee = "optee", .memory = REGIONS(RAM(0x40000000, 256 * MiB)),
       .irqs = IRQS(219),
       .images = IMAGES(IMAGE("linux/arm64/Image", 0x44000000),
			IMAGE("guests/linux/tee/linux-optee.dtb", 0x47e00000),
			IMAGE("linux/arm64/initramfs-optee.cpio.gz",
			      0x48000000)),
       .entry = 0x44000000, .boot_arg = 0x47e00000,
       .console = PL011(0x09000000, 33)),
    VM(.name = "optee", .cpus = CPUS(0, 1), .flags = TEE_VM,
       .memory = REGIONS(RAM(0x0e100000, 15 * MiB)),
       .images = IMAGES(IMAGE("optee/arm64/tee-pager_v2.bin", 0x0e100000)),
       .entry = 0x0e100000, .console = PL011(0x09040000, 40)),
    TRUSTOS_PAIRS(0));
