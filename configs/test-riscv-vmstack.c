/* Test: the VM-stack on RISC-V (see test-vmstack.c). */
#include <tessera/config.h>

TESSERA_CONFIG(
    "qemu-riscv64-virt",
    VM(.name = "parent", .cpus = CPUS(0),
       .memory = REGIONS(RAM(0x80000000, 64 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal-riscv/vmstack.bin", 0x80200000),
			IMAGE("guests/baremetal-riscv/vmchild.bin",
			      0x82000000)),
       .entry = 0x80200000, .console = NS16550(0x10000000, 10)),
    VM(.name = "neighbour", .cpus = CPUS(1),
       .memory = REGIONS(RAM(0x80000000, 16 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal-riscv/hello.bin", 0x80200000)),
       .entry = 0x80200000, .console = NS16550(0x10000000, 10)));
