/*
 * The demo (make run): Debian's arm64 Linux with 2 vCPUs and a shell on its
 * console, next to a baremetal VM that reports once a second.
 */
#include "linux-vm.h"

TESSERA_CONFIG(
    "qemu-aarch64-virt", LINUX_VM("linux", CONSOLE_INPUT, LINUX_SHELL, 0, 1),
    VM(.name = "baremetal", .cpus = CPUS(2, 3),
       .memory = REGIONS(RAM(0x40000000, 16 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/heartbeat.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)));
