/* SPDX-License-Identifier: Apache-2.0 */
/* CPU 0's way into the test, and the ways out of it. */
#include <guest.h>
#include <guest/arch_if.h>

void guest_main(void)
{
	arch_init();
	arch_cpu_init(0);
	smp_mark_online(0);
	irq_unmask();
	test_main();
	system_off();
	cpu_park();
}

void cpu_park(void)
{
	irq_mask();
	for (;;)
		cpu_idle();
}

void test_pass(void)
{
	test_print("PASS");
	system_off();
	cpu_park();
}

void guest_fail(const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vformat(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	test_print("FAIL: %s", msg);
	system_off();
	cpu_park();
}

/* Set by the entry code from x0 / a1 before anything else runs. */
unsigned long guest_boot_arg;
