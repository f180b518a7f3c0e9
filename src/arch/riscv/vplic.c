/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Virtual PLIC (register map of the RISC-V PLIC specification v1.0.0).
 *
 * Contexts are numbered as QEMU's virt board numbers them, so a guest's
 * device tree can describe its PLIC like the board's: context 2i is vCPU i's
 * M-mode context (there is none: it reads as zero and ignores writes),
 * context 2i + 1 its S-mode context.
 *
 * Sources keep the board's numbers. A physical source the VM owns is enabled
 * on the physical PLIC only while some vCPU context enables it, on the hart
 * of the lowest such vCPU. The hypervisor claims it there, marks it pending
 * here and raises VSEIP on the vCPUs whose context can take it; it stays
 * claimed on the physical PLIC until the guest completes it here, so the
 * device cannot interrupt again before the guest is done. The emulated
 * console's line is level-sensitive, as QEMU's PLIC treats its UART: pending
 * follows the line while the source is not claimed.
 */
#include "vplic.h"

#include "../../core/platform.h"
#include "../../lib/string.h"
#include "csr.h"
#include "plic.h"
#include "riscv.h"

#define REG_PRIORITY   0x0u
#define REG_PENDING    0x1000u
#define REG_ENABLE     0x2000u
#define ENABLE_STRIDE  0x80u
#define REG_CONTEXT    0x200000u
#define CONTEXT_STRIDE 0x1000u
#define CTX_THRESHOLD  0x0u
#define CTX_CLAIM      0x4u
#define PRIO_MASK      7u /* QEMU virt's PLIC: priorities 0..7 */
#define WORDS32	       (VPLIC_SOURCES / 32)

/* Which VM owns each physical source (NULL: the hypervisor or nobody). */
static struct vm *src_owner[VPLIC_SOURCES];

static struct vplic_src *src_of(struct vm *vm, uint32_t id)
{
	if (id == 0 || id >= VPLIC_SOURCES || !vm->arch.src[id].exists)
		return NULL;
	return &vm->arch.src[id];
}

/* The vCPU behind a guest context; NULL for the M-mode ones. */
static struct vcpu *context_vcpu(struct vm *vm, uint64_t context)
{
	if (!(context & 1))
		return NULL;
	return vm_vcpu(vm, (unsigned)(context / 2));
}

static unsigned phys_context(const struct vcpu *vcpu)
{
	return plic_context(cpu_hart[vcpu->pcpu]);
}

/* Bits 32w..32w+31 of a source bitmap. */
static uint32_t word32(const bitmap_t *map, unsigned w)
{
	return (uint32_t)(map[w / 2] >> (32 * (w % 2)));
}

/* The highest-priority source this vCPU's context would be given; 0: none. */
static uint32_t best_source(struct vm *vm, struct vcpu *vcpu)
{
	uint32_t best = 0, best_prio = vcpu->arch.threshold;

	for (unsigned w = 0; w < BITMAP_WORDS(VPLIC_SOURCES); w++) {
		bitmap_t bits = vm->arch.pending[w] & vcpu->arch.enable[w];

		while (bits) {
			uint32_t id = w * BITMAP_WORD_BITS +
				      (uint32_t)__builtin_ctzll(bits);

			bits &= bits - 1;
			if (vm->arch.src[id].prio > best_prio) {
				best = id;
				best_prio = vm->arch.src[id].prio;
			}
		}
	}
	return best;
}

/* Recompute every vCPU's external-interrupt line; deliver the changes. */
static void lines_update(struct vm *vm)
{
	for (unsigned i = 0; i < vm->vcpu_count; i++) {
		struct vcpu *v = &vm->vcpus[i];
		uint32_t line = best_source(vm, v) != 0;

		if (line != __atomic_load_n(&v->arch.seip, __ATOMIC_RELAXED)) {
			__atomic_store_n(&v->arch.seip, line, __ATOMIC_RELEASE);
			vcpu_kick(v);
		}
	}
}

