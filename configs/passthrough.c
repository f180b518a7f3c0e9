// SPDX-License-Identifier: Apache-2.0
/*
 * Pass-through devices: "rtc" owns the PL031 real-time clock and its
 * interrupt (SPI 2 = INTID 34) at the address the board has it;
 * "io" owns the PL061 GPIO (INTID 39), moved to guest-physical 0x0c000000
 * with DEVICE_AT, and the first four virtio-mmio transports, which share one
 * page (stage 2 maps whole pages), with their interrupts 48..51.
 * A device or an interrupt can belong to one VM only.
 */
#include <tessera/config.h>

TESSERA_CONFIG(
    "qemu-aarch64-virt",
    VM(.name = "rtc", .cpus = CPUS(0, 1), .flags = CONSOLE_INPUT,
       .memory = REGIONS(RAM(0x40000000, 64 * MiB)),
       .devices = DEVICES(DEVICE(0x09010000, 0x1000)), .irqs = IRQS(34),
       .images = IMAGES(IMAGE("guests/baremetal/hello.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)),
    VM(.name = "io", .cpus = CPUS(2, 3),
       .memory = REGIONS(RAM(0x40000000, 64 * MiB)),
       .devices = DEVICES(DEVICE_AT(0x09030000, 0x0c000000, 0x1000),
			  DEVICE(0x0a000000, 0x1000)),
       .irqs = IRQS(39, 48, 49, 50, 51),
       .images = IMAGES(IMAGE("guests/baremetal/hello.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)));
