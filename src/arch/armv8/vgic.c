/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Virtual GICv2 / GICv3.
 *
 * Each virtual interrupt id is the physical id (direct mapping). A physical
 * interrupt a VM owns is injected with the list register's hardware bit, so
 * the guest's own deactivation deactivates the physical interrupt and the
 * hypervisor is not involved again. Interrupts of emulated devices (console)
 * are level-sensitive and purely virtual: they ask for a maintenance
 * interrupt at deactivation, where the line is sampled again.
 *
 * Pending interrupts wait in a per-vCPU bitmap until a list register is free;
 * when they outnumber the list registers, the underflow maintenance interrupt
 * brings us back to refill them.
 */
#include "vgic.h"

#include "../../core/arch.h"
#include "../../lib/string.h"
#include "gic.h"
#include "pt.h"
#include "sysreg.h"
#include "tee_arm.h"

#define GICD_SIZE  0x10000u
#define GICR_FRAME 0x20000u
#define GICV_SIZE  0x2000u

enum field {
	F_GROUP,
	F_ENABLE_SET,
	F_ENABLE_CLR,
	F_PEND_SET,
	F_PEND_CLR,
	F_ZERO, /* active, group modifier, NSACR: read as zero, writes ignored
		 */
	F_PRIO,
	F_TARGET,
	F_CFG,
};

/* The bit-per-interrupt register banks, at the same offsets in GICD and GICR.
 */
static const struct {
	uint32_t base, end;
	enum field field;
	unsigned bits;
} irq_regs[] = {
    {0x080, 0x100, F_GROUP, 1},	     {0x100, 0x180, F_ENABLE_SET, 1},
    {0x180, 0x200, F_ENABLE_CLR, 1}, {0x200, 0x280, F_PEND_SET, 1},
    {0x280, 0x300, F_PEND_CLR, 1},   {0x300, 0x400, F_ZERO, 1},
    {0x400, 0x800, F_PRIO, 8},	     {0x800, 0xc00, F_TARGET, 8},
    {0xc00, 0xd00, F_CFG, 2},	     {0xd00, 0xf00, F_ZERO, 1},
};

static struct vm *irq_owner[VGIC_MAX_IRQS];

struct vm *arch_irq_owner(uint32_t irq)
{
	return irq < VGIC_MAX_IRQS ? irq_owner[irq] : NULL;
}

static struct virq *virq_of(struct vcpu *vcpu, uint32_t intid)
{
	struct virq *v;

	if (intid < VGIC_LOCAL_IRQS)
		return &vcpu->arch.local[intid];
	if (intid >= VGIC_MAX_IRQS)
		return NULL;
	v = &vcpu->vm->arch.spi[intid - VGIC_LOCAL_IRQS];
	return v->exists ? v : NULL;
}

static struct vcpu *target_of(struct vcpu *local, uint32_t intid)
{
	if (intid < VGIC_LOCAL_IRQS)
		return local;
	return &local->vm->vcpus[local->vm->arch.spi[intid - 32].target];
}

static bool is_loaded(const struct vcpu *vcpu)
{
	return cpus[vcpu->pcpu].loaded == vcpu && vcpu->pcpu == arch_cpu_id();
}

/*
 * Get the vCPU's pending interrupts to list registers now or soon. One that
 * is not loaded may sit under a child it invoked: `wake` makes its CPU
 * return to it at once, so a child cannot delay its parent's interrupts.
 */
static void kick(struct vcpu *vcpu)
{
	if (is_loaded(vcpu)) {
		vgic_flush(vcpu);
		return;
	}
	__atomic_store_n(&vcpu->wake, true, __ATOMIC_RELEASE);
	cpu_post_work(vcpu->pcpu, CPU_WORK_VGIC);
}

/* Mark pending and deliver. Lock held. */
static void raise_locked(struct vcpu *vcpu, uint32_t intid)
{
	bitmap_set(vcpu->arch.pending, intid);
	kick(vcpu);
}