/* Follow the guest's enables: on the hart of the lowest enabling vCPU. */
static void route_update(struct vm *vm, uint32_t id)
{
	struct vplic_src *s = &vm->arch.src[id];
	struct vcpu *target = NULL;

	for (unsigned i = 0; i < vm->vcpu_count && !target; i++)
		if (bitmap_test(vm->vcpus[i].arch.enable, id))
			target = &vm->vcpus[i];
	if (s->routed && target && s->route == target->id)
		return;
	if (s->routed)
		plic_enable(phys_context(&vm->vcpus[s->route]), id, false);
	s->routed = target != NULL;
	if (target) {
		s->route = (uint8_t)target->id;
		plic_enable(phys_context(target), id, true);
	}
}

/*
 * Complete a physical source the hypervisor claimed. The PLIC ignores a
 * completion on a context the source is not enabled on, so an unrouted one
 * is enabled here for the moment of the completion.
 */
static void hw_complete(struct vm *vm, uint32_t id)
{
	struct vplic_src *s = &vm->arch.src[id];
	unsigned ctx = s->routed ? phys_context(&vm->vcpus[s->route])
				 : plic_context(cpu_hart[arch_cpu_id()]);

	if (!s->routed)
		plic_enable(ctx, id, true);
	plic_complete(ctx, id);
	if (!s->routed)
		plic_enable(ctx, id, false);
}

static void complete(struct vm *vm, uint32_t id)
{
	struct vplic_src *s = &vm->arch.src[id];

	s->in_flight = 0;
	if (s->hw)
		hw_complete(vm, id);
	else if (s->level || s->latched)
		bitmap_set(vm->arch.pending, id);
	s->latched = 0;
}

static uint32_t claim(struct vm *vm, struct vcpu *vcpu)
{
	uint32_t id = best_source(vm, vcpu);

	if (id) {
		bitmap_clear(vm->arch.pending, id);
		vm->arch.src[id].in_flight = 1;
		vm->arch.src[id].claimer = (uint8_t)vcpu->id;
	}
	return id;
}

static void priority_access(struct vm *vm, uint64_t off, struct mmio_access *a)
{
	struct vplic_src *s = src_of(vm, (uint32_t)(off / 4));

	if (!a->write)
		a->value = s ? s->prio : 0;
	else if (s)
		s->prio = (uint8_t)(a->value & PRIO_MASK);
}

static void enable_write(struct vm *vm, struct vcpu *v, unsigned w,
			 uint32_t val)
{
	uint32_t old = word32(v->arch.enable, w);
	uint32_t now = val & word32(vm->arch.exists, w);
	bitmap_t *slot = &v->arch.enable[w / 2];
	unsigned shift = 32 * (w % 2);

	*slot = (*slot & ~(0xffffffffull << shift)) | (bitmap_t)now << shift;
	for (uint32_t changed = old ^ now; changed; changed &= changed - 1) {
		uint32_t id = w * 32 + (uint32_t)__builtin_ctz(changed);

		if (vm->arch.src[id].hw)
			route_update(vm, id);
	}
}

static void enable_access(struct vm *vm, uint64_t off, struct mmio_access *a)
{
	struct vcpu *v = context_vcpu(vm, off / ENABLE_STRIDE);
	unsigned w = (unsigned)(off % ENABLE_STRIDE) / 4;

	if (!a->write)
		a->value = v && w < WORDS32 ? word32(v->arch.enable, w) : 0;
	else if (v && w < WORDS32)
		enable_write(vm, v, w, (uint32_t)a->value);
}

static void context_access(struct vm *vm, struct vcpu *vcpu, uint64_t off,
			   struct mmio_access *a)
{
	struct vcpu *v = context_vcpu(vm, off / CONTEXT_STRIDE);
	unsigned reg = (unsigned)(off % CONTEXT_STRIDE);
	struct vplic_src *s;

