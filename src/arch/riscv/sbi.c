/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The SBI (v2.0) for guests. Each extension has exactly one handler, chosen
 * by the extension id in a7; an extension or function nobody implements
 * answers SBI_ERR_NOT_SUPPORTED, because guests such as Linux probe optional
 * ones that way. Every call acts on the caller's own VM: hart ids are the
 * VM's vCPU ids, HSM / IPI / RFENCE reach only the VM's own vCPUs, SRST
 * stops or restarts that VM alone, and the console calls write to and read
 * from the VM's own emulated UART.
 *
 * Implementation id: 0x545352 ("TSR", the low bytes of TESSERA_SBI_EXT).
 * It is not in the SBI specification's registry; the version is Tessera's,
 * major.minor.patch in bits 23:16, 15:8, 7:0.
 */
#include "sbi.h"

#include <tessera/hypercall.h>

#include "../../core/hypercall.h"
#include "csr.h"
#include "riscv.h"

#define SBI_SPEC_VERSION (2u << 24) /* 2.0 */
#define SBI_IMPL_ID	 0x545352u
#define SBI_IMPL_VERSION 0x000100u /* 0.1.0 */
#define ALL_HARTS	 (~0ull)
#define DBCN_MAX	 256u /* bytes per call: a guest must not hog the console */

/* The SBI's view of a vCPU's state (HSM hart_get_status). */
#define HSM_STARTED	  0
#define HSM_STOPPED	  1
#define HSM_START_PENDING 2

static struct sbiret ok(uint64_t value)
{
	return (struct sbiret){SBI_SUCCESS, value};
}

static struct sbiret err(int64_t error)
{
	return (struct sbiret){error, 0};
}

/* ---- the VM's console, through its own emulated UART ---- */

static const struct mmio_range *console_port(struct vm *vm)
{
	if (vm->desc->console == VMDESC_CONSOLE_NONE)
		return NULL;
	return mmio_find(&vm->mmio, vm->desc->console_ipa);
}

static uint64_t port_io(struct vcpu *vcpu, const struct mmio_range *r,
			uint64_t off, bool write, uint64_t value)
{
	struct mmio_access a = {
	    .offset = off, .width = 1, .write = write, .value = value};

	return r->handler(vcpu, r->dev, &a) ? a.value : 0;
}

/* Data at offset 0 on both UARTs; "data ready" in LSR or (as !RXFE) in FR. */
static bool port_has_input(struct vcpu *vcpu, const struct mmio_range *r)
{
	if (vcpu->vm->desc->console == VMDESC_CONSOLE_NS16550)
		return port_io(vcpu, r, 5, false, 0) & 1;
	return !(port_io(vcpu, r, 0x18, false, 0) & (1u << 4));
}

static int port_getc(struct vcpu *vcpu, const struct mmio_range *r)
{
	if (!port_has_input(vcpu, r))
		return -1;
	return (int)(port_io(vcpu, r, 0, false, 0) & 0xff);
}

/* A guest buffer given by physical address (lo, hi), inside the VM's RAM. */
static uint8_t *dbcn_buffer(struct vcpu *vcpu, uint64_t len, uint64_t lo,
			    uint64_t hi, bool write)
{
	if (hi)
		return NULL; /* beyond 64 bits of address */
	return vm_ipa_to_hva(vcpu->vm, lo, len ? len : 1, write);
}

/* Bytes from the VM's console input into buf; how many there were. */
static uint64_t port_read(struct vcpu *vcpu, const struct mmio_range *r,
			  uint8_t *buf, uint64_t n)
{
	uint64_t done = 0;

	for (int c; done < n && (c = port_getc(vcpu, r)) >= 0; done++)
		buf[done] = (uint8_t)c;
	return done;
}

static struct sbiret dbcn_call(struct vcpu *vcpu, uint64_t fid,
			       const uint64_t *a)
{
	const struct mmio_range *r = console_port(vcpu->vm);
	/*
	 * To the end of the page at most (DBCN allows short transfers): a
	 * colored VM's memory is contiguous only that far.
	 */
	uint64_t n = MIN(MIN(a[0], (uint64_t)DBCN_MAX),
			 PAGE_SIZE - (a[1] & (PAGE_SIZE - 1)));
	uint8_t *buf;

	if (!r || fid > 2)
		return err(SBI_ERR_NOT_SUPPORTED);
	if (fid == 2) {
		port_io(vcpu, r, 0, true, a[0] & 0xff);
		return ok(0);
	}
	buf = dbcn_buffer(vcpu, n, a[1], a[2], fid == 1);
	if (!buf)
		return err(SBI_ERR_INVALID_PARAM);
	if (fid == 1)
		return ok(port_read(vcpu, r, buf, n));
	for (uint64_t i = 0; i < n; i++)
		port_io(vcpu, r, 0, true, buf[i]);
	return ok(n);
}

/*
 * SBI v0.1: the result is a0 alone, every other register is preserved.
 * Only putchar and getchar are there.
 */
