/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Boot time: the counter as read by the image's very first instruction
 * (BENCH_BOOT_STAMP, ahead of _start). The counter starts at 0 when the
 * machine resets, so this is the time from reset to the guest's first
 * instruction: in a VM, everything the hypervisor did before entering it.
 * Prints one BENCH line (runs=1, in us; under -icount shift=0 one us is
 * 1000 instructions), then waits instead of powering off: with several
 * VMs each prints its own, and the benchmark runner, which still reads the
 * machine's memory through QEMU's monitor, ends QEMU itself. It waits
 * awake in cpu_wait() with interrupts masked (WFE; on RISC-V a WFI that a
 * pending software interrupt ends at once), not asleep for good: with every
 * CPU asleep, QEMU 7.2 under -icount sleep=off stops answering its monitor
 * on RISC-V. Yielding, not polling: a polling CPU would hold the others
 * (VMs still booting) back for whole time slices.
 */
#include "bench.h"

GUEST_TEST("bench_boot");

BENCH_BOOT_STAMP();

void test_main(void)
{
	uint64_t ns = ticks_to_ns(bench_boot_ticks());
	struct hc_ret info = hc_call(HC_VM_INFO, 0, 0, 0, 0, 0);
	long vm = info.status == HS_OK ? (long)info.r1 : -1;
	uint64_t us10 = ns / 100; /* tenths of a us */

	test_print("BENCH name=boot arch=%s env=%s unit=us runs=1 batch=1 "
		   "min=%lu.%lu median=%lu.%lu max=%lu.%lu clock=counter "
		   "res=%lu vm=%ld",
		   BENCH_ARCH, vm >= 0 ? "tessera" : "native",
		   (unsigned long)(us10 / 10), (unsigned long)(us10 % 10),
		   (unsigned long)(us10 / 10), (unsigned long)(us10 % 10),
		   (unsigned long)(us10 / 10), (unsigned long)(us10 % 10),
		   (unsigned long)ticks_to_ns(1), vm);
	test_print("waiting for the benchmark runner to end QEMU");
	irq_mask();
	for (;;)
		cpu_wait();
}
