/*
 * A Debian riscv64 Linux VM as the RISC-V configurations use it: 256 MiB at
 * 0x80000000 (QEMU virt's RAM base), the kernel Image at 0x80200000 (2 MiB
 * aligned, where OpenSBI would enter it), the initramfs at 0x88000000 and a
 * device tree generated from this description at 0x8fe00000 (a1 at entry,
 * a0 = the hart id; docs/guests.md). The console is the NS16550A at QEMU
 * virt's address and PLIC source. `bootargs_` is the kernel command line:
 * RISCV_LINUX_SHELL, or RISCV_LINUX_RUN("attack") to run /tessera/attack of
 * the initramfs instead of a shell (guests/linux/scripts).
 */
#ifndef CONFIGS_RISCV_LINUX_VM_H
#define CONFIGS_RISCV_LINUX_VM_H

#include <tessera/config.h>

#define RISCV_LINUX_SHELL \
	"console=ttyS0 earlycon=uart8250,mmio,0x10000000 quiet"
#define RISCV_LINUX_RUN(what_) RISCV_LINUX_SHELL " tessera.run=" what_

/* `dtb_opts_`: 0, or DTB_NO_SSTC for harts without Sstc (docs/guests.md). */
#define RISCV_LINUX_VM_WITH(name_, flags_, bootargs_, dtb_opts_, ...)        \
	VM(.name = name_, .cpus = CPUS(__VA_ARGS__), .flags = (flags_),      \
	   .memory = REGIONS(RAM(0x80000000, 256 * MiB)),                    \
	   .images = IMAGES(                                                 \
	       IMAGE("linux/riscv64/Image", 0x80200000),                     \
	       IMAGE_INITRD("linux/riscv64/initramfs.cpio.gz", 0x88000000)), \
	   .entry = 0x80200000, .dtb = DTB_AT_WITH(0x8fe00000, dtb_opts_),   \
	   .bootargs = (bootargs_), .console = NS16550(0x10000000, 10))
#define RISCV_LINUX_VM(name_, flags_, bootargs_, ...) \
	RISCV_LINUX_VM_WITH(name_, flags_, bootargs_, 0, __VA_ARGS__)

#endif