static uint64_t legacy_call(struct vcpu *vcpu, uint64_t ext, uint64_t ch)
{
	const struct mmio_range *r = console_port(vcpu->vm);

	if (!r ||
	    (ext != SBI_EXT_LEGACY_PUTCHAR && ext != SBI_EXT_LEGACY_GETCHAR))
		return (uint64_t)SBI_ERR_NOT_SUPPORTED;
	if (ext == SBI_EXT_LEGACY_PUTCHAR) {
		port_io(vcpu, r, 0, true, ch & 0xff);
		return 0;
	}
	return (uint64_t)(int64_t)port_getc(vcpu, r);
}

/* ---- harts ---- */

/* The vCPUs an SBI hart mask names; false when it names one the VM lacks. */
static bool hart_targets(const struct vm *vm, uint64_t mask, uint64_t base,
			 uint64_t *targets)
{
	*targets = 0;
	if (base == ALL_HARTS) {
		*targets = (1ull << vm->vcpu_count) - 1;
		return true;
	}
	for (; mask; mask &= mask - 1) {
		uint64_t hart = base + (uint64_t)__builtin_ctzll(mask);

		if (hart < base || hart >= vm->vcpu_count)
			return false;
		*targets |= 1ull << hart;
	}
	return true;
}

static struct sbiret ipi_call(struct vcpu *vcpu, uint64_t fid,
			      const uint64_t *a)
{
	struct vm *vm = vcpu->vm;
	uint64_t targets;

	if (fid != 0)
		return err(SBI_ERR_NOT_SUPPORTED);
	if (!hart_targets(vm, a[0], a[1], &targets))
		return err(SBI_ERR_INVALID_PARAM);
	for (unsigned i = 0; i < vm->vcpu_count; i++) {
		if (!(targets & (1ull << i)))
			continue;
		__atomic_store_n(&vm->vcpus[i].arch.ssip, 1, __ATOMIC_RELEASE);
		vcpu_kick(&vm->vcpus[i]);
	}
	return ok(0);
}

static bool fence_pending(const struct vcpu *self, const struct vcpu *t,
			  uint32_t seq)
{
	uint32_t done = __atomic_load_n(&t->arch.fence_done, __ATOMIC_ACQUIRE);

	return (int32_t)(done - seq) < 0 && t->state == VCPU_RUNNING &&
	       self->state == VCPU_RUNNING && t->vm->state == VM_RUNNING;
}

/*
 * Remote FENCE.I and SFENCE.VMA: every target drops its instruction cache
 * and all of the VM's guest-virtual translations on its hart (a superset of
 * any range or ASID asked for). The caller waits until they are done, as
 * Linux expects of a TLB shootdown, and meanwhile serves requests aimed at
 * itself, so two vCPUs fencing each other cannot deadlock.
 */
static struct sbiret rfence_call(struct vcpu *vcpu, uint64_t fid,
				 const uint64_t *a)
{
	struct vm *vm = vcpu->vm;
	uint32_t seq[MAX_VCPUS_PER_VM] = {0};
	uint64_t targets;

	if (fid > 2) /* the HFENCE calls: guests have no H extension */
		return err(SBI_ERR_NOT_SUPPORTED);
	if (!hart_targets(vm, a[0], a[1], &targets))
		return err(SBI_ERR_INVALID_PARAM);
	targets &= ~(1ull << vcpu->id);
	for (unsigned i = 0; i < vm->vcpu_count; i++) {
		if (!(targets & (1ull << i)))
			continue;
		seq[i] = __atomic_add_fetch(&vm->vcpus[i].arch.fence_req, 1,
					    __ATOMIC_ACQ_REL);
		vcpu_kick(&vm->vcpus[i]);
	}
	fence_i();
	hfence_vvma_all();
	for (unsigned i = 0; i < vm->vcpu_count; i++)
		while ((targets & (1ull << i)) &&
		       fence_pending(vcpu, &vm->vcpus[i], seq[i])) {
			arch_vcpu_sync_irqs(vcpu);
			arch_cpu_relax();
		}
	return ok(0);
}

static bool executable(const struct vm *vm, uint64_t addr)
{
	for (unsigned i = 0; i < vm->region_count; i++) {
		const struct vm_region *r = &vm->regions[i];

		if (addr >= r->ipa && addr - r->ipa < r->size)
			return r->flags & VMDESC_MEM_X;
	}
	return false;
}

static struct sbiret hart_start(struct vcpu *vcpu, const uint64_t *a)
{
	struct vcpu *target =
	    a[0] < MAX_VCPUS_PER_VM ? vm_vcpu(vcpu->vm, (unsigned)a[0]) : NULL;

	if (!target)
		return err(SBI_ERR_INVALID_PARAM);
	if ((a[1] & 1) || !executable(vcpu->vm, a[1]))
		return err(SBI_ERR_INVALID_ADDRESS);
	if (vcpu_start(target, a[1], a[2]))
		return err(SBI_ERR_ALREADY_AVAILABLE);
	return ok(0);
}

static struct sbiret hart_status(struct vcpu *vcpu, uint64_t hart)
{
	struct vcpu *target =
	    hart < MAX_VCPUS_PER_VM ? vm_vcpu(vcpu->vm, (unsigned)hart) : NULL;