/* The list register holding `intid`, among those in use, or -1. */
static int lr_find(uint32_t intid, uint64_t empty)
{
	uint64_t used = ~empty & ((1ull << gic_lr_count) - 1);

	for (; used; used &= used - 1) {
		unsigned n = (unsigned)__builtin_ctzll(used);

		if (gic_lr_read(n).vintid == intid)
			return (int)n;
	}
	return -1;
}

/*
 * One pending interrupt into a list register; false when none is free.
 * `empty` is the mask of free list registers, kept up to date.
 */
static bool lr_place(struct vcpu *vcpu, uint32_t intid, struct virq *v,
		     uint64_t *empty)
{
	int n = lr_find(intid, *empty);
	struct gic_lr lr = {
	    .vintid = intid,
	    .pintid = intid,
	    .prio = v->prio,
	    .state = LR_PENDING,
	    .hw = v->hw,
	    .group1 = v->group1 || vcpu->vm->arch.all_group1,
	    .eoi_maint = !v->hw && !v->edge,
	    .src = v->sgi_src,
	};

	if (n >= 0) {
		struct gic_lr cur = gic_lr_read((unsigned)n);

		/* Still pending, or a physical one not yet deactivated: wait.
		 */
		if (cur.hw || (cur.state & LR_PENDING))
			return cur.state & LR_PENDING;
		cur.state |= LR_PENDING;
		gic_lr_write((unsigned)n, &cur);
		return true;
	}
	if (!*empty)
		return false;
	n = __builtin_ctzll(*empty);
	gic_lr_write((unsigned)n, &lr);
	*empty &= ~(1ull << n);
	return true;
}

static bool deliverable(struct vm *vm, const struct virq *v)
{
	uint32_t ctlr = vm->arch.gicd_ctlr;

	return v->enabled && (ctlr & (v->group1 ? 2u : 1u));
}

/*
 * A list register to give up for an interrupt of priority `prio`: one whose
 * pending interrupt the vCPU cannot take now (its group is disabled at the
 * vCPU's interface), else the lowest-priority pending one below `prio`.
 * Without this a guest could fill every list register with interrupts it
 * never takes and shut its own timer out.
 */
static int lr_evictable(uint8_t prio)
{
	uint64_t empty = gic_lr_empty_mask();
	uint32_t groups = gic_vcpu_groups_enabled();
	int best = -1;
	uint8_t worst = prio;

	for (unsigned n = 0; n < gic_lr_count; n++) {
		struct gic_lr lr;

		if (empty & (1ull << n))
			continue;
		lr = gic_lr_read(n);
		if (lr.state != LR_PENDING)
			continue;
		if (!(groups & (lr.group1 ? 2u : 1u)))
			return (int)n;
		if (lr.prio > worst) {
			worst = lr.prio;
			best = (int)n;
		}
	}
	return best;
}

/*
 * The deliverable pending interrupts of `vcpu` into `ids`, highest priority
 * first as the GIC would signal them; forgets pending bits of interrupts the
 * VM no longer has. Returns how many.
 */
static unsigned pending_by_priority(struct vcpu *vcpu, uint32_t *ids)
{
	unsigned count = 0;

	for (unsigned w = 0; w < BITMAP_WORDS(VGIC_MAX_IRQS); w++)
		for (bitmap_t bits = vcpu->arch.pending[w]; bits;
		     bits &= bits - 1) {
			uint32_t i = w * BITMAP_WORD_BITS +
				     (uint32_t)__builtin_ctzll(bits);
			struct virq *v = virq_of(vcpu, i);

			if (!v)
				bitmap_clear(vcpu->arch.pending, i);
			else if (deliverable(vcpu->vm, v))
				ids[count++] = i;
		}
	for (unsigned k = 1; k < count; k++) {
		uint32_t id = ids[k];
		uint8_t prio = virq_of(vcpu, id)->prio;
		unsigned j = k;

		for (; j && virq_of(vcpu, ids[j - 1])->prio > prio; j--)
			ids[j] = ids[j - 1];
		ids[j] = id;
	}
	return count;
}

