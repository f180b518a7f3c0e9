// SPDX-License-Identifier: Apache-2.0
/*
 * Not a boot configuration: the child a Linux VM creates at run time with
 * tessera.ko (`tessera-vm create linux-child.blob vmchild.bin`, see
 * guests/linux/scripts/vmstack and docs/dynamic-vms.md). Written in the
 * parent's terms: the region's pa is 0 because the driver allocates the
 * 1 MiB in Linux and writes its guest-physical address there; the image
 * (vmchild.bin, at most 256 KiB) is copied in by the driver, hence
 * IMAGE_IN_PLACE; CPUS(0) stacks the child on Linux's vCPU 0. boot_arg 0 is
 * vmchild's mode 0, index 0: it yields 0, 1, 2... one per invoke.
 */
#include <tessera/config.h>

TESSERA_SINGLE_VM("qemu-aarch64-virt",
		  VM(.name = "linux-child", .cpus = CPUS(0),
		     .memory = REGIONS(RAM_FIXED(0x40000000, 1 * MiB, 0)),
		     .images = IMAGES(IMAGE_IN_PLACE(0x40000000, 256 * KiB)),
		     .entry = 0x40000000, .boot_arg = 0,
		     .console = PL011(0x09000000, 33)));