	if (!target)
		return err(SBI_ERR_INVALID_PARAM);
	switch (__atomic_load_n(&target->state, __ATOMIC_ACQUIRE)) {
	case VCPU_RUNNING:
		return ok(HSM_STARTED);
	case VCPU_PENDING:
		return ok(HSM_START_PENDING);
	default:
		return ok(HSM_STOPPED);
	}
}

static struct sbiret hsm_call(struct vcpu *vcpu, uint64_t fid,
			      const uint64_t *a)
{
	switch (fid) {
	case 0:
		return hart_start(vcpu, a);
	case 1:
		vcpu_off(vcpu);
	case 2:
		return hart_status(vcpu, a[0]);
	case 3:
		/*
		 * Default retentive suspend returns at once, as after a wake-up
		 * (the guest's own WFI is the better way to wait); the
		 * non-retentive kind would need a resume path.
		 */
		if (a[0] == 0)
			return ok(0);
		return err((uint32_t)a[0] == 0x80000000u
			       ? SBI_ERR_NOT_SUPPORTED
			       : SBI_ERR_INVALID_PARAM);
	default:
		return err(SBI_ERR_NOT_SUPPORTED);
	}
}

/* Shutdown or reboot of the caller's VM only (types 0, 1, 2). */
static struct sbiret srst_call(struct vcpu *vcpu, uint64_t fid,
			       const uint64_t *a)
{
	uint32_t type = (uint32_t)a[0], reason = (uint32_t)a[1];

	if (fid != 0)
		return err(SBI_ERR_NOT_SUPPORTED);
	if (a[0] > 2 || (reason > 1 && reason < 0xf0000000u))
		return err(SBI_ERR_INVALID_PARAM);
	if (type == 0) {
		vm_power_off(vcpu->vm);
		vcpu_off(vcpu);
	}
	vm_reset(vcpu->vm);
	arch_cpu_reschedule();
}

static struct sbiret time_call(struct vcpu *vcpu, uint64_t fid,
			       const uint64_t *a)
{
	if (fid != 0)
		return err(SBI_ERR_NOT_SUPPORTED);
	vtimer_set(vcpu, a[0]);
	return ok(0);
}

/* ---- base ---- */

static bool implemented(const struct vm *vm, uint64_t ext)
{
	switch (ext) {
	case SBI_EXT_BASE:
	case SBI_EXT_TIME:
	case SBI_EXT_IPI:
	case SBI_EXT_RFENCE:
	case SBI_EXT_HSM:
	case SBI_EXT_SRST:
	case TESSERA_SBI_EXT:
		return true;
	case SBI_EXT_DBCN:
	case SBI_EXT_LEGACY_PUTCHAR:
	case SBI_EXT_LEGACY_GETCHAR:
		return vm->desc->console != VMDESC_CONSOLE_NONE;
	default:
		return false;
	}
}

static struct sbiret base_call(struct vcpu *vcpu, uint64_t fid,
			       const uint64_t *a)
{
	switch (fid) {
	case 0:
		return ok(SBI_SPEC_VERSION);
	case 1:
		return ok(SBI_IMPL_ID);
	case 2:
		return ok(SBI_IMPL_VERSION);
	case 3:
		return ok(implemented(vcpu->vm, a[0]));
	case 4: /* mvendorid, marchid, mimpid: the machine's, as they are */
	case 5:
	case 6:
		return sbi_ecall(SBI_EXT_BASE, fid, 0, 0, 0);
	default:
		return err(SBI_ERR_NOT_SUPPORTED);
	}
}

/*
 * Tessera's own calls: function in a6 (all 64 bits of it), status in a0,
 * values in a1..a4.
 */
static void tessera_call(struct vcpu *vcpu)
{
	uint64_t *a = &vcpu->regs.x[REG_A0];

	hypercall(vcpu, a[6], a, a, true);
}

void sbi_guest_call(struct vcpu *vcpu)
{
	uint64_t *a = &vcpu->regs.x[REG_A0];
	uint64_t ext = a[7], fid = a[6];
	const uint64_t *args = a;
	struct sbiret r;

	if (ext <= SBI_EXT_LEGACY_LAST) {
		a[0] = legacy_call(vcpu, ext, args[0]);
		return;
	}
	switch (ext) {
	case TESSERA_SBI_EXT:
		tessera_call(vcpu);
		return;
	case SBI_EXT_BASE:
		r = base_call(vcpu, fid, args);
		break;
	case SBI_EXT_TIME:
		r = time_call(vcpu, fid, args);
		break;
	case SBI_EXT_IPI:
		r = ipi_call(vcpu, fid, args);
		break;
	case SBI_EXT_RFENCE:
		r = rfence_call(vcpu, fid, args);
		break;
	case SBI_EXT_HSM:
		r = hsm_call(vcpu, fid, args);
		break;
	case SBI_EXT_SRST:
		r = srst_call(vcpu, fid, args);
		break;
	case SBI_EXT_DBCN:
		r = dbcn_call(vcpu, fid, args);
		break;
	default:
		r = err(SBI_ERR_NOT_SUPPORTED);
	}
	a[0] = (uint64_t)r.error;
	a[1] = r.value;
}
