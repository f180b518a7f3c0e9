/* SPDX-License-Identifier: Apache-2.0 */
/*
 * One thing a VM may not do, chosen by its boot argument; the hypervisor
 * must stop this VM and only this one:
 *   0: HVC with a non-zero immediate (not an SMCCC call)
 *   1: the EL1 physical timer, which the hypervisor keeps trapped
 *   2: a device it was not given (QEMU virt's PL031 RTC)
 */
#include <guest.h>

GUEST_TEST("undef");

#if defined(__aarch64__)

void test_main(void)
{
	switch (guest_boot_arg) {
	case 0:
		test_print("calling HVC #1");
		__asm__ volatile("hvc #1" ::: "memory");
		break;
	case 1:
		test_print("writing CNTP_CTL_EL0");
		__asm__ volatile("msr cntp_ctl_el0, %0" ::"r"(1ul));
		break;
	case 2:
		test_print("reading the RTC at 0x09010000");
		(void)*(volatile uint32_t *)0x09010000ul;
		break;
	}
	test_print("survived");
}
#else
/* these traps are Arm's: RISC-V has its own SBI tests. */
void test_main(void)
{
	test_print("not on this architecture");
}
#endif
