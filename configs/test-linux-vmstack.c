// SPDX-License-Identifier: Apache-2.0
/*
 * Test: Linux as a VM-stack parent. The Linux VM (CPUs 0-1) runs
 * guests/linux/scripts/vmstack: tessera.ko creates, runs, measures and
 * destroys a baremetal child (configs/linux-child.c, vmchild.bin) 100 times,
 * stacked on Linux's vCPU 0; the baremetal VM on CPUs 2-3 must not notice.
 */
#include "linux-vm.h"

TESSERA_CONFIG(
    "qemu-aarch64-virt", LINUX_VM("linux", 0, LINUX_RUN("vmstack"), 0, 1),
    VM(.name = "baremetal", .cpus = CPUS(2, 3),
       .memory = REGIONS(RAM(0x40000000, 16 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/heartbeat.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)));
