// SPDX-License-Identifier: Apache-2.0
/*
 * Test: Linux and a baremetal VM talk over shared memory (docs/ipc.md). The
 * region "chan" is link 0 of both, at 0x50000000, doorbell 40 in each; Linux
 * (vm 0, side 0) runs guests/linux/scripts/ipc through /dev/tessera-ipc0,
 * the baremetal VM (vm 1, side 1) answers every message (ipc_echo.c).
 */
#include "linux-vm.h"

TESSERA_SHARED_MEMORY(SHMEM("chan", 64 * KiB));

TESSERA_CONFIG(
    "qemu-aarch64-virt",
    VM(.name = "linux", .cpus = CPUS(0, 1), LINUX_VM_FIELDS(LINUX_RUN("ipc")),
       .ipcs = IPCS(IPC("chan", 0x50000000, 40))),
    VM(.name = "echo", .cpus = CPUS(2),
       .memory = REGIONS(RAM(0x40000000, 16 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/ipc_echo.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33),
       .ipcs = IPCS(IPC("chan", 0x50000000, 40))));