/* One interrupt in, evicting a lower-priority one if need be. */
static bool lr_place_or_evict(struct vcpu *vcpu, uint32_t id, struct virq *v,
			      uint64_t *empty)
{
	int e;

	if (lr_place(vcpu, id, v, empty))
		return true;
	/* Full of lower-priority pending ones: one goes back. */
	e = lr_evictable(v->prio);
	if (e < 0)
		return false;
	bitmap_set(vcpu->arch.pending, gic_lr_read((unsigned)e).vintid);
	gic_lr_write((unsigned)e, &(struct gic_lr){0});
	*empty |= 1ull << e;
	return lr_place(vcpu, id, v, empty);
}

void vgic_flush(struct vcpu *vcpu)
{
	uint32_t ids[VGIC_MAX_IRQS];
	unsigned count = pending_by_priority(vcpu, ids);
	uint64_t empty = gic_lr_empty_mask();
	bool waiting = false;
	uint32_t hcr, want;

	for (unsigned k = 0; k < count; k++) {
		if (!lr_place_or_evict(vcpu, ids[k], virq_of(vcpu, ids[k]),
				       &empty)) {
			waiting = true;
			break;
		}
		bitmap_clear(vcpu->arch.pending, ids[k]);
	}
	hcr = gic_hcr_read();
	want = waiting ? hcr | GICH_HCR_UIE : hcr & ~GICH_HCR_UIE;
	if (want != hcr)
		gic_hcr_write(want);
}

bool vgic_pending_deliverable(struct vcpu *vcpu)
{
	bool any = false;

	spin_lock(&vcpu->vm->arch.vgic_lock);
	for (size_t i = bitmap_next_set(vcpu->arch.pending, VGIC_MAX_IRQS, 0);
	     i < VGIC_MAX_IRQS && !any;
	     i = bitmap_next_set(vcpu->arch.pending, VGIC_MAX_IRQS, i + 1)) {
		const struct virq *v = virq_of(vcpu, (uint32_t)i);

		any = v && deliverable(vcpu->vm, v);
	}
	spin_unlock(&vcpu->vm->arch.vgic_lock);
	return any;
}

void vgic_hw_irq(struct vcpu *target, uint32_t intid)
{
	struct vm *vm = target->vm;

	spin_lock(&vm->arch.vgic_lock);
	raise_locked(target, intid);
	spin_unlock(&vm->arch.vgic_lock);
}

void arch_virq_set_level(struct vm *vm, uint32_t irq, bool level)
{
	struct virq *v;

	if (irq < VGIC_LOCAL_IRQS || irq >= VGIC_MAX_IRQS)
		return;
	spin_lock(&vm->arch.vgic_lock);
	v = &vm->arch.spi[irq - VGIC_LOCAL_IRQS];
	if (level && !v->level)
		raise_locked(&vm->vcpus[v->target], irq);
	else if (!level)
		bitmap_clear(vm->vcpus[v->target].arch.pending, irq);
	v->level = level;
	spin_unlock(&vm->arch.vgic_lock);
}

void arch_vm_add_virq(struct vm *vm, uint32_t irq)
{
	if (irq < VGIC_LOCAL_IRQS || irq >= VGIC_MAX_IRQS)
		return;
	spin_lock(&vm->arch.vgic_lock);
	vm->arch.spi[irq - VGIC_LOCAL_IRQS] =
	    (struct virq){.exists = 1, .edge = 1};
	spin_unlock(&vm->arch.vgic_lock);
}

void arch_vm_raise_virq(struct vm *vm, uint32_t irq)
{
	struct virq *v;
	struct vcpu *target;

	if (irq < VGIC_LOCAL_IRQS || irq >= VGIC_MAX_IRQS)
		return;
	spin_lock(&vm->arch.vgic_lock);
	v = &vm->arch.spi[irq - VGIC_LOCAL_IRQS];
	target = &vm->vcpus[v->target];
	/* Already pending: the raise coalesces, no kick is needed. */
	if (v->exists && !v->hw && !bitmap_test(target->arch.pending, irq))
		raise_locked(target, irq);
	spin_unlock(&vm->arch.vgic_lock);
}