	if (!a->write)
		a->value = 0;
	if (!v)
		return;
	if (reg == CTX_THRESHOLD && a->write)
		v->arch.threshold = (uint32_t)a->value & PRIO_MASK;
	else if (reg == CTX_THRESHOLD)
		a->value = v->arch.threshold;
	else if (reg == CTX_CLAIM && !a->write)
		a->value = claim(vm, v);
	else if (reg == CTX_CLAIM && (s = src_of(vm, (uint32_t)a->value)) &&
		 s->in_flight && bitmap_test(v->arch.enable, a->value))
		complete(vm, (uint32_t)a->value);
	(void)vcpu;
}

static bool vplic_access(struct vcpu *vcpu, void *dev, struct mmio_access *a)
{
	struct vm *vm = dev;
	uint64_t off = a->offset;

	if (a->width != 4 || (off & 3))
		return false;
	spin_lock(&vm->arch.plic_lock);
	if (off < REG_PENDING)
		priority_access(vm, off - REG_PRIORITY, a);
	else if (off < REG_PENDING + WORDS32 * 4)
		a->value = a->write ? 0
				    : word32(vm->arch.pending,
					     (unsigned)(off - REG_PENDING) / 4);
	else if (off >= REG_ENABLE && off < REG_CONTEXT)
		enable_access(vm, off - REG_ENABLE, a);
	else if (off >= REG_CONTEXT)
		context_access(vm, vcpu, off - REG_CONTEXT, a);
	else if (!a->write)
		a->value = 0;
	lines_update(vm);
	spin_unlock(&vm->arch.plic_lock);
	return true;
}

int vplic_vm_init(struct vm *vm)
{
	const struct platform_range *w = &platform_get_desc()->intc_window;
	uint32_t irq = vm->desc->console_irq;

	if (vm->desc->console && irq && irq < VPLIC_SOURCES) {
		vm->arch.src[irq].exists = 1;
		bitmap_set(vm->arch.exists, irq);
	}
	return mmio_register(&vm->mmio, w->base, w->size, vplic_access, vm);
}

void vplic_vcpu_reset(struct vcpu *vcpu)
{
	struct vm *vm = vcpu->vm;

	spin_lock(&vm->arch.plic_lock);
	memset(vcpu->arch.enable, 0, sizeof(vcpu->arch.enable));
	vcpu->arch.threshold = 0;
	__atomic_store_n(&vcpu->arch.seip, 0, __ATOMIC_RELAXED);
	for (uint32_t id = 1; id < VPLIC_SOURCES; id++) {
		struct vplic_src *s = &vm->arch.src[id];

		/* A reset hart never completes what it had claimed. */
		if (s->in_flight && s->claimer == vcpu->id)
			complete(vm, id);
		if (s->hw)
			route_update(vm, id);
	}
	lines_update(vm);
	spin_unlock(&vm->arch.plic_lock);
}

bool vplic_hw_irq(uint32_t src)
{
	struct vm *vm = arch_irq_owner(src);
	bool taken;

	if (!vm)
		return false;
	spin_lock(&vm->arch.plic_lock);
	taken = vm->state == VM_RUNNING && vm->arch.src[src].hw;
	if (taken) {
		bitmap_set(vm->arch.pending, src);
		lines_update(vm);
	}
	spin_unlock(&vm->arch.plic_lock);
	return taken;
}

void arch_virq_set_level(struct vm *vm, uint32_t irq, bool level)
{
	struct vplic_src *s;

	spin_lock(&vm->arch.plic_lock);
	s = src_of(vm, irq);
	if (s && !s->hw) {
		s->level = level;
		if (!level)
			bitmap_clear(vm->arch.pending, irq);
		else if (!s->in_flight)
			bitmap_set(vm->arch.pending, irq);
		lines_update(vm);
	}
	spin_unlock(&vm->arch.plic_lock);
}

