/* SPDX-License-Identifier: Apache-2.0 */
/*
 * An interrupt the VM does not own (the isolation catalogue of issue 13):
 * TARGET_SPI, the neighbour's (QEMU virt's RTC, 34, by default). Through
 * its virtual distributor the VM enables it, sets its group, priority and
 * configuration, routes it to itself, makes it pending and active, then
 * disables it and clears it; every write must be ignored (reads 0) and no
 * such interrupt may reach the VM. Then it sends SGIs to vCPUs it does not
 * have (target lists beyond its vCPUs, other affinity clusters, "all but
 * self" with no other vCPU): none may arrive anywhere; one to itself must.
 * The owner, next to it, keeps taking the interrupt.
 */
#include <stdatomic.h>

#include <guest.h>
#include <arch/hostile.h>

/* <arch/hostile.h> wants an argument pool; nothing here draws from it. */
static unsigned long hostile_arg(struct hrng *r)
{
	return hrng_next(r);
}

#ifdef HOSTILE_IRQ_UNSUPPORTED
HOSTILE_NOT_PORTED("attack_irq", HOSTILE_IRQ_UNSUPPORTED)
#else

GUEST_TEST("attack_irq");

#ifndef TARGET_SPI
#define TARGET_SPI 34
#endif
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

/* Writes `value` to a distributor register, expects it to read back 0. */
static void ignored(const char *what, unsigned long off, unsigned width,
		    unsigned long value, unsigned long mask)
{
	unsigned long v;

	hostile_mmio(GICD_BASE + off, width, HOW_WRITE, value);
	v = hostile_mmio(GICD_BASE + off, width, HOW_READ, 0) & mask;
	if (v)
		guest_fail("%s of interrupt %u, not ours: reads 0x%lx", what,
			   TARGET_SPI, v);
	test_print("%s interrupt %u: ignored", what, TARGET_SPI);
}

static void spi_attacks(void)
{
	unsigned long word = TARGET_SPI / 32 * 4;
	unsigned long bit = 1ul << (TARGET_SPI % 32);
	unsigned long byte = TARGET_SPI & ~3ul;
	unsigned long lane = 0xfful << (TARGET_SPI % 4 * 8);
	unsigned long cfg = TARGET_SPI / 16 * 4;
	unsigned long cfg_bits = 3ul << (TARGET_SPI % 16 * 2);

	ignored("group 1 for", 0x080 + word, 4, bit, bit);
	ignored("priority 0 for", 0x400 + byte, 4, 0, lane);
	ignored("edge-triggering", 0xc00 + cfg, 4, cfg_bits, cfg_bits);
	ignored("enabling", 0x100 + word, 4, bit, bit);
	if (hostile_gicv3())
		ignored("routing to ourselves", 0x6000 + TARGET_SPI * 8ul, 8,
			read_mpidr() & 0xff00fffffful, ~0ul);
	ignored("targeting ourselves with", 0x800 + byte, 4, lane & 0x01010101,
		lane);
	ignored("making pending", 0x200 + word, 4, bit, bit);
	ignored("making active", 0x300 + word, 4, bit, bit);
	settle();
	if (atomic_load(&stolen))
		guest_fail("interrupt %u, not ours, reached us %u times",
			   TARGET_SPI, atomic_load(&stolen));
	ignored("disabling", 0x180 + word, 4, bit, bit);
	ignored("clearing", 0x280 + word, 4, bit, bit);
}

/* Sends one SGI register value that names no vCPU of ours. */
static unsigned misdelivered;

static void sgi_beyond(unsigned reg, unsigned long value, const char *what)
{
	unsigned before = atomic_load(&sgis);
	uint64_t end;

	hostile_ipi(reg, value);
	end = time_us() + 1000;
	while (time_us() < end)
		;
	if (atomic_load(&sgis) != before) {
		test_print("misdelivered: %s <- 0x%lx (%s) reached us",
			   hostile_ipi_names[reg], value, what);
		misdelivered++;
	}
}

static void sgi_attacks(unsigned vcpus)
{
	const unsigned long intid = (unsigned long)SGI << 24;
	const unsigned long mine = (1ul << vcpus) - 1;
	const struct {
		unsigned long value;
		const char *what;
	} beyond[] = {
	    {intid | (0xfffful & ~mine), "Aff0 beyond our vCPUs"},
	    {intid | 1ul << 16 | 0xffff, "Aff1 = 1"},
	    {intid | 0xfful << 16 | 0xffff, "Aff1 = 255"},
	    {intid | 1ul << 32 | 0xffff, "Aff2 = 1"},
	    {intid | 1ul << 48 | 0xffff, "Aff3 = 1"},
	    {intid | 1ul << 44 | 0xffff, "RS = 1: Aff0 16..31"},
	    {intid | 0xfful << 48 | 0xfful << 32 | 0xfful << 16 | 0xffff,
	     "Aff3.Aff2.Aff1 = 255.255.255"},
	    {intid | 1ul << 40, "IRM: every other vCPU, and we have no other"},
	};
	unsigned n = 0;

	if (!hostile_gicv3()) { /* GICD_SGIR: target list in bits 16..23 */
		sgi_beyond(0, (0xfful & ~mine) << 16 | SGI,
			   "targets beyond our vCPUs");
		n++;
		if (vcpus == 1) { /* filter 1: every other CPU interface */
			sgi_beyond(0, 1ul << 24 | SGI, "every other vCPU");
			n++;
		}
	}
	for (unsigned i = 0;
	     hostile_gicv3() && i < sizeof(beyond) / sizeof(beyond[0]); i++) {
		if (beyond[i].value & 1ul << 40 && vcpus != 1)
			continue;
		for (unsigned reg = 0; reg < HOSTILE_IPI_REGS; reg++, n++)
			sgi_beyond(reg, beyond[i].value, beyond[i].what);
	}
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
	irq_register(TARGET_SPI, on_stolen, NULL);
	test_print("attacking interrupt %u with %u vCPU(s), %s", TARGET_SPI,
		   vcpus, irqc_name());
	spi_attacks();
	sgi_attacks(vcpus);
	test_pass();
}

#endif /* HOSTILE_IRQ_UNSUPPORTED */
