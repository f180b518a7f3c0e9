/*
 * A Debian arm64 Linux VM as the configurations use it: 256 MiB at
 * 0x40000000, the kernel at 0x40200000, the initramfs at 0x48000000 and a
 * device tree generated from this description at 0x47e00000 (x0 at entry;
 * docs/guests.md). `bootargs_` is the kernel command line: LINUX_SHELL, or
 * LINUX_RUN("attack") to run /tessera/attack of the initramfs instead of a
 * shell (guests/linux/scripts).
 */
#ifndef CONFIGS_LINUX_VM_H
#define CONFIGS_LINUX_VM_H

#include <tessera/config.h>

#define LINUX_SHELL	 "console=ttyAMA0 earlycon=pl011,0x09000000 quiet"
#define LINUX_RUN(what_) LINUX_SHELL " tessera.run=" what_

/* Everything but the name, CPUs, flags and colors: for a VM with more fields.
 */
#define LINUX_VM_FIELDS(bootargs_)                                             \
	.memory = REGIONS(RAM(0x40000000, 256 * MiB)),                         \
	.images =                                                              \
	    IMAGES(IMAGE("linux/arm64/Image", 0x40200000),                     \
		   IMAGE_INITRD("linux/arm64/initramfs.cpio.gz", 0x48000000)), \
	.entry = 0x40200000, .dtb = DTB_AT(0x47e00000),                        \
	.bootargs = (bootargs_), .console = PL011(0x09000000, 33)

#define LINUX_VM(name_, flags_, bootargs_, ...) \
	LINUX_VM_COLORED(name_, flags_, bootargs_, {0}, __VA_ARGS__)

/* The same with cache colors: `colors_` = COLORS(...). */
#define LINUX_VM_COLORED(name_, flags_, bootargs_, colors_, ...)        \
	VM(.name = name_, .cpus = CPUS(__VA_ARGS__), .flags = (flags_), \
	   .colors = colors_, LINUX_VM_FIELDS(bootargs_))

#endif