void vgic_maintenance(struct vcpu *vcpu)
{
	struct vm *vm = vcpu->vm;
	uint64_t eoi;

	spin_lock(&vm->arch.vgic_lock);
	eoi = gic_misr() & GICH_MISR_EOI ? gic_eoi_mask() : 0;
	for (unsigned n = 0; n < gic_lr_count; n++) {
		struct gic_lr lr;
		struct virq *v;

		if (!(eoi & (1ull << n)))
			continue;
		lr = gic_lr_read(n);
		gic_lr_write(n, &(struct gic_lr){0});
		v = virq_of(vcpu, lr.vintid);
		/* A level-sensitive line still high interrupts again. */
		if (v && v->level)
			bitmap_set(vcpu->arch.pending, lr.vintid);
	}
	vgic_flush(vcpu);
	spin_unlock(&vm->arch.vgic_lock);
}

void vgic_park(struct vcpu *vcpu)
{
	for (unsigned n = 0; n < gic_lr_count; n++) {
		struct gic_lr lr = gic_lr_read(n);

		/* An active physical interrupt would otherwise stay active
		 * forever. */
		if (lr.hw && (lr.state & LR_ACTIVE))
			gic_deactivate(lr.pintid);
		gic_lr_write(n, &(struct gic_lr){0});
	}
	gic_hcr_write(GICH_HCR_EN);
	(void)vcpu;
}

/* ---- distributor and redistributor registers ---- */

static void route_spi(struct vm *vm, uint32_t intid, unsigned vcpu_id)
{
	struct virq *v = &vm->arch.spi[intid - VGIC_LOCAL_IRQS];

	if (vcpu_id >= vm->vcpu_count)
		return;
	v->target = (uint8_t)vcpu_id;
	if (v->hw)
		gic_spi_route(intid, vm->vcpus[vcpu_id].pcpu);
}

static uint32_t field_read(struct vcpu *vcpu, enum field f, uint32_t intid)
{
	struct virq *v = virq_of(vcpu, intid);

	if (!v)
		return 0;
	switch (f) {
	case F_GROUP:
		return v->group1;
	case F_ENABLE_SET:
	case F_ENABLE_CLR:
		return v->enabled;
	case F_PEND_SET:
	case F_PEND_CLR:
		return bitmap_test(target_of(vcpu, intid)->arch.pending, intid);
	case F_PRIO:
		return v->prio;
	case F_TARGET:
		return intid < VGIC_LOCAL_IRQS ? 1u << vcpu->id
					       : 1u << v->target;
	case F_CFG:
		return v->edge ? 2 : 0;
	default:
		return 0;
	}
}

static void enable_write(struct vcpu *vcpu, uint32_t intid, struct virq *v,
			 bool on)
{
	v->enabled = on;
	/* Physical PPIs stay enabled: the virtual bit gates injection. */
	if (v->hw && intid >= VGIC_LOCAL_IRQS)
		gic_irq_enable(intid, on);
	if (on && bitmap_test(target_of(vcpu, intid)->arch.pending, intid))
		raise_locked(target_of(vcpu, intid), intid);
}

static void field_write(struct vcpu *vcpu, enum field f, uint32_t intid,
			uint32_t val)
{
	struct virq *v = virq_of(vcpu, intid);

	if (!v)
		return;
	switch (f) {
	case F_GROUP:
		v->group1 = val & 1;
		break;
	case F_ENABLE_SET:
	case F_ENABLE_CLR:
		if (val & 1)
			enable_write(vcpu, intid, v, f == F_ENABLE_SET);
		break;
	case F_PEND_SET:
		if ((val & 1) && v->client)
			tee_arm_raise_client_line(vcpu->vm, intid);
		else if (val & 1)
			raise_locked(target_of(vcpu, intid), intid);
		break;
	case F_PEND_CLR:
		if (val & 1)
			bitmap_clear(target_of(vcpu, intid)->arch.pending,
				     intid);
		break;
	case F_PRIO:
		v->prio = (uint8_t)val;
		break;
	case F_TARGET:
		if (intid >= VGIC_LOCAL_IRQS && (val & 0xff))
			route_spi(vcpu->vm, intid,
				  (unsigned)__builtin_ctz(val & 0xff));
		break;
	case F_CFG:
		/* SGIs are always edge; PPI and SPI configuration is the
		 * guest's. */
		if (intid >= 16)
			v->edge = (val >> 1) & 1;
		if (v->hw && intid >= VGIC_LOCAL_IRQS)
			gic_irq_configure(intid, v->edge);
		break;
	default:
		break;
	}
}

