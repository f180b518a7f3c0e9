/* SPDX-License-Identifier: Apache-2.0 */
/*
 * IPC benchmarks (configs/bench-ipc.c): two VMs of one vCPU each linked to
 * one region at WINDOW, doorbell 40 in both. VM 1 answers; VM 0 measures:
 *
 * ipc_doorbell_latency  from just before VM 0's HC_IPC_NOTIFY to the first
 *                       statement of VM 1's doorbell handler, VM 1 asleep
 *                       (WFI) when it comes.
 * ipc_round_trip        a 32-byte message through the mailbox, VM 1's
 *                       handler answering with another, until VM 0 has
 *                       the answer: send, both doorbells, receive.
 *
 * Prints BENCH lines (see bench.h), then PASS; both VMs power off.
 */
#include <guest/ipc.h>

#include "bench.h"

GUEST_TEST("bench_ipc");

#ifndef RUNS
#define RUNS 101
#endif
#define TRIP_BATCH  8
#define WINDOW	    0x50000000ul
#define DOORBELL    ARCH_DEVICE_IRQ(40)
#define WATCHDOG_NS 20000000ull
#define MSG_BYTES   32

enum mode { MODE_LATENCY = 1, MODE_MESSAGE, MODE_DONE };

/* The page after the mailboxes: what the measurement needs besides. */
struct area {
	volatile uint32_t ready; /* VM 1 takes doorbells */
	volatile uint32_t mode;	 /* enum mode: what VM 1's next doorbell is */
	volatile uint64_t stamp; /* VM 1's handler's first reading */
};

static struct area *const area = (struct area *)(WINDOW + 4096);
static struct ipc_chan chan;
static atomic_uint replies;
static volatile bool timer_fired;
static uint8_t msg[MSG_BYTES];

static void ring(unsigned long peer)
{
	long st = hc_call(HC_IPC_NOTIFY, 0, peer, 0, 0, 0).status;

	if (st != HS_OK)
		guest_fail("HC_IPC_NOTIFY answered %ld", st);
}

/* VM 1: stamp first, then whatever the doorbell asks for. */
static void responder_doorbell(unsigned intid, void *arg)
{
	uint64_t now = bench_now();

	(void)intid;
	(void)arg;
	if (area->mode == MODE_LATENCY) {
		area->stamp = now;
		ring(0);
	} else if (area->mode == MODE_MESSAGE) {
		if (ipc_recv(&chan, msg, sizeof(msg)) != MSG_BYTES)
			guest_fail("no message behind the doorbell");
		ipc_send(&chan, msg, MSG_BYTES, WATCHDOG_NS / 1000);
	}
	atomic_fetch_add(&replies, 1);
	cpu_notify();
}

static void responder(void)
{
	ipc_open(&chan, WINDOW, 0, 1, 0, 0);
	irq_register(DOORBELL, responder_doorbell, NULL);
	irq_enable(DOORBELL);
	area->ready = 1;
	irq_mask();
	while (area->mode != MODE_DONE) {
		cpu_idle();
		irq_unmask();
		irq_mask();
	}
	irq_unmask();
	test_pass();
}

static void on_reply(unsigned intid, void *arg)
{
	(void)intid;
	(void)arg;
	atomic_fetch_add(&replies, 1);
}

static void on_timer(unsigned intid, void *arg)
{
	(void)intid;
	(void)arg;
	arch_timer_disarm();
	timer_fired = true;
}

/* Sleeps until VM 1's doorbell came back; the timer is the watchdog. */
static void wait_reply(unsigned want)
{
	if (!bench_sleep_until(&replies, want, &timer_fired))
		guest_fail("no answer from vm 1");
}

static void watchdog(void)
{
	timer_fired = false;
	arch_timer_arm(arch_timer_now() + WATCHDOG_NS / bench.tick);
}

static void doorbell_latency(void)
{
	struct bench_stats s = {0};

	area->mode = MODE_LATENCY;
	for (unsigned r = 0; r <= RUNS; r++) {
		unsigned want = atomic_load(&replies) + 1;
		uint64_t t0;

		watchdog();
		area->stamp = 0;
		t0 = bench_now();
		ring(1);
		wait_reply(want);
		/* The first run only warms the path up. */
		if (r)
			stats_add(&s, per_event_tenths(
					  (int64_t)(area->stamp - t0), 1));
	}
	bench_report("ipc_doorbell_latency", "instructions", &s, 1);
}

static void round_trip(void)
{
	struct bench_stats s = {0};

	area->mode = MODE_MESSAGE;
	for (unsigned r = 0; r < RUNS; r++) {
		uint64_t t0;

		watchdog();
		t0 = bench_now();
		for (unsigned k = 0; k < TRIP_BATCH; k++) {
			unsigned want = atomic_load(&replies) + 1;

			msg[0] = (uint8_t)k;
			ipc_send(&chan, msg, MSG_BYTES, WATCHDOG_NS / 1000);
			wait_reply(want);
			if (ipc_recv(&chan, msg, sizeof(msg)) != MSG_BYTES ||
			    msg[0] != k)
				guest_fail("round trip %u: wrong answer", k);
		}
		stats_add(&s, per_event_tenths((int64_t)(bench_now() - t0),
					       TRIP_BATCH));
	}
	arch_timer_disarm();
	bench_report("ipc_round_trip", "instructions", &s, TRIP_BATCH);
}

static void measurer(void)
{
	ipc_open(&chan, WINDOW, 0, 0, 1, 0);
	irq_register(DOORBELL, on_reply, NULL);
	irq_enable(DOORBELL);
	irq_register(ARCH_TIMER_IRQ, on_timer, NULL);
	irq_enable(ARCH_TIMER_IRQ);
	while (!area->ready)
		cpu_wait();
	doorbell_latency();
	round_trip();
	area->mode = MODE_DONE;
	ring(1);
	test_pass();
}

void test_main(void)
{
	bench_init();
	if (hc_call(HC_VM_INFO, 0, 0, 0, 0, 0).r1 == 0)
		measurer();
	else
		responder();
}
