/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The interrupt handler registry. One table for all CPUs: a per-CPU
 * interrupt (SGI, PPI) has the same handler everywhere, which asks
 * cpu_id() when it cares.
 */
#include <guest.h>
#include <guest/arch_if.h>

#define IRQ_MAX 256

static struct {
	irq_handler_t fn;
	void *arg;
} handlers[IRQ_MAX];

int irq_register(unsigned intid, irq_handler_t fn, void *arg)
{
	if (intid >= IRQ_MAX)
		return -1;
	handlers[intid].arg = arg;
	handlers[intid].fn = fn;
	return 0;
}

void irq_enable(unsigned intid)
{
	arch_irq_enable(intid, cpu_id());
}

static void dispatch(unsigned intid)
{
	if (intid < IRQ_MAX && handlers[intid].fn)
		handlers[intid].fn(intid, handlers[intid].arg);
	else
		test_print("unexpected interrupt %u", intid);
}

/* From the IRQ vector: everything pending, then back to what ran. */
void irq_handle(void)
{
	for (;;) {
		unsigned long ack = arch_irq_ack();
		unsigned intid = arch_irq_intid(ack);

		if (intid == ARCH_IRQ_NONE)
			return;
		dispatch(intid);
		arch_irq_eoi(ack);
	}
}
