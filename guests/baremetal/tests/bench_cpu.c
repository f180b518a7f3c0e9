/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The per-event benchmarks, in one run, each the median over many runs:
 *
 * null_hypercall  Tessera's HC_NULL: a loop of `batch` calls against the
 *                 same loop with a NOP for the HVC / ECALL; per call, the
 *                 call instruction included.
 * mmio_read       a read of an emulated device register (PL011 FR, or the
 *                 NS16550A's LSR), against the same loop reading RAM; per
 *                 read, the load included.
 * timer_latency   from the timer's deadline to the first statement of the
 *                 guest's interrupt handler (as registered with
 *                 irq_register), the CPU busy when the deadline comes.
 * ipi             half a round trip: CPU 0 sends an SGI to CPU 1, whose
 *                 handler sends one back; CPU 0 sleeps (WFI) until its
 *                 handler has run. Needs two vCPUs.
 *
 * Everything is measured on CPU 0 while the other CPUs sleep, so the
 * global instruction clock counts only the event and what it causes.
 * Prints BENCH lines (see bench.h), then PASS, and powers off.
 */
#include <stdatomic.h>

#include "bench.h"

GUEST_TEST("bench");

/* Samples per figure; GUEST_CFLAGS_bench_cpu=-DRUNS=3 for a quick look. */
#ifndef RUNS
#define RUNS 101
#endif
#define CALL_BATCH 64
#define MMIO_BATCH 64
#define IPI_BATCH  8
/* Ticks from arming the timer to its deadline: room to reach the loop. */
#define TIMER_GAP_NS 4000
/* A reply that does not come within this much guest time is lost. */
#define WATCHDOG_NS 20000000ull

#define SGI_PING 1
#define SGI_PONG 2

static volatile uint64_t timer_stamp;
static volatile bool timer_fired;
static atomic_uint pongs;
static volatile uint32_t ram_word;

static void null_hypercall(void)
{
	struct bench_stats s = {0};
	unsigned long fn = BENCH_CALL_FN(HC_NULL);

	for (unsigned r = 0; r < RUNS; r++) {
		uint64_t t0 = bench_now();
		uint64_t t1, t2;

		bench_call_loop(CALL_BATCH, fn);
		t1 = bench_now();
		bench_nop_loop(CALL_BATCH, fn);
		t2 = bench_now();
		stats_add(&s, per_event_tenths((int64_t)(t1 - t0) -
						   (int64_t)(t2 - t1),
					       CALL_BATCH) +
				  10);
	}
	bench_report("null_hypercall", "instructions", &s, CALL_BATCH);
}

static void mmio_read(void)
{
	struct bench_stats s = {0};

	for (unsigned r = 0; r < RUNS; r++) {
		uint64_t t0 = bench_now();
		uint64_t t1, t2;

		bench_load_loop(MMIO_BATCH, BENCH_MMIO_ADDR);
		t1 = bench_now();
		bench_load_loop(MMIO_BATCH, (uintptr_t)&ram_word);
		t2 = bench_now();
		stats_add(&s, per_event_tenths((int64_t)(t1 - t0) -
						   (int64_t)(t2 - t1),
					       MMIO_BATCH) +
				  10);
	}
	bench_report("mmio_read", "instructions", &s, MMIO_BATCH);
}

/* The clock first: everything before it is part of the latency. */
static void on_timer(unsigned intid, void *arg)
{
	timer_stamp = bench_now();
	(void)intid;
	(void)arg;
	arch_timer_disarm();
	timer_fired = true;
}

static uint64_t ns_to_ticks_up(uint64_t ns)
{
	return (ns + bench.tick - 1) / bench.tick;
}

static void timer_latency(void)
{
	struct bench_stats s = {0};

	irq_register(ARCH_TIMER_IRQ, on_timer, NULL);
	irq_enable(ARCH_TIMER_IRQ);
	for (unsigned r = 0; r < RUNS; r++) {
		uint64_t deadline =
		    arch_timer_now() + ns_to_ticks_up(TIMER_GAP_NS);
		uint64_t limit = bench_now() + WATCHDOG_NS;

		timer_fired = false;
		arch_timer_arm(deadline);
		/* Busy, interrupts on: the deadline finds the CPU running. */
		while (!timer_fired)
			if (bench_now() > limit)
				guest_fail("the timer did not fire");
		stats_add(
		    &s, per_event_tenths(
			    (int64_t)(timer_stamp - ticks_to_ns(deadline)), 1));
	}
	bench_report("timer_latency", "instructions", &s, 1);
}

static void on_ping(unsigned intid, void *arg)
{
	(void)intid;
	(void)arg;
	sgi_send(0, SGI_PONG);
}

static void on_pong(unsigned intid, void *arg)
{
	(void)intid;
	(void)arg;
	atomic_fetch_add(&pongs, 1);
}

static void ipi_secondary(unsigned cpu)
{
	(void)cpu;
	irq_enable(SGI_PING);
}

/* Sleeps until the pong handler ran; the timer is the watchdog. */
static void wait_pong(unsigned want, unsigned done)
{
	if (!bench_sleep_until(&pongs, want, &timer_fired))
		guest_fail("IPI: no reply from cpu 1 after %u round trips",
			   done);
}

static void ipi(void)
{
	struct bench_stats s = {0};
	unsigned n = vcpu_count();
	unsigned done = 0;

	if (n < 2) {
		test_print("BENCH_SKIP name=ipi reason=one-vcpu");
		return;
	}
	irq_register(SGI_PING, on_ping, NULL);
	irq_register(SGI_PONG, on_pong, NULL);
	irq_enable(SGI_PONG);
	if (smp_boot_all(2, ipi_secondary) < 2)
		guest_fail("cpu 1 did not come up");
	/* Once untimed: CPU 1 is in its idle loop and the path is warm. */
	sgi_send(1, SGI_PING);
	timer_fired = false;
	arch_timer_arm(arch_timer_now() + ns_to_ticks_up(WATCHDOG_NS));
	wait_pong(1, 0);
	for (unsigned r = 0; r < RUNS; r++) {
		uint64_t t0, t1;

		timer_fired = false;
		arch_timer_arm(arch_timer_now() + ns_to_ticks_up(WATCHDOG_NS));
		t0 = bench_now();
		for (unsigned k = 0; k < IPI_BATCH; k++) {
			unsigned want = atomic_load(&pongs) + 1;

			sgi_send(1, SGI_PING);
			wait_pong(want, done++);
		}
		t1 = bench_now();
		arch_timer_disarm();
		stats_add(&s,
			  per_event_tenths((int64_t)(t1 - t0), 2 * IPI_BATCH));
	}
	bench_report("ipi", "instructions", &s, IPI_BATCH);
}

void test_main(void)
{
	bench_init();
	null_hypercall();
	mmio_read();
	timer_latency();
	ipi();
	test_pass();
}
