// SPDX-License-Identifier: Apache-2.0
/*
 * Bringing your own device tree (docs/guests.md): the Linux VM of
 * linux-demo.c with a hand-written tree, guests/linux/own-tree.dts (built by
 * guests/linux/linux.mk), given as a plain image whose address is the boot
 * argument, instead of `.dtb = DTB_AT(...)`. Built, and its tree checked
 * against the description, by `make check-trees`.
 */
#include <tessera/config.h>

TESSERA_CONFIG(
    "qemu-aarch64-virt",
    VM(.name = "linux", .cpus = CPUS(0, 1), .flags = CONSOLE_INPUT,
       .memory = REGIONS(RAM(0x40000000, 256 * MiB)),
       .images = IMAGES(IMAGE("linux/arm64/Image", 0x40200000),
			IMAGE("guests/linux/own-tree.dtb", 0x47e00000),
			IMAGE("linux/arm64/initramfs.cpio.gz", 0x48000000)),
       .entry = 0x40200000, .boot_arg = 0x47e00000,
       .console = PL011(0x09000000, 33)));
