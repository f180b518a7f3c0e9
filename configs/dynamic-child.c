// SPDX-License-Identifier: Apache-2.0
/*
 * Not a boot configuration: the description a running VM passes to the
 * create hypercall (HC_VM_CREATE) to start a child made from its own
 * resources. It is written in the parent's terms: the region's `pa` is the
 * parent's guest-physical address of the 16 MiB it hands over (already
 * holding the child's code, hence IMAGE_IN_PLACE), and CPUS() names the
 * parent's vCPUs the child is stacked on. The hypervisor checks at create
 * time that all of it belongs to the parent.
 */
#include <tessera/config.h>

TESSERA_SINGLE_VM("qemu-aarch64-virt",
		  VM(.name = "child", .cpus = CPUS(0),
		     .memory = REGIONS(RAM_FIXED(0x40000000, 16 * MiB,
						 0x44000000)),
		     .images = IMAGES(IMAGE_IN_PLACE(0x40000000, 64 * KiB)),
		     .entry = 0x40000000, .console = PL011(0x09000000, 33)));
