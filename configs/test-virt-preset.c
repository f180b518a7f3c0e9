/*
 * Test: the QEMU virt preset. guests/baremetal/tests/fdt.c, a program for
 * plain QEMU virt, finds its memory and CPUs in the tree it is booted with.
 */
#include <tessera/config.h>

TESSERA_CONFIG("qemu-aarch64-virt",
	       VM(.name = "virt", .cpus = CPUS(1, 2), QEMU_VIRT_ARM64(64 * MiB),
		  .images = IMAGES(IMAGE("guests/baremetal/fdt.bin",
					 0x40000000)),
		  .entry = 0x40000000));
