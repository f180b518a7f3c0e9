/* SPDX-License-Identifier: Apache-2.0 */
/*
 * One access the VM has no right to make, at the guest-physical address in
 * the VM description's boot_arg (the isolation catalogue of issue 13). The
 * low four bits of boot_arg say how, the rest is the address:
 *
 *   0  read 8 bytes               1  write 8 bytes
 *   2  read 8 bytes, which must work (read-only memory), then write them
 *   3  execute there (memory without execute permission)
 *   4  an access a hypervisor cannot emulate (Arm: a load pair, LDP;
 *      RISC-V: an atomic add, AMOADD.W)
 *
 * The hypervisor must stop the VM at the forbidden access: "survived" must
 * never appear. Each run probes one address because the first probe ends
 * the VM; a configuration gives several VMs one address each.
 */
#include <guest.h>
#include <arch/hostile.h>

GUEST_TEST("attack_probe");

enum {
	PROBE_READ,
	PROBE_WRITE,
	PROBE_READ_ONLY,
	PROBE_EXEC,
	PROBE_PAIR,
	PROBES
};

static const char *const probe_names[PROBES] = {
    "reading", "writing", "reading, then writing", "executing",
    HOSTILE_UNEMULABLE_NAME};

/* <arch/hostile.h> wants an argument pool; nothing here draws from it. */
static unsigned long hostile_arg(struct hrng *r)
{
	return hrng_next(r);
}

void test_main(void)
{
	unsigned long addr = guest_boot_arg & ~0xful;
	unsigned mode = guest_boot_arg & 0xf;
	unsigned long v = 0;

	if (mode >= PROBES)
		guest_fail("no probe mode %u", mode);
	else
		test_print("%s 0x%lx", probe_names[mode], addr);
	switch (mode) {
	case PROBE_READ:
		v = hostile_mmio(addr, 8, HOW_READ, 0);
		break;
	case PROBE_READ_ONLY:
		v = hostile_mmio(addr, 8, HOW_READ, 0);
		test_print("read 0x%lx from 0x%lx: allowed", v, addr);
		__attribute__((fallthrough));
	case PROBE_WRITE:
		hostile_mmio(addr, 8, HOW_WRITE, 0x5a5a5a5a5a5a5a5aul);
		break;
	case PROBE_EXEC:
		((void (*)(void))addr)();
		break;
	default:
		v = hostile_unemulable(addr);
		break;
	}
	mem_sync();
	test_print("survived: %s 0x%lx went through (0x%lx)",
		   probe_names[mode % PROBES], addr, v);
	system_off();
}
