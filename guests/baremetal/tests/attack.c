/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Writes outside the VM's memory. Under Tessera the write must never
 * complete: a test expects "writing to" and never "survived".
 */
#include <guest.h>

GUEST_TEST("attack");

/* Just past a 1 GiB VM at 0x40000000. */
#ifndef ATTACK_ADDR
#define ATTACK_ADDR 0x80000000ul
#endif

void test_main(void)
{
	volatile uint32_t *target = (volatile uint32_t *)ATTACK_ADDR;

	test_print("writing to 0x%lx", (unsigned long)ATTACK_ADDR);
	*target = 0x5a5a5a5a;
	/* Complete the write before claiming it went through. */
	__asm__ volatile("dsb sy" : : : "memory");
	test_print("survived");
	system_off();
}