/*
 * A bit-per-interrupt register access. `vcpu` supplies the banked interrupts
 * (0..31); `first_ok` .. `last` limits which ids this frame may touch.
 */
static bool irq_reg_access(struct vcpu *vcpu, uint32_t off,
			   struct mmio_access *a, uint32_t min_id,
			   uint32_t max_id)
{
	for (unsigned r = 0; r < ARRAY_SIZE(irq_regs); r++) {
		unsigned bits = irq_regs[r].bits;
		uint32_t first, count;
		uint32_t mask = bits == 32 ? ~0u : (1u << bits) - 1;

		if (off < irq_regs[r].base || off >= irq_regs[r].end)
			continue;
		if (bits == 8 ? a->width > 4 : a->width != 4)
			return false;
		first = (off - irq_regs[r].base) * 8 / bits;
		count = a->width * 8 / bits;
		if (!a->write)
			a->value = 0;
		for (uint32_t i = 0; i < count; i++) {
			uint32_t id = first + i;

			if (id < min_id || id >= max_id)
				continue;
			if (a->write)
				field_write(vcpu, irq_regs[r].field, id,
					    (uint32_t)(a->value >> (i * bits)) &
						mask);
			else
				a->value |= (uint64_t)field_read(
						vcpu, irq_regs[r].field, id)
					    << (i * bits);
		}
		return true;
	}
	return false;
}

static uint64_t vmpidr_affinity(const struct vcpu *vcpu)
{
	return vcpu->arch.vmpidr & 0xffffff;
}

static void send_sgi(struct vcpu *from, struct vcpu *to, uint32_t intid)
{
	to->arch.local[intid].sgi_src = (uint8_t)from->id;
	raise_locked(to, intid);
}

static void gicd_sgir_write(struct vcpu *vcpu, uint32_t val)
{
	struct vm *vm = vcpu->vm;
	unsigned filter = (val >> 24) & 3;
	uint32_t targets = (val >> 16) & 0xff;

	if (filter == 1)
		targets = ((1u << vm->vcpu_count) - 1) & ~(1u << vcpu->id);
	else if (filter == 2)
		targets = 1u << vcpu->id;
	for (unsigned i = 0; i < vm->vcpu_count; i++)
		if (targets & (1u << i))
			send_sgi(vcpu, &vm->vcpus[i], val & 0xf);
}

static uint32_t gicd_typer(const struct vm *vm)
{
	uint32_t lines = VGIC_MAX_IRQS / 32 - 1;

	return lines | (uint32_t)(MIN(vm->vcpu_count, 8u) - 1) << 5 |
	       (gic_version == 3 ? 9u << 19 : 0);
}

static bool gicd_ctrl_access(struct vcpu *vcpu, uint32_t off,
			     struct mmio_access *a)
{
	struct vm *vm = vcpu->vm;
	uint32_t are = gic_version == 3 ? 0x10 : 0;