void arch_vm_add_virq(struct vm *vm, uint32_t irq)
{
	if (irq == 0 || irq >= VPLIC_SOURCES)
		return;
	spin_lock(&vm->arch.plic_lock);
	vm->arch.src[irq] = (struct vplic_src){.exists = 1};
	bitmap_set(vm->arch.exists, irq);
	spin_unlock(&vm->arch.plic_lock);
}

/*
 * An edge, as the PLIC's gateway takes it: pending until claimed, and one
 * more after the completion if it came while the source was in flight.
 */
void arch_vm_raise_virq(struct vm *vm, uint32_t irq)
{
	struct vplic_src *s;

	spin_lock(&vm->arch.plic_lock);
	s = src_of(vm, irq);
	if (s && !s->hw) {
		if (s->in_flight)
			s->latched = 1;
		else
			bitmap_set(vm->arch.pending, irq);
		lines_update(vm);
	}
	spin_unlock(&vm->arch.plic_lock);
}

void arch_irq_assign(struct vm *vm, uint32_t irq)
{
	if (irq == 0 || irq >= VPLIC_SOURCES)
		return;
	spin_lock(&vm->arch.plic_lock);
	vm->arch.src[irq] = (struct vplic_src){.exists = 1, .hw = 1};
	bitmap_set(vm->arch.exists, irq);
	__atomic_store_n(&src_owner[irq], vm, __ATOMIC_RELEASE);
	spin_unlock(&vm->arch.plic_lock);
}

/* Silence the VM's source and leave it unclaimed for its next owner. Lock held.
 */
static void src_forget(struct vm *vm, uint32_t irq)
{
	struct vplic_src *s = &vm->arch.src[irq];

	if (s->hw && (s->in_flight || bitmap_test(vm->arch.pending, irq)))
		hw_complete(vm, irq);
	if (s->routed)
		plic_enable(phys_context(&vm->vcpus[s->route]), irq, false);
	*s = (struct vplic_src){0};
	bitmap_clear(vm->arch.pending, irq);
	bitmap_clear(vm->arch.exists, irq);
	for (unsigned i = 0; i < vm->vcpu_count; i++)
		bitmap_clear(vm->vcpus[i].arch.enable, irq);
}

struct vm *arch_irq_owner(uint32_t irq)
{
	if (irq >= VPLIC_SOURCES)
		return NULL;
	return __atomic_load_n(&src_owner[irq], __ATOMIC_ACQUIRE);
}

void arch_irq_release(uint32_t irq)
{
	struct vm *vm = arch_irq_owner(irq);

	if (!vm)
		return;
	spin_lock(&vm->arch.plic_lock);
	src_forget(vm, irq);
	__atomic_store_n(&src_owner[irq], NULL, __ATOMIC_RELEASE);
	lines_update(vm);
	spin_unlock(&vm->arch.plic_lock);
}

/* From one VM to another (VM-stack), disabled as at reset. */
void arch_irq_transfer(uint32_t irq, struct vm *from, struct vm *to)
{
	if (irq == 0 || irq >= VPLIC_SOURCES)
		return;
	spin_lock(&from->arch.plic_lock);
	src_forget(from, irq);
	lines_update(from);
	spin_unlock(&from->arch.plic_lock);
	arch_irq_assign(to, irq);
}

void vplic_vm_destroy(struct vm *vm)
{
	spin_lock(&vm->arch.plic_lock);
	for (uint32_t id = 1; id < VPLIC_SOURCES; id++)
		if (vm->arch.src[id].exists)
			src_forget(vm, id);
	spin_unlock(&vm->arch.plic_lock);
	for (uint32_t id = 1; id < VPLIC_SOURCES; id++)
		if (arch_irq_owner(id) == vm)
			__atomic_store_n(&src_owner[id], NULL,
					 __ATOMIC_RELEASE);
}

const char *arch_intc_name(void)
{
	return "PLIC";
}
