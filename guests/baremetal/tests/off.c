/* SPDX-License-Identifier: Apache-2.0 */
/* SYSTEM_OFF must end the VM: the line after it must never appear. */
#include <guest.h>

GUEST_TEST("off");

void test_main(void)
{
	test_print("calling SYSTEM_OFF");
	system_off();
	test_print("still running");
	cpu_park();
}
