// SPDX-License-Identifier: Apache-2.0
/*
 * Test (RISC-V): SBI SRST shutdown from one VM ends only that VM; when the
 * last VM is off, the machine powers off.
 */
#include <tessera/config.h>

TESSERA_CONFIG(
    "qemu-riscv64-virt",
    VM(.name = "quitter", .cpus = CPUS(0),
       .memory = REGIONS(RAM(0x80000000, 32 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal-riscv/off.bin", 0x80200000)),
       .entry = 0x80200000, .console = NS16550(0x10000000, 10)),
    VM(.name = "stayer", .cpus = CPUS(1, 2),
       .memory = REGIONS(RAM(0x80000000, 32 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal-riscv/ticks.bin", 0x80200000)),
       .entry = 0x80200000, .console = NS16550(0x10000000, 10)));