	if (a->width != 4 && !(off >= 0x6000 && off < 0x8000 && a->width == 8))
		return false;
	if (off == 0x000) {
		if (a->write)
			vm->arch.gicd_ctlr = (uint32_t)a->value & 3;
		else
			a->value = vm->arch.gicd_ctlr | are;
		/* Interrupts held back by a disabled group may go now. */
		if (a->write)
			for (unsigned i = 0; i < vm->vcpu_count; i++)
				kick(&vm->vcpus[i]);
	} else if (off == 0x004 && !a->write) {
		a->value = gicd_typer(vm);
	} else if (off == 0xf00 && a->write && gic_version == 2) {
		gicd_sgir_write(vcpu, (uint32_t)a->value);
	} else if (off >= 0x6100 && off < 0x6000 + 8 * VGIC_MAX_IRQS &&
		   gic_version == 3) {
		uint32_t intid = (off - 0x6000) / 8;
		struct virq *v = virq_of(vcpu, intid);

		if (a->write && v && !(a->value & (1ull << 31)))
			route_spi(vm, intid, (unsigned)(a->value & 0xff));
		else if (!a->write)
			a->value =
			    v ? vmpidr_affinity(&vm->vcpus[v->target]) : 0;
	} else if (!a->write) {
		/* ID registers: architecture revision in PIDR2. */
		a->value = off == 0xffe8 ? 0x3b : off == 0xfe8 ? 0x2b : 0;
	}
	return true;
}

static bool gicd_access(struct vcpu *vcpu, void *dev, struct mmio_access *a)
{
	struct vm *vm = dev;
	uint32_t off = (uint32_t)a->offset;
	/* With affinity routing (v3) the redistributors own ids 0..31. */
	uint32_t min_id = gic_version == 3 ? VGIC_LOCAL_IRQS : 0;
	bool ok;

	spin_lock(&vm->arch.vgic_lock);
	if (off >= 0x080 && off < 0xf00)
		ok = irq_reg_access(vcpu, off, a, min_id, VGIC_MAX_IRQS);
	else
		ok = gicd_ctrl_access(vcpu, off, a);
	spin_unlock(&vm->arch.vgic_lock);
	return ok;
}

static uint64_t gicr_typer(const struct vcpu *vcpu)
{
	bool last = vcpu->id == vcpu->vm->vcpu_count - 1;

	return vmpidr_affinity(vcpu) << 32 | (uint64_t)vcpu->id << 8 |
	       (last ? 1u << 4 : 0);
}

static bool gicr_rd_access(struct vcpu *target, uint32_t off,
			   struct mmio_access *a)
{
	if (off == 0x08 || off == 0x0c) { /* TYPER, 64-bit or two halves */
		if (!a->write)
			a->value = gicr_typer(target) >> (off == 0x0c ? 32 : 0);
		if (a->width == 4 && off == 0x08 && !a->write)
			a->value &= 0xffffffffu;
		return true;
	}
	if (a->width != 4)
		return false;
	if (off == 0x14) { /* WAKER: asleep children follow ProcessorSleep */
		if (a->write)
			target->arch.gicr_waker = (uint32_t)a->value & 2;
		else
			a->value = target->arch.gicr_waker |
				   (target->arch.gicr_waker << 1);
	} else if (!a->write) {
		a->value = off == 0xffe8 ? 0x3b : 0;
	}
	return true;
}

static bool gicr_access(struct vcpu *vcpu, void *dev, struct mmio_access *a)
{
	struct vm *vm = dev;
	unsigned frame = (unsigned)(a->offset / GICR_FRAME);
	uint32_t off = (uint32_t)(a->offset % GICR_FRAME);
	struct vcpu *target;
	bool ok;

	if (frame >= vm->vcpu_count)
		return false;
	target = &vm->vcpus[frame];
	spin_lock(&vm->arch.vgic_lock);
	if (off < 0x10000)
		ok = gicr_rd_access(target, off, a);
	else if (off - 0x10000 >= 0x080 && off - 0x10000 < 0xf00)
		ok = irq_reg_access(target, off - 0x10000, a, 0,
				    VGIC_LOCAL_IRQS);
	else
		ok = a->write || (a->value = 0, true);
	spin_unlock(&vm->arch.vgic_lock);
	(void)vcpu;
	return ok;
}

/*
 * The vCPUs an ICC_SGI1R_EL1 value names. vCPU i's MPIDR has Aff0 = i and
 * Aff3.Aff2.Aff1 = 0 (arch_vcpu_init), so a target list (RS: Aff0 / 16)
 * names vCPUs 16 * RS + k directly.
 */
