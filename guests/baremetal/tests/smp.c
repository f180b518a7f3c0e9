/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Every vCPU of the VM comes up, takes 5 interrupts of its own timer, then
 * CPU 0 pings each other vCPU with an SGI and waits for its SGI reply.
 */
#include <stdatomic.h>

#include <guest.h>

GUEST_TEST("smp");

#define SGI_PING   1
#define SGI_PONG   2
#define TICK_US	   10000
#define TICKS	   5
#define TIMEOUT_US 5000000

static atomic_uint ticks_done; /* a bit per CPU */
static atomic_uint pongs;      /* replies CPU 0 received */

static void own_ticks(unsigned cpu)
{
	test_print("cpu %u up (" CPU_HWID_NAME " 0x%lx)", cpu,
		   cpu_hwid_of(cpu));
	timer_start_periodic(TICK_US, NULL);
	WAIT_OR_FAIL(timer_ticks() >= TICKS, TIMEOUT_US, "own timer ticks");
	timer_stop();
	test_print("%lu timer ticks", timer_ticks());
	atomic_fetch_or(&ticks_done, 1u << cpu);
	cpu_notify();
}

static void on_ping(unsigned intid, void *arg)
{
	(void)intid;
	(void)arg;
	test_print("ping, replying");
	sgi_send(0, SGI_PONG);
}

static void on_pong(unsigned intid, void *arg)
{
	(void)intid;
	(void)arg;
	atomic_fetch_add(&pongs, 1);
}

static void secondary(unsigned cpu)
{
	irq_enable(SGI_PING);
	own_ticks(cpu);
}

static void ping_all(unsigned n)
{
	for (unsigned cpu = 1; cpu < n; cpu++) {
		test_print("ping cpu %u", cpu);
		sgi_send(cpu, SGI_PING);
		WAIT_OR_FAIL(atomic_load(&pongs) == cpu, TIMEOUT_US,
			     "an SGI reply");
		test_print("pong from cpu %u", cpu);
	}
}

void test_main(void)
{
	unsigned n = vcpu_count();
	unsigned all;

	test_print("start: %u vCPUs, interrupt controller %s", n, irqc_name());
	irq_register(SGI_PING, on_ping, NULL);
	irq_register(SGI_PONG, on_pong, NULL);
	irq_enable(SGI_PONG);
	n = smp_boot_all(n, secondary);
	own_ticks(0);
	all = (1u << n) - 1;
	WAIT_OR_FAIL(atomic_load(&ticks_done) == all, TIMEOUT_US,
		     "every cpu's timer ticks");
	ping_all(n);
	test_pass();
}
