/* SPDX-License-Identifier: Apache-2.0 */
/*
 * PSCI as a VM sees it: version and features, CPU_ON with bad arguments,
 * CPU_OFF observed through AFFINITY_INFO, and SYSTEM_RESET, which restarts
 * this VM alone: a word outside the image survives the reset and tells the
 * second boot from the first. The console comes back as at power-on: a
 * line left unfinished before the reset ends there, and the interrupt mask
 * set before reads 0.
 */
#include <guest.h>

GUEST_TEST("psci");

#if defined(__aarch64__)
#include <arch/arm.h>
#include <arch/mmio.h>

#define RESET_MARK_ADDR 0x40f00000ul /* in our RAM, outside the image */
#define RESET_MARK	0x5e5e7001u
#define PSCI_FEATURES	0x8400000au
#define PSCI_ALREADY_ON (-4)
#define UART_IMSC	(ARCH_CONSOLE_IPA + 0x38)

static volatile uint32_t *const reset_mark = (uint32_t *)RESET_MARK_ADDR;

static void check(const char *what, long got, long want)
{
	if (got != want)
		guest_fail("%s: got %ld, want %ld", what, got, want);
	test_print("%s: %ld", what, got);
}

static void goes_off(unsigned cpu)
{
	test_print("cpu %u up, calling CPU_OFF", cpu);
	psci_cpu_off();
	test_print("cpu %u: still running after CPU_OFF", cpu);
}

static long features(unsigned long fn)
{
	return smccc_hvc(PSCI_FEATURES, fn, 0, 0, 0, 0).status;
}

void test_main(void)
{
	if (*reset_mark == RESET_MARK) {
		*reset_mark = 0;
		test_print("came back after SYSTEM_RESET");
		if (mmio_read32(UART_IMSC))
			guest_fail("the console kept its interrupt mask 0x%x",
				   mmio_read32(UART_IMSC));
		test_pass();
	}
	check("PSCI_VERSION", psci_version(), 0x10001);
	check("FEATURES(CPU_ON)", features(PSCI_CPU_ON), 0);
	check("FEATURES(unknown)", features(0x8400001fu), PSCI_E_NOT_SUPPORTED);
	check("CPU_ON of a CPU we do not have", psci_cpu_on(7, 0x40000000ul, 0),
	      PSCI_E_INVALID_PARAMS);
	check("CPU_ON of ourselves", psci_cpu_on(0, 0x40000000ul, 0),
	      PSCI_ALREADY_ON);
	smp_boot_all(2, goes_off);
	WAIT_OR_FAIL(psci_affinity_info(1, 0) == 1, 1000000, "cpu 1 to be off");
	check("AFFINITY_INFO(cpu 1) after its CPU_OFF",
	      psci_affinity_info(1, 0), 1);
	*reset_mark = RESET_MARK;
	mem_sync();
	test_print("calling SYSTEM_RESET");
	mmio_write32(UART_IMSC, 0x40); /* the receive timeout: never raised */
	console_printf("an unfinished line");
	psci_system_reset();
	guest_fail("SYSTEM_RESET returned");
}
#else
/* PSCI is Arm: RISC-V has its own SBI tests. */
void test_main(void)
{
	test_print("not on this architecture");
}
#endif
