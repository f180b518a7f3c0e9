/*
 * A Debian arm64 Linux VM as the configurations use it: 256 MiB at
 * 0x40000000, the kernel at 0x40200000, its device tree
 * (guests/linux/<dtb>.dts, which sets the command line) at 0x47e00000 and the
 * initramfs at 0x48000000 (the address guests/linux/linux.mk writes into the
 * tree).
 */
#ifndef CONFIGS_LINUX_VM_H
#define CONFIGS_LINUX_VM_H

#include <tessera/config.h>

#define LINUX_VM(name_, flags_, dtb_, ...)                                 \
	VM(.name = name_, .cpus = CPUS(__VA_ARGS__), .flags = (flags_),    \
	   .memory = REGIONS(RAM(0x40000000, 256 * MiB)),                  \
	   .images =                                                       \
	       IMAGES(IMAGE("linux/arm64/Image", 0x40200000),              \
		      IMAGE("guests/linux/" dtb_ ".dtb", 0x47e00000),      \
		      IMAGE("linux/arm64/initramfs.cpio.gz", 0x48000000)), \
	   .entry = 0x40200000, .boot_arg = 0x47e00000,                    \
	   .console = PL011(0x09000000, 33))

#endif
