/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Tessera's hypercall interface seen from a guest: the known calls answer
 * HS_OK, an unknown number in Tessera's range answers HS_NOT_SUPPORTED.
 */
#include <guest.h>

GUEST_TEST("hvc");

#define UNKNOWN_FN 0x3ff

void test_main(void)
{
	struct hc_ret null = hc_call(HC_NULL, 0, 0, 0, 0, 0);
	struct hc_ret info = hc_call(HC_VM_INFO, 0, 0, 0, 0, 0);
	struct hc_ret unknown = hc_call(UNKNOWN_FN, 0, 0, 0, 0, 0);

	test_print("HC_NULL: status %ld", null.status);
	test_print("HC_VM_INFO: status %ld, vm %lu, vcpu %lu of %lu",
		   info.status, info.r1, info.r2, info.r3);
	test_print("fn 0x%x: status %ld", UNKNOWN_FN, unknown.status);
	if (null.status != HS_OK)
		guest_fail("HC_NULL returned %ld", null.status);
	if (info.status != HS_OK || info.r2 != cpu_id() || !info.r3)
		guest_fail("HC_VM_INFO returned %ld (vcpu %lu of %lu)",
			   info.status, info.r2, info.r3);
	if (unknown.status != HS_NOT_SUPPORTED)
		guest_fail("fn 0x%x returned %ld, not HS_NOT_SUPPORTED",
			   UNKNOWN_FN, unknown.status);
	test_pass();
}
