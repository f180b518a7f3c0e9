/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The architecture-neutral half of the hostile test programs
 * (tests/hostile.c, tests/attack_*.c): a seeded pseudo-random generator, the
 * raw-call and raw-access records, and the contract between the test
 * programs and <arch/hostile.h>, which each architecture provides (raw
 * firmware calls with every argument register, raw sized device accesses,
 * the architecture's call space, its emulated register windows and what in
 * them the test must leave alone to keep its console and timer).
 *
 * Everything here is header-only on purpose: only the hostile programs
 * include it, so the other tests' images carry none of it.
 */
#ifndef GUEST_HOSTILE_H
#define GUEST_HOSTILE_H

#include <stdbool.h>
#include <stdint.h>

/* Tables in these headers that a given program may not use. */
#define HOSTILE_TABLE __attribute__((unused)) static const

/* xorshift64* (Vigna): tiny, full period over non-zero states. */
struct hrng {
	uint64_t s;
};

static inline void hrng_seed(struct hrng *r, uint64_t seed)
{
	/* splitmix64 scrambles the seed; zero is not a valid state. */
	uint64_t z = seed + 0x9e3779b97f4a7c15ull;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	z ^= z >> 31;
	r->s = z ? z : 0x2545f4914f6cdd1dull;
}

static inline uint64_t hrng_next(struct hrng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545f4914f6cdd1dull;
}

/* Uniform enough in 0..n-1 for n far below 2^32. */
static inline unsigned hrng_below(struct hrng *r, unsigned n)
{
	return n ? (unsigned)((hrng_next(r) >> 32) % n) : 0;
}

/* True once in `n` times on average. */
static inline bool hrng_one_in(struct hrng *r, unsigned n)
{
	return hrng_below(r, n) == 0;
}

/*
 * A raw firmware / hypervisor call: every argument register in, every
 * result register out. The architecture says how many registers take part
 * (HOSTILE_CALL_REGS) and which of them a call must preserve.
 */
#define HOSTILE_CALL_MAX_REGS 18

struct hostile_call {
	unsigned long r[HOSTILE_CALL_MAX_REGS];
};

/* How a device access is made: loads zero- or sign-extend, or discard. */
enum hostile_how {
	HOW_WRITE,
	HOW_READ,      /* zero-extending load */
	HOW_READ_SX32, /* sign-extending load into a 32-bit register */
	HOW_READ_SX64, /* sign-extending load into a 64-bit register */
	HOW_READ_ZERO, /* load into the zero register: result discarded */
	HOW_COUNT,
};

/*
 * Is the value a load of `width` bytes made as `how` may return?
 * HOSTILE_SX32_MASK (the architecture's, defined before this header): what
 * a sign-extending load into a 32-bit register keeps (RV64 has none: all).
 */
static inline bool hostile_load_fits(unsigned width, enum hostile_how how,
				     unsigned long v)
{
	unsigned bits = width * 8;
	unsigned long low = bits == 64 ? v : v & ((1ul << bits) - 1);
	unsigned long sx =
	    bits == 64 ? v : (low ^ (1ul << (bits - 1))) - (1ul << (bits - 1));

	switch (how) {
	case HOW_READ:
		return v == low;
	case HOW_READ_SX32:
		return v == (sx & HOSTILE_SX32_MASK);
	case HOW_READ_SX64:
		return v == sx;
	default:
		return true;
	}
}

/* One emulated register window of the VM (interrupt controller, console). */
enum hostile_window_kind {
	WIN_INTC_DIST,	/* distributor (GICD) / the PLIC's global part */
	WIN_INTC_LOCAL, /* per-vCPU frames (GICR) / PLIC contexts */
	WIN_CONSOLE,
};

struct hostile_window {
	const char *name;
	unsigned long base, size;
	enum hostile_window_kind kind;
};

#define HOSTILE_MAX_WINDOWS 4

/* What the program knows of its VM, for the architecture's checks. */
struct hostile_vm {
	unsigned long vm_id;
	unsigned vcpus;
	unsigned console_irq; /* the only interrupt the VM owns */
	unsigned long ram_base, ram_size;
};

/* A write the interrupt controller must ignore (tests/attack_irq.c). */
struct hostile_irq_write {
	const char *what;
	unsigned long addr;
	unsigned width;
	unsigned long value;
	unsigned long mask;  /* the bits that must read back 0 */
	bool after_settling; /* undoing: made once nothing was delivered */
};

/* An SGI / IPI for vCPUs the VM does not have (tests/attack_irq.c). */
struct hostile_ipi_beyond {
	unsigned reg; /* which register or call: see hostile_ipi_names */
	unsigned long value;
	const char *what;
};

#endif
