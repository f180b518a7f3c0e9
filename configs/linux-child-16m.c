// SPDX-License-Identifier: Apache-2.0
/*
 * Not a boot configuration: configs/linux-child.c with 16 MiB of memory.
 * Linux's page allocator gives at most 4 MiB in one piece, so tessera.ko
 * splits the region into pieces back to back in the child's address space,
 * each with its own pa (docs/dynamic-vms.md). vmchild.bin runs in the first
 * MiB whatever the size.
 */
#include <tessera/config.h>

TESSERA_SINGLE_VM("qemu-aarch64-virt",
		  VM(.name = "linux-child-16m", .cpus = CPUS(0),
		     .memory = REGIONS(RAM_FIXED(0x40000000, 16 * MiB, 0)),
		     .images = IMAGES(IMAGE_IN_PLACE(0x40000000, 256 * KiB)),
		     .entry = 0x40000000, .boot_arg = 0,
		     .console = PL011(0x09000000, 33)));
