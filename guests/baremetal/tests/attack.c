/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Writes outside the VM's memory. Under Tessera the write must never
 * complete: a test expects "writing to" and never "survived".
 */
#include <guest.h>

GUEST_TEST("attack");

/* Just past a 1 GiB VM: 0x80000000 on Arm, 0xc0000000 on RISC-V. */
#ifndef ATTACK_ADDR
#define ATTACK_ADDR (ARCH_RAM_BASE + 0x40000000ul)
#endif

void test_main(void)
{
	volatile uint32_t *target = (volatile uint32_t *)ATTACK_ADDR;

	test_print("writing to 0x%lx", (unsigned long)ATTACK_ADDR);
	*target = 0x5a5a5a5a;
	/* Complete the write before claiming it went through. */
	mem_sync();
	test_print("survived");
	system_off();
}