static uint64_t sgi1r_targets(const struct vcpu *vcpu, uint64_t value)
{
	uint64_t all = (1ull << vcpu->vm->vcpu_count) - 1;
	uint64_t rs = (value >> 44) & 0xf;

	if ((value >> 40) & 1) /* IRM: every vCPU but the sender */
		return all & ~(1ull << vcpu->id);
	if (value & 0xff00ff00ff0000ull || rs >= 4)
		return 0;
	return ((value & 0xffff) << (16 * rs)) & all;
}

void vgic_sgi1r_write(struct vcpu *vcpu, uint64_t value)
{
	struct vm *vm = vcpu->vm;
	uint32_t intid = (value >> 24) & 0xf;
	uint64_t targets = sgi1r_targets(vcpu, value);

	if (!targets)
		return;
	spin_lock(&vm->arch.vgic_lock);
	for (; targets; targets &= targets - 1)
		send_sgi(vcpu, &vm->vcpus[__builtin_ctzll(targets)], intid);
	spin_unlock(&vm->arch.vgic_lock);
}

void vgic_vcpu_reset(struct vcpu *vcpu)
{
	memset(vcpu->arch.local, 0, sizeof(vcpu->arch.local));
	memset(vcpu->arch.pending, 0, sizeof(vcpu->arch.pending));
	for (unsigned i = 0; i < 16; i++) {
		vcpu->arch.local[i].edge = 1;
		vcpu->arch.local[i].enabled = 1;
	}
	vcpu->arch.local[GIC_VTIMER_PPI].hw = 1;
	vcpu->arch.gicr_waker = 2;
	if (gic_version == 3)
		sysreg_write(ICH_VMCR_EL2, 0);
	else
		*(volatile uint32_t *)(platform_gic.gich + 0x08) = 0;
	vgic_park(vcpu);
}

void arch_irq_assign(struct vm *vm, uint32_t irq)
{
	struct virq *v = &vm->arch.spi[irq - VGIC_LOCAL_IRQS];

	*v = (struct virq){0};
	v->exists = 1;
	v->hw = 1;
	irq_owner[irq] = vm;
	gic_irq_enable(irq, false);
	gic_spi_route(irq, vm->vcpus[0].pcpu);
}

void arch_irq_release(uint32_t irq)
{
	gic_irq_enable(irq, false);
	irq_owner[irq] = NULL;
}

void arch_irq_transfer(uint32_t irq, struct vm *from, struct vm *to)
{
	struct virq *v = &from->arch.spi[irq - VGIC_LOCAL_IRQS];

	spin_lock(&from->arch.vgic_lock);
	*v = (struct virq){0};
	for (unsigned i = 0; i < from->vcpu_count; i++)
		bitmap_clear(from->vcpus[i].arch.pending, irq);
	spin_unlock(&from->arch.vgic_lock);
	arch_irq_assign(to, irq);
}

static int map_virtual_cpu_interface(struct vm *vm)
{
	/* The guest's GICC is the physical GICV, passed through by stage 2. */
	return arch_stage2_map(vm, platform_gic.gicc, platform_gic.gicv,
			       GICV_SIZE,
			       STAGE2_DEVICE | VMDESC_MEM_R | VMDESC_MEM_W);
}

int vgic_vm_init(struct vm *vm)
{
	const struct vmdesc_vm *d = vm->desc;

	if (d->console)
		vm->arch.spi[d->console_irq - VGIC_LOCAL_IRQS].exists = 1;
	if (mmio_register(&vm->mmio, platform_gic.gicd, GICD_SIZE, gicd_access,
			  vm))
		return -1;
	if (gic_version == 2)
		return map_virtual_cpu_interface(vm);
	return mmio_register(&vm->mmio, platform_gic.gicr,
			     (uint64_t)vm->vcpu_count * GICR_FRAME, gicr_access,
			     vm);
}

const char *arch_intc_name(void)
{
	return gic_version == 3 ? "GICv3" : "GICv2";
}
