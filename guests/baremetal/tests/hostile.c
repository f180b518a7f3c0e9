/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The hostile guest (issue 13): from a seeded pseudo-random generator, it
 * makes CALLS calls that a correct hypervisor answers without stopping it,
 * mixing
 *
 * - Tessera's hypercalls: every number 0..0x400 once, then random ones
 *   (mostly the known ones and those next to them) with random, boundary
 *   and hostile arguments;
 * - firmware calls over the whole call space of the architecture (on Arm:
 *   every SMCCC owner 0..63, fast and yielding, SMC32 and SMC64, through
 *   HVC #0, SMC #0 and SMC #1; PSCI with MPIDRs the VM lacks, entry points
 *   outside its memory, odd affinity levels), never one that ends the
 *   caller (CPU_OFF, SYSTEM_OFF, SYSTEM_RESET...);
 * - reads and writes of every width the device models take, with random
 *   values, anywhere in its emulated windows (interrupt controller,
 *   console), keeping only what it needs: group 1 enabled, its timer's
 *   interrupt, its console's characters;
 * - SGIs / IPIs with random target lists.
 *
 * After each call it checks what the interface promises (documented status
 * codes, NOT_SUPPORTED for unknown functions, preserved registers, loads
 * that fit their width, no interrupt state of other VMs visible) and prints
 * any broken promise as "finding:". The other vCPUs (FUZZ_CPUS in all) run
 * streams of their own at the same time, for concurrency, and leave the
 * console's data register alone. Every vCPU keeps a 10 ms timer ticking.
 *
 * Lines: "seed 0x...", one every 10000 calls, "done N calls", then the
 * final, fatal step: an access just outside the VM's memory, which must
 * stop the VM (FINAL=0 powers off instead).
 *
 * Build-time knobs (GUEST_CFLAGS_hostile=...): SEED (0: from the counter;
 * printed either way), CALLS, VERBOSE=1 (print every call before making
 * it: with FUZZ_CPUS=1 a seed replays exactly), FUZZ_CPUS, RAM_SIZE (the
 * VM's RAM at ARCH_RAM_BASE, for the final step), CONSOLE_IRQ (the
 * console's interrupt, the only one the VM owns), FINAL.
 *
 * The VM description's boot_arg, if not 0, overrides two of them at run
 * time, so one image serves every scenario: bits 0..31 are the number of
 * calls (0: CALLS), bits 32..47 a minimum time in seconds that CPU 0 keeps
 * calling after that (for a neighbour slower to boot, such as Linux).
 * HOSTILE_BOOT_ARG(calls, seconds) in configs/hostile.h spells it.
 */
#include <stdatomic.h>

#include <guest.h>
#include <arch/hostile.h>

GUEST_TEST("hostile");

#ifndef SEED
#define SEED 0x7e55e7a5eedul
#endif
#ifndef CALLS
#define CALLS 100000ul
#endif
#ifndef VERBOSE
#define VERBOSE 0
#endif
#ifndef FUZZ_CPUS
#define FUZZ_CPUS 2
#endif
#ifndef RAM_SIZE
#define RAM_SIZE (16ul << 20)
#endif
#ifndef CONSOLE_IRQ
#define CONSOLE_IRQ ARCH_CONSOLE_IRQ
#endif
#ifndef FINAL
#define FINAL 1
#endif

#define PROGRESS     10000ul
#define TICK_US	     10000
#define HC_SWEEP     0x401u /* every Tessera number 0..0x400 */
#define CLASSES	     32	    /* kinds of findings told apart */
#define TEXT	     400
#define STOP_WAIT_US 5000000
#define LIVENESS_US  500000 /* 50 ticks */

enum op_kind { OP_HC, OP_FW, OP_MMIO, OP_IPI, OP_KINDS };
static const char *const how_names[HOW_COUNT] = {"write", "read", "read-sx32",
						 "read-sx64", "read-zr"};

struct op {
	enum op_kind kind;
	unsigned conduit;
	unsigned hc; /* OP_HC: the function number */
	struct hostile_call in;
	/* OP_MMIO */
	unsigned win;
	unsigned long off;
	unsigned width;
	enum hostile_how how;
	unsigned long value;
	bool transmit; /* a character on the console */
	/* OP_IPI */
	unsigned reg;
};

static struct hostile_vm vm;
static struct hostile_window windows[HOSTILE_MAX_WINDOWS];
static unsigned window_count;
static unsigned long seed;
/* HC_HYP_STATS at the start: nothing the program does may change them. */
static struct {
	unsigned long free_pages, vms;
} stats;

static atomic_bool stop;
static atomic_uint stopped; /* a bit per vCPU whose stream ended */
static atomic_ulong ticks[GUEST_MAX_CPUS];
static atomic_ulong interrupts;
static atomic_ulong findings;
static unsigned long calls[GUEST_MAX_CPUS];
static unsigned long kinds[GUEST_MAX_CPUS][OP_KINDS];

/*
 * Findings, by class (the check that failed, on which kind of call and
 * window, numbers aside): the first of each class is kept whole for CPU 0
 * to print (it owns the console), the others are counted.
 */
static spinlock_t class_lock;
static struct {
	uint32_t sig;
	bool printed;
	unsigned long count;
	char text[TEXT];
} classes[CLASSES];
static unsigned class_count;

static bool line_open; /* CPU 0 wrote console characters without '\n' */

/* ---- the argument pool ---- */

static unsigned long hostile_arg(struct hrng *r)
{
	unsigned long a = hostile_addrs[hrng_below(
	    r, sizeof(hostile_addrs) / sizeof(hostile_addrs[0]))];

	switch (hrng_below(r, 16)) {
	case 0:
		return 0;
	case 1:
		return 1 + hrng_below(r, 16);
	case 2:
		return ~0ul - hrng_below(r, 4);
	case 3:
		return 1ul << hrng_below(r, 64); /* huge sizes, top bits */
	case 4:
		return (1ul << hrng_below(r, 64)) - 1;
	case 5:
		return 0x7ffffffful + hrng_below(r, 3);
	case 6: /* its own RAM, aligned or not */
		return vm.ram_base + (hrng_next(r) % vm.ram_size &
				      (hrng_one_in(r, 2) ? ~0xffful : ~0ul));
	case 7: /* the edges of its RAM */
		return vm.ram_base + vm.ram_size - 8 + hrng_below(r, 16);
	case 8: /* an address of the machine, maybe off by a little */
		return a;
	case 9:
		return a + hrng_below(r, 8) - 4;
	case 10: /* the hypervisor's physical memory (16 MiB at RAM's start) */
		return ARCH_RAM_BASE + (hrng_next(r) & 0xffffff);
	case 11: /* physical RAM of other VMs */
		return ARCH_RAM_BASE + 0x1000000ul +
		       (hrng_next(r) % 0x3f000000ul);
	case 12: /* an address and a size that wrap */
		return -(unsigned long)(hrng_below(r, 0x10000) + 1) * 0x1000;
	default:
		return hrng_next(r);
	}
}

/* ---- making, describing, running and checking one call ---- */

static unsigned pick_conduit(struct hrng *r)
{
	unsigned c = hrng_below(r, 10);
	unsigned k = c < 7 ? 0 : c < 9 ? 1 : 2;

	return k < HOSTILE_CONDUITS ? k : HOSTILE_CONDUITS - 1;
}

static void random_regs(struct hrng *r, struct hostile_call *c)
{
	for (unsigned i = 0; i < HOSTILE_CALL_REGS; i++)
		c->r[i] = hrng_one_in(r, 4) ? hostile_arg(r) : hrng_next(r);
}

static void make_hc(struct hrng *r, struct op *op, unsigned n)
{
	unsigned long args[HOSTILE_HC_ARGS];

	op->kind = OP_HC;
	op->hc = n;
	random_regs(r, &op->in);
	for (unsigned i = 0; i < HOSTILE_HC_ARGS; i++)
		args[i] = hostile_arg(r);
	hostile_hc_setup(&op->in, n, args);
}

static unsigned pick_hc(struct hrng *r)
{
	unsigned n;

	do
		n = hrng_one_in(r, 2) ? hrng_below(r, HC_COUNT + 4)
				      : hrng_below(r, HC_SWEEP);
	while (n == HC_MEM_REPORT && !hrng_one_in(r, 256)); /* it prints */
	return n;
}

static void make_mmio(struct hrng *r, struct op *op, unsigned cpu)
{
	const struct hostile_window *w;
	unsigned widths, h = hrng_below(r, 25);

	op->kind = OP_MMIO;
	op->win = hrng_below(r, window_count);
	w = &windows[op->win];
	switch (hrng_below(r, 4)) {
	case 0:
	case 1: /* anywhere */
		op->off = hrng_next(r) % w->size;
		break;
	case 2: /* where most registers are: the first 4 KiB of a frame */
		op->off = hrng_below(r, 0x1000);
		if (w->kind == WIN_INTC_LOCAL)
			op->off +=
			    hrng_below(r, vm.vcpus) * HOSTILE_LOCAL_FRAME +
			    (hrng_one_in(r, 2) ? HOSTILE_LOCAL_SECOND : 0);
		break;
	default: /* the top of a frame: ID registers */
		op->off = w->size - 1 - hrng_below(r, 0x40);
		break;
	}
	widths = hostile_mmio_widths(w, op->off & ~7ul);
	do
		op->width = 1u << hrng_below(r, 4);
	while (!(widths & op->width));
	op->off &= ~(unsigned long)(op->width - 1);
	if (!(hostile_mmio_widths(w, op->off) & op->width)) {
		op->width = 4;
		op->off &= ~3ul;
	}
	op->how = h < 12   ? HOW_WRITE
		  : h < 19 ? HOW_READ
		  : h < 21 ? HOW_READ_SX32
		  : h < 23 ? HOW_READ_SX64
			   : HOW_READ_ZERO;
	/* Nothing to extend in a load as wide as its register. */
	if ((op->how == HOW_READ_SX32 && op->width >= 4) ||
	    (op->how == HOW_READ_SX64 && op->width == 8))
		op->how = HOW_READ;
	op->value = hostile_arg(r);
	if (op->how == HOW_WRITE) {
		unsigned t =
		    hostile_mmio_tame(w, op->off, op->width, &op->value, cpu);

		if (t & TAME_SKIP)
			op->how = HOW_READ;
		else
			op->transmit = t & TAME_TRANSMIT;
	}
}

/* The i-th call of `cpu`'s stream. */
static void make_op(struct hrng *r, unsigned cpu, unsigned long i,
		    struct op *op)
{
	unsigned k = hrng_below(r, 100);

	*op = (struct op){.conduit = pick_conduit(r)};
	if (cpu == 0 && i < HC_SWEEP) {
		make_hc(r, op, (unsigned)i);
		return;
	}
	if (cpu == 0 && i < HC_SWEEP + HOSTILE_FW_SWEEP) {
		op->kind = OP_FW;
		random_regs(r, &op->in);
		if (hostile_fw_sweep(&op->in, (unsigned)(i - HC_SWEEP)))
			hostile_fw_args(r, &op->in, &vm);
		else
			hostile_fw_setup(r, &op->in, &vm);
		return;
	}
	if (k < 25) {
		make_hc(r, op, pick_hc(r));
	} else if (k < 55) {
		op->kind = OP_FW;
		random_regs(r, &op->in);
		hostile_fw_setup(r, &op->in, &vm);
	} else if (k < 93) {
		make_mmio(r, op, cpu);
	} else {
		op->kind = OP_IPI;
		op->reg = hrng_below(r, HOSTILE_IPI_REGS);
		op->value = hostile_ipi_value(r);
	}
}

static void describe(const struct op *op, char *buf, size_t size)
{
	const struct hostile_window *w = &windows[op->win];

	switch (op->kind) {
	case OP_HC:
	case OP_FW: {
		int n = 0;

		if (op->kind == OP_HC)
			n = format(buf, size, "Tessera call %u: ", op->hc);
		n += format(buf + n, size - (size_t)n, "%s",
			    hostile_conduit_names[op->conduit]);
		for (unsigned i = 0; i < HOSTILE_SHOWN_REGS && (size_t)n < size;
		     i++)
			n += format(buf + n, size - (size_t)n, " r%u 0x%lx", i,
				    op->in.r[i]);
		break;
	}
	case OP_MMIO:
		if (op->how == HOW_WRITE)
			format(buf, size,
			       "write %u bytes 0x%lx at %s+0x%lx (0x%lx)",
			       op->width, op->value, w->name, op->off,
			       w->base + op->off);
		else
			format(buf, size, "%s %u bytes at %s+0x%lx (0x%lx)",
			       how_names[op->how], op->width, w->name, op->off,
			       w->base + op->off);
		break;
	default:
		format(buf, size, "%s <- 0x%lx", hostile_ipi_names[op->reg],
		       op->value);
		break;
	}
}

/* Runs the call; writes what it broke into `why`, or returns false. */
static bool run_op(struct op *op, unsigned cpu, char *why, size_t size)
{
	struct hostile_call out;
	unsigned reg;

	switch (op->kind) {
	case OP_HC:
	case OP_FW:
		out = op->in;
		hostile_call(op->conduit, &out);
		reg = hostile_call_clobbered(&op->in, &out);
		if (reg) {
			format(why, size, "r%u changed: 0x%lx -> 0x%lx", reg,
			       op->in.r[reg], out.r[reg]);
			return true;
		}
		if (op->kind == OP_FW && cpu == 0 &&
		    hostile_fw_last_char(&op->in) >= 0)
			line_open = hostile_fw_last_char(&op->in) != '\n';
		if (op->kind == OP_FW)
			return hostile_fw_check(&op->in, &out, &vm, why, size);
		break;
	case OP_MMIO: {
		const struct hostile_window *w = &windows[op->win];
		unsigned long v = hostile_mmio(w->base + op->off, op->width,
					       op->how, op->value);

		if (op->how == HOW_WRITE) {
			if (op->transmit)
				line_open = (op->value & 0xff) != '\n';
			return false;
		}
		if (!hostile_load_fits(op->width, op->how, v)) {
			format(
			    why, size,
			    "a %u-byte %s returned 0x%lx, which does not fit",
			    op->width, how_names[op->how], v);
			return true;
		}
		if (op->how == HOW_READ &&
		    hostile_mmio_check(w, op->off, op->width, v, &vm, why,
				       size))
			return true;
		return false;
	}
	default:
		hostile_ipi(op->reg, op->value);
		return false;
	}

	/* Tessera's calls: one list of statuses, and what each promises. */
	long st = hostile_hc_status(&out);

	if (st > 0 || st < HS_BAD_DESC) {
		format(why, size, "status %ld is not a documented one", st);
		return true;
	}
	if (op->hc >= HC_COUNT && st != HS_NOT_SUPPORTED) {
		format(why, size, "unknown call answered %ld", st);
		return true;
	}
	if (op->hc == HC_NULL && st != HS_OK) {
		format(why, size, "HC_NULL answered %ld", st);
		return true;
	}
	if (op->hc == HC_VM_INFO &&
	    (st != HS_OK || hostile_hc_result(&out, 0) != vm.vm_id ||
	     hostile_hc_result(&out, 1) != cpu ||
	     hostile_hc_result(&out, 2) != vm.vcpus)) {
		format(why, size,
		       "HC_VM_INFO answered %ld: vm %lu, vcpu %lu of %lu", st,
		       hostile_hc_result(&out, 0), hostile_hc_result(&out, 1),
		       hostile_hc_result(&out, 2));
		return true;
	}
	/* No children, no parent, no links, garbage descriptions. */
	if (((op->hc >= HC_VM_CREATE && op->hc <= HC_IPC_NOTIFY) ||
	     op->hc == HC_VM_MEASURE) &&
	    st == HS_OK) {
		format(why, size, "succeeded for a VM with nothing to act on");
		return true;
	}
	/* Nothing was created or destroyed: nothing may have leaked. */
	if (op->hc == HC_HYP_STATS &&
	    (st != HS_OK || hostile_hc_result(&out, 0) != stats.free_pages ||
	     hostile_hc_result(&out, 1) != stats.vms)) {
		format(why, size,
		       "HC_HYP_STATS answered %ld: %lu free pages, %lu VMs "
		       "(%lu and %lu at the start)",
		       st, hostile_hc_result(&out, 0),
		       hostile_hc_result(&out, 1), stats.free_pages, stats.vms);
		return true;
	}
	return false;
}

/* ---- reporting ---- */

/* CPU 0's lines: after its own stray console characters, a fresh line. */
static void say(const char *fmt, ...) GUEST_PRINTF(1, 2);
static void say(const char *fmt, ...)
{
	va_list ap;

	if (line_open) {
		console_printf("\n");
		line_open = false;
	}
	va_start(ap, fmt);
	test_vprint(fmt, ap);
	va_end(ap);
}

/* FNV-1a over the text, skipping numbers: "0x..." and decimal digits. */
static uint32_t signature(const struct op *op, const char *why)
{
	uint32_t h = 2166136261u ^ (op->kind * 16 + op->win);

	for (const char *p = why; *p; p++) {
		if (p[0] == '0' && p[1] == 'x') {
			for (p += 2; (*p >= '0' && *p <= '9') ||
				     (*p >= 'a' && *p <= 'f');
			     p++)
				;
			if (!*p--)
				break;
			continue;
		}
		if (*p >= '0' && *p <= '9')
			continue;
		h = (h ^ (unsigned char)*p) * 16777619u;
	}
	return h;
}

/* Counts a finding of class `sig`; keeps its text if the class is new. */
static void record(uint32_t sig, const char *fmt, ...) GUEST_PRINTF(2, 3);
static void record(uint32_t sig, const char *fmt, ...)
{
	unsigned c;

	atomic_fetch_add(&findings, 1);
	spin_lock(&class_lock);
	for (c = 0; c < class_count && classes[c].sig != sig; c++)
		;
	if (c < class_count) {
		classes[c].count++;
	} else if (c < CLASSES) {
		va_list ap;

		va_start(ap, fmt);
		vformat(classes[c].text, TEXT, fmt, ap);
		va_end(ap);
		classes[c].sig = sig;
		classes[c].count = 1;
		class_count++;
	}
	spin_unlock(&class_lock);
}

static void finding(unsigned cpu, unsigned long i, const struct op *op,
		    const char *why)
{
	char what[TEXT];

	describe(op, what, sizeof(what));
	record(signature(op, why), "cpu %u call %lu: %s: %s", cpu, i, what,
	       why);
}

/* CPU 0 prints the first finding of each new class. */
static void print_findings(void)
{
	for (unsigned c = 0; c < CLASSES; c++) {
		char text[TEXT];
		bool fresh;

		spin_lock(&class_lock);
		fresh = c < class_count && !classes[c].printed;
		if (fresh) {
			classes[c].printed = true;
			memcpy(text, classes[c].text, TEXT);
		}
		spin_unlock(&class_lock);
		if (fresh)
			say("finding: %s", text);
	}
}

/*
 * Every vCPU's timer must keep ticking through the run: a vCPU whose ticks
 * stood still for LIVENESS_US is a finding (once per vCPU), with the calls
 * of CPU 0 between which it stopped.
 */
static struct {
	unsigned long ticks, call;
	uint64_t since;
	bool told;
} alive[GUEST_MAX_CPUS];
static unsigned alive_cpus;

static void liveness(unsigned long n)
{
	uint64_t now = time_us();

	for (unsigned c = 0; c < alive_cpus; c++) {
		unsigned long t = atomic_load(&ticks[c]);

		if (t != alive[c].ticks || !alive[c].since) {
			alive[c].ticks = t;
			alive[c].call = n;
			alive[c].since = now;
		} else if (now - alive[c].since > LIVENESS_US &&
			   !alive[c].told) {
			alive[c].told = true;
			record(0x71c0u + c,
			       "cpu %u: its timer stopped ticking (%lu ticks) "
			       "between calls %lu and %lu of cpu 0",
			       c, t, alive[c].call, n);
		}
	}
}

static void progress(unsigned long n)
{
	liveness(n);
	print_findings();
	say("%lu calls, seed 0x%lx, ticks %lu/%lu, interrupts %lu, "
	    "findings %lu",
	    n, seed, atomic_load(&ticks[0]), atomic_load(&ticks[1]),
	    atomic_load(&interrupts), atomic_load(&findings));
}

/* ---- the streams ---- */

/* CPU 0's run: `count` calls, and on until `until_us` of guest time. */
static unsigned long count_min;
static uint64_t until_us;

static bool more(unsigned cpu, unsigned long i)
{
	if (cpu != 0)
		return !atomic_load(&stop);
	/* The clock is read once every 1024 calls only. */
	return i < count_min ||
	       (until_us && (i % 1024 || time_us() < until_us));
}

static void stream(unsigned cpu)
{
	struct hrng r;
	struct op op;
	char why[TEXT];

	hrng_seed(&r, seed + cpu * 0x9e3779b97f4a7c15ul);
	for (unsigned long i = 0; more(cpu, i); i++) {
		make_op(&r, cpu, i, &op);
		if (VERBOSE) {
			char what[TEXT];

			describe(&op, what, sizeof(what));
			if (cpu == 0)
				say("call %lu: %s", i, what);
			else
				test_print("call %lu: %s", i, what);
		}
		if (run_op(&op, cpu, why, sizeof(why))) {
			finding(cpu, i, &op, why);
			if (cpu == 0)
				print_findings();
		}
		calls[cpu]++;
		kinds[cpu][op.kind]++;
		if (cpu == 0 && (i + 1) % PROGRESS == 0)
			progress(i + 1);
	}
}

static void on_tick(unsigned long n)
{
	(void)n;
	atomic_fetch_add(&ticks[cpu_id()], 1);
}

/* Every interrupt but the timer: counted, and the console's silenced. */
static void on_irq(unsigned intid, void *arg)
{
	(void)arg;
	atomic_fetch_add(&interrupts, 1);
	hostile_irq_quiet(intid, &vm);
}

static void secondary(unsigned cpu)
{
	timer_start_periodic(TICK_US, on_tick);
	if (cpu < FUZZ_CPUS)
		stream(cpu);
	atomic_fetch_or(&stopped, 1u << cpu);
	cpu_notify();
}

static void final_step(void)
{
#if FINAL
	struct hrng r;
	bool below, write;
	unsigned long addr;

	hrng_seed(&r, seed ^ 0xf1a1ul);
	below = hrng_one_in(&r, 4);
	write = hrng_one_in(&r, 2);
	addr = below ? vm.ram_base - 8 : vm.ram_base + vm.ram_size;
	say("final: %s 8 bytes at 0x%lx, just %s its memory: the VM must stop",
	    write ? "writing" : "reading", addr, below ? "below" : "past");
	hostile_mmio(addr, 8, write ? HOW_WRITE : HOW_READ,
		     0x5a5a5a5a5a5a5a5aul);
	mem_sync();
	say("survived the final access");
#endif
	system_off();
}

void test_main(void)
{
	struct hc_ret info;
	unsigned cpus, all;

	seed = SEED ? SEED : time_us() * 0x9e3779b97f4a7c15ul + 1;
	test_print("seed 0x%lx", seed);
	count_min =
	    guest_boot_arg & 0xffffffffu ? guest_boot_arg & 0xffffffffu : CALLS;
	until_us = (guest_boot_arg >> 32 & 0xffff) * 1000000ul;

	info = hc_call(HC_VM_INFO, 0, 0, 0, 0, 0);
	if (info.status != HS_OK)
		guest_fail("HC_VM_INFO answered %ld", info.status);
	vm = (struct hostile_vm){.vm_id = info.r1,
				 .vcpus = (unsigned)info.r3,
				 .console_irq = CONSOLE_IRQ,
				 .ram_base = ARCH_RAM_BASE,
				 .ram_size = RAM_SIZE};
	window_count = hostile_windows(windows, &vm);
	info = hc_call(HC_HYP_STATS, 0, 0, 0, 0, 0);
	if (info.status != HS_OK)
		guest_fail("HC_HYP_STATS answered %ld", info.status);
	stats.free_pages = info.r1;
	stats.vms = info.r2;
	test_print("vm %lu, %u vCPUs, %s, %lu calls on cpu 0 and at least %lu "
		   "s (%u streams)%s",
		   vm.vm_id, vm.vcpus, irqc_name(), count_min,
		   (unsigned long)(until_us / 1000000),
		   FUZZ_CPUS < vm.vcpus ? FUZZ_CPUS : vm.vcpus,
		   VERBOSE ? ", verbose" : "");
	for (unsigned i = 0; i < window_count; i++)
		test_print("window %s 0x%lx, 0x%lx bytes", windows[i].name,
			   windows[i].base, windows[i].size);

	for (unsigned i = 0; i < 256; i++)
		if (i != ARCH_TIMER_IRQ)
			irq_register(i, on_irq, NULL);
	timer_start_periodic(TICK_US, on_tick);
	cpus = smp_boot_all(vm.vcpus, secondary);
	if (cpus != vm.vcpus)
		guest_fail("%u of %u vCPUs came up", cpus, vm.vcpus);
	alive_cpus = cpus;

	if (until_us)
		until_us += time_us();
	stream(0);

	atomic_store(&stop, true);
	all = (1u << cpus) - 2; /* every other vCPU leaves its stream */
	WAIT_OR_FAIL((atomic_load(&stopped) & all) == all, STOP_WAIT_US,
		     "the other streams to end");
	/* The timers must tick after the run, too. */
	for (unsigned c = 0; c < cpus; c++) {
		unsigned long t = atomic_load(&ticks[c]);
		uint64_t end = time_us() + LIVENESS_US;

		while (atomic_load(&ticks[c]) < t + 2 && time_us() < end)
			cpu_wait();
		if (atomic_load(&ticks[c]) < t + 2 && !alive[c].told)
			record(0x71c0u + c,
			       "cpu %u: its timer does not tick after the run "
			       "(%lu ticks)",
			       c, t);
	}
	print_findings();
	for (unsigned c = 0; c < class_count; c++)
		say("finding class %u: %lu times, first: %s", c,
		    classes[c].count, classes[c].text);
	for (unsigned c = 0; c < cpus; c++)
		say("cpu %u: %lu calls (hc %lu, fw %lu, mmio %lu, ipi %lu), "
		    "%lu ticks",
		    c, calls[c], kinds[c][OP_HC], kinds[c][OP_FW],
		    kinds[c][OP_MMIO], kinds[c][OP_IPI],
		    atomic_load(&ticks[c]));
	info = hc_call(HC_HYP_STATS, 0, 0, 0, 0, 0);
	say("hypervisor: free pages %lu before, %lu after; VMs in use %lu/%lu",
	    stats.free_pages, info.r1, stats.vms, info.r2);
	say("done %lu calls, seed 0x%lx, %lu interrupts, %lu findings",
	    calls[0], seed, atomic_load(&interrupts), atomic_load(&findings));
	final_step();
}
