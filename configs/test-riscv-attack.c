// SPDX-License-Identifier: Apache-2.0
/*
 * Test (RISC-V): a VM that writes outside its memory (0xc0000000, RAM base
 * + 1 GiB) is stopped; the VM next to it keeps running.
 */
#include <tessera/config.h>

TESSERA_CONFIG(
    "qemu-riscv64-virt",
    VM(.name = "attacker", .cpus = CPUS(0, 1),
       .memory = REGIONS(RAM(0x80000000, 64 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal-riscv/attack.bin", 0x80200000)),
       .entry = 0x80200000, .console = NS16550(0x10000000, 10)),
    VM(.name = "victim", .cpus = CPUS(2, 3),
       .memory = REGIONS(RAM(0x80000000, 64 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal-riscv/ticks.bin", 0x80200000)),
       .entry = 0x80200000, .console = NS16550(0x10000000, 10)));
