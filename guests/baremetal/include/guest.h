/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What a test program of the baremetal guest can use. A test is one file,
 * tests/<name>.c, that names itself with GUEST_TEST("<name>") and defines
 * test_main(), which runs on CPU 0 with interrupts unmasked. Everything here
 * is architecture-neutral; <arch/guest_arch.h> adds the inline CPU helpers
 * (cpu_id, cpu_wait, cpu_notify, cpu_idle, irq_mask..., mem_sync), a few
 * constants (ARCH_TIMER_IRQ, ARCH_RAM_BASE, CPU_HWID_NAME) and the firmware
 * calls of the architecture (PSCI on Arm, SBI on RISC-V).
 */
#ifndef GUEST_H
#define GUEST_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <arch/guest_arch.h>
#include <arch/spinlock.h>
#include <guest/config.h>
#include <guest/string.h>
#include <tessera/hypercall.h>

#define GUEST_PRINTF(f, a) __attribute__((format(printf, f, a)))

/* Every line a test prints starts with "<name>[<cpu>]: ". */
#define GUEST_TEST(name) const char test_name[] = name
extern const char test_name[];

void test_main(void);
/* What the VM's entry register held (x0 / a1): the description's boot_arg. */
extern unsigned long guest_boot_arg;

/* Console: lines are written whole, under a lock, so CPUs never interleave. */
int console_printf(const char *fmt, ...) GUEST_PRINTF(1, 2);
int console_vprintf(const char *fmt, va_list ap);
/* One line with the test prefix; the newline is added. */
void test_print(const char *fmt, ...) GUEST_PRINTF(1, 2);
void test_vprint(const char *fmt, va_list ap);

/*
 * printf-style formatting into a buffer, always NUL-terminated; returns the
 * length the whole output would have had. Supports %d %i %u %x %X %p %s %c
 * %% with the l, ll and z sizes, a width (or *) and the 0 and - flags.
 */
int format(char *buf, size_t size, const char *fmt, ...) GUEST_PRINTF(3, 4);
int vformat(char *buf, size_t size, const char *fmt, va_list ap);

/* Ending a test: PASS or FAIL on the console, then system off. */
_Noreturn void test_pass(void);
_Noreturn void guest_fail(const char *fmt, ...) GUEST_PRINTF(1, 2);
/* Asks the firmware to power off; returns only if it refused. */
void system_off(void);
/* Masks interrupts and sleeps forever. */
_Noreturn void cpu_park(void);

/*
 * Interrupts. Handlers run on the CPU that took the interrupt, with
 * interrupts masked. SGIs and PPIs are per CPU: irq_enable() enables the
 * calling CPU's copy, and routes an SPI to the calling CPU. SGIs are numbers
 * 0..15 on every architecture (on RISC-V the guest multiplexes them on the
 * supervisor software interrupt).
 */
typedef void (*irq_handler_t)(unsigned intid, void *arg);

int irq_register(unsigned intid, irq_handler_t fn, void *arg);
void irq_enable(unsigned intid);
void sgi_send(unsigned cpu, unsigned intid);
/* "GICv2", "GICv3", "SBI" (RISC-V): what the guest found at boot. */
const char *irqc_name(void);

/*
 * The per-CPU timer. timer_start_periodic() arms the calling CPU's timer;
 * fn (may be NULL) is called from the interrupt with the count of ticks so
 * far on this CPU.
 */
typedef void (*tick_fn)(unsigned long count);

void timer_start_periodic(unsigned long us, tick_fn fn);
void timer_stop(void);
unsigned long timer_ticks(void);
uint64_t time_us(void);

/*
 * Waiting for another CPU or an interrupt handler to set cond, failing the
 * test once timeout_us of guest time passed. Waits in cpu_wait() (WFE on
 * Arm, WFI on a self-raised software interrupt on RISC-V): writers call
 * cpu_notify().
 */
#define WAIT_OR_FAIL(cond, timeout_us, what)                           \
	do {                                                           \
		uint64_t wait_end_ = time_us() + (timeout_us);         \
		while (!(cond)) {                                      \
			if (time_us() > wait_end_)                     \
				guest_fail("timed out waiting for %s", \
					   (what));                    \
			cpu_wait();                                    \
		}                                                      \
	} while (0)

/* SMP. CPU indexes are 0..n-1; cpu_id() comes from <arch/guest_arch.h>. */
/* The VM's vCPU count: Tessera's HC_VM_INFO, else a firmware probe. */
unsigned vcpu_count(void);
/*
 * Starts CPUs 1..n-1 one after the other, each running fn(cpu) once it is
 * set up (vectors, interrupt controller, timer), then idling with interrupts
 * unmasked. Returns once all are up, with the number of CPUs now online.
 */
unsigned smp_boot_all(unsigned n, void (*fn)(unsigned cpu));
bool cpu_online(unsigned cpu);
/* A CPU's hardware id (MPIDR_EL1 on Arm, the hart id on RISC-V). */
unsigned long cpu_hwid_of(unsigned cpu);

/*
 * Tessera hypercalls. fn is a function number from <tessera/hypercall.h>
 * (HC_NULL...); on Arm the full SMCCC id TESSERA_SMCCC_FN(n) works too.
 * Without Tessera underneath, every call answers HS_NOT_SUPPORTED.
 */
struct hc_ret {
	long status; /* enum tessera_status */
	unsigned long r1, r2, r3;
};

struct hc_ret hc_call(unsigned long fn, unsigned long a1, unsigned long a2,
		      unsigned long a3, unsigned long a4, unsigned long a5);

#endif
