/* SPDX-License-Identifier: Apache-2.0 */
/* What the VM-stack test's parent (vmstack.c) and child (vmchild.c) share. */
#ifndef GUEST_TESTS_VMSTACK_H
#define GUEST_TESTS_VMSTACK_H

#include <guest.h>
#include <tessera/vmdesc.h>

/* A child's memory: from ARCH_RAM_BASE to 1 MiB past its entry point. */
#define CHILD_IPA     ARCH_RAM_BASE
#define CHILD_SIZE    (ARCH_IMAGE_BASE - ARCH_RAM_BASE + 0x100000ul)
#define CHILD_MEM_END (CHILD_IPA + CHILD_SIZE)

enum child_mode {
	CHILD_YIELD = 0, /* yield index * 100 + round, forever */
	CHILD_SPIN = 1,	 /* never yields: only the parent's interrupts end it */
	CHILD_ATTACK = 2,   /* writes outside its memory */
	CHILD_SCRIBBLE = 3, /* fills its memory after the image, then yields */
	/*
	 * Its memory is twice CHILD_SIZE, the upper half holding a fresh copy
	 * of vmchild.bin: it makes a grandchild there, invokes it, destroys
	 * it, and yields what the grandchild yielded.
	 */
	CHILD_NEST = 4,
	/*
	 * Prints its HC_MEM_REPORT, checks every page of its memory past its
	 * image is its own, and yields its frame count.
	 */
	CHILD_REPORT = 5
};

/* The boot argument the parent gives a child: its mode and index. */
#define CHILD_ARG(mode, index) ((unsigned long)(mode) << 8 | (index))

/* vmchild.bin's size is at most this (the images are copied this long). */
#define CHILD_IMAGE_MAX 0x40000ul

/* One single-VM description: header, VM, region, image, in one buffer. */
struct child_desc {
	struct vmdesc_header h;
	struct vmdesc_vm vm;
	struct vmdesc_region region;
	struct vmdesc_image image;
};

/*
 * A one-vCPU child stacked on our vCPU 0, over `size` bytes of our memory
 * from `slot` (our guest-physical address), which it sees at `ipa`; its image
 * is already there, at the child's ARCH_IMAGE_BASE.
 */
static inline void child_desc_build(struct child_desc *d, unsigned long slot,
				    unsigned long ipa, unsigned long size,
				    unsigned long arg, const char *name)
{
	unsigned long image = ipa + size - ARCH_IMAGE_BASE;

	memset(d, 0, sizeof(*d));
	d->h = (struct vmdesc_header){
	    .magic = VMDESC_MAGIC,
	    .version = VMDESC_VERSION,
	    .kind = VMDESC_KIND_VM,
	    .total_size = sizeof(*d),
	    .platform = ARCH_PLATFORM,
	    .vms = {1, offsetof(struct child_desc, vm)},
	};
	d->vm = (struct vmdesc_vm){
	    .vcpus = 1,
	    .cpu_affinity = 1,
	    .entry = ARCH_IMAGE_BASE,
	    .boot_arg = arg,
	    .regions = {1, offsetof(struct child_desc, region)},
	    .images = {1, offsetof(struct child_desc, image)},
	    .console = ARCH_CONSOLE,
	    .console_irq = ARCH_CONSOLE_IRQ,
	    .console_ipa = ARCH_CONSOLE_IPA,
	    .tee = VMDESC_NONE,
	    .parent = VMDESC_NONE,
	};
	for (unsigned i = 0; name[i] && i < VMDESC_NAME_MAX - 1; i++)
		d->vm.name[i] = name[i];
	d->region = (struct vmdesc_region){
	    .ipa = ipa,
	    .size = size,
	    .pa = slot,
	    .flags = VMDESC_MEM_RWX | VMDESC_MEM_FIXED_PA,
	};
	d->image = (struct vmdesc_image){
	    .ipa = ARCH_IMAGE_BASE,
	    .size = image < CHILD_IMAGE_MAX ? image : CHILD_IMAGE_MAX,
	    .source = VMDESC_IMAGE_IN_PLACE,
	};
}

/*
 * `rounds` creates (by `create`) and destroys of a child: the hypervisor's
 * free pages and VMs in use must come back to what they were.
 */
static inline void child_cycles_no_leak(unsigned rounds,
					struct hc_ret (*create)(void),
					const char *what)
{
	struct hc_ret before = hc_call(HC_HYP_STATS, 0, 0, 0, 0, 0), after;

	for (unsigned i = 0; i < rounds; i++) {
		struct hc_ret r = create();

		if (r.status != HS_OK ||
		    hc_call(HC_VM_DESTROY, r.r1, 0, 0, 0, 0).status != HS_OK)
			guest_fail("round %u: create %ld", i, r.status);
	}
	after = hc_call(HC_HYP_STATS, 0, 0, 0, 0, 0);
	test_print("%u %s: free pages %lu before, %lu after, VMs %lu/%lu",
		   rounds, what, before.r1, after.r1, before.r2, after.r2);
	if (before.r1 != after.r1 || before.r2 != after.r2)
		guest_fail("hypervisor memory leaked");
}

#endif
