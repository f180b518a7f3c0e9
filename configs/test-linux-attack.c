/*
 * Test: a Linux VM that writes to a guest-physical address it does not own
 * (/tessera/attack in its initramfs) is stopped; the baremetal VM goes on.
 */
#include "linux-vm.h"

TESSERA_CONFIG(
    "qemu-aarch64-virt", LINUX_VM("linux", 0, LINUX_RUN("attack"), 0, 1),
    VM(.name = "baremetal", .cpus = CPUS(2, 3),
       .memory = REGIONS(RAM(0x40000000, 16 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/hello.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)));
