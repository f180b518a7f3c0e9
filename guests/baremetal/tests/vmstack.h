/* SPDX-License-Identifier: Apache-2.0 */
/* What the VM-stack test's parent (vmstack.c) and child (vmchild.c) share. */
#ifndef GUEST_TESTS_VMSTACK_H
#define GUEST_TESTS_VMSTACK_H

#include <guest.h>

/* A child's memory: from ARCH_RAM_BASE to 1 MiB past its entry point. */
#define CHILD_IPA     ARCH_RAM_BASE
#define CHILD_SIZE    (ARCH_IMAGE_BASE - ARCH_RAM_BASE + 0x100000ul)
#define CHILD_MEM_END (CHILD_IPA + CHILD_SIZE)

enum child_mode {
	CHILD_YIELD = 0, /* yield index * 100 + round, forever */
	CHILD_SPIN = 1,	 /* never yields: only the parent's interrupts end it */
	CHILD_ATTACK = 2,  /* writes outside its memory */
	CHILD_SCRIBBLE = 3 /* fills its memory after the image, then yields */
};

/* The boot argument the parent gives a child: its mode and index. */
#define CHILD_ARG(mode, index) ((unsigned long)(mode) << 8 | (index))

#endif
