/* SPDX-License-Identifier: Apache-2.0 */
/*
 * An interrupt the VM does not own (the isolation catalogue of issue 13):
 * the neighbour's RTC interrupt (<arch/rtc.h>). Through its virtual
 * interrupt controller the VM enables it, configures it, routes it to
 * itself, makes it pending, then disables it and clears it, as the
 * architecture's controller allows (<arch/hostile.h>: on Arm the
 * distributor's group, priority, trigger, enable, route, target, pending
 * and active registers; on RISC-V the PLIC's priority, its contexts'
 * enables, thresholds and claims); every write must be ignored (reads 0)
 * and no such interrupt may reach the VM. Then it sends SGIs / IPIs to
 * vCPUs it does not have (target lists beyond its vCPUs, other affinity
 * clusters, "all but self" with no other vCPU; hart masks and bases past
 * its harts): none may arrive anywhere, and where the call answers a status
 * it must refuse; one to itself must arrive. The owner, next to it, keeps
 * taking the interrupt.
 */
#include <stdatomic.h>

#include <guest.h>
#include <arch/hostile.h>
#include <arch/rtc.h>

/* <arch/hostile.h> wants an argument pool; nothing here draws from it. */
static unsigned long hostile_arg(struct hrng *r)
{
	return hrng_next(r);
}

GUEST_TEST("attack_irq");

#define SGI	   7
#define SETTLE_US  100000 /* time for anything wrongly delivered to arrive */
#define TIMEOUT_US 2000000

static atomic_uint sgis, stolen;

static void on_sgi(unsigned intid, void *arg)
{
	(void)intid;
	(void)arg;
	atomic_fetch_add(&sgis, 1);
	cpu_notify();
}

static void on_stolen(unsigned intid, void *arg)
{
	(void)intid;
	(void)arg;
	atomic_fetch_add(&stolen, 1);
}

static void settle(void)
{
	uint64_t end = time_us() + SETTLE_US;

	while (time_us() < end)
		cpu_wait();
}

/* Makes one write, expects the register to read back 0. */
static void ignored(const struct hostile_irq_write *w)
{
	unsigned long v;

	hostile_mmio(w->addr, w->width, HOW_WRITE, w->value);
	v = hostile_mmio(w->addr, w->width, HOW_READ, 0) & w->mask;
	if (v)
		guest_fail("%s of interrupt %u, not ours: reads 0x%lx", w->what,
			   RTC_SOURCE, v);
	test_print("%s interrupt %u: ignored", w->what, RTC_SOURCE);
}

static void spi_attacks(void)
{
	struct hostile_irq_write w[HOSTILE_IRQ_WRITES];
	unsigned n = hostile_irq_writes(RTC_SOURCE, w), i;

	for (i = 0; i < n && !w[i].after_settling; i++)
		ignored(&w[i]);
	settle();
	if (atomic_load(&stolen))
		guest_fail("interrupt %u, not ours, reached us %u times",
			   RTC_SOURCE, atomic_load(&stolen));
	for (; i < n; i++)
		ignored(&w[i]);
}

/* Sends one SGI register value that names no vCPU of ours. */
static unsigned misdelivered;

static void sgi_beyond(const struct hostile_ipi_beyond *b)
{
	unsigned before = atomic_load(&sgis);
	long status = hostile_ipi(b->reg, b->value);
	uint64_t end = time_us() + 1000;

	while (time_us() < end)
		;
	if (atomic_load(&sgis) != before || !hostile_ipi_refused(status)) {
		test_print("misdelivered: %s <- 0x%lx (%s) %s",
			   hostile_ipi_names[b->reg], b->value, b->what,
			   hostile_ipi_refused(status) ? "reached us"
						       : "accepted");
		misdelivered++;
	}
}

static void sgi_attacks(unsigned vcpus)
{
	struct hostile_ipi_beyond b[HOSTILE_IPIS_BEYOND];
	unsigned n = hostile_ipis_beyond(vcpus, SGI, b);

	for (unsigned i = 0; i < n; i++)
		sgi_beyond(&b[i]);
	settle();
	if (misdelivered)
		guest_fail("%u of %u SGIs for vCPUs we do not have reached us",
			   misdelivered, n);
	test_print("%u SGIs to vCPUs we do not have: none delivered", n);
	sgi_send(0, SGI);
	WAIT_OR_FAIL(atomic_load(&sgis) == 1, TIMEOUT_US,
		     "an SGI to ourselves");
	test_print("an SGI to ourselves: delivered");
}

void test_main(void)
{
	struct hc_ret info = hc_call(HC_VM_INFO, 0, 0, 0, 0, 0);
	unsigned vcpus = info.status == HS_OK ? (unsigned)info.r3 : 1;

	irq_register(SGI, on_sgi, NULL);
	irq_enable(SGI);
	irq_register(RTC_IRQ, on_stolen, NULL);
	test_print("attacking interrupt %u with %u vCPU(s), %s", RTC_SOURCE,
		   vcpus, irqc_name());
	spi_attacks();
	sgi_attacks(vcpus);
	test_pass();
}
