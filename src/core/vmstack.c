/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The VM-stack: child VMs built at run time from resources their parent
 * gives up, run on the parent's own CPUs when the parent invokes them.
 *
 * Every transfer is first a change in an ownership table (pages, devices,
 * interrupts) and then a mapping change, so destroy gives back exactly what
 * the tables say the child holds, and a failed create has changed nothing:
 * everything that can fail is checked before the first change is made.
 */
#include <tessera/hypercall.h>

#include "../lib/sha256.h"
#include "../lib/spinlock.h"
#include "../lib/string.h"
#include "arch.h"
#include "mem.h"
#include "platform.h"
#include "tee.h"
#include "vm.h"
#include "vmdesc.h"
#include "vmstack.h"

/* A child may have children of its own, down to this depth. */
#define VMSTACK_MAX_DEPTH 3u
#define DESC_MAX_SIZE	  (16 * KiB)
#define ID_SLOT_BITS	  8u

/* One create or destroy at a time: they change several owners at once. */
static spinlock_t vmstack_lock = SPINLOCK_INIT;
static uint8_t desc_buf[DESC_MAX_SIZE] __attribute__((aligned(8)));

static uint64_t child_id(const struct vm *vm)
{
	return (uint64_t)vm->generation << ID_SLOT_BITS | vm->id;
}

/* The caller's child with this id, or NULL: ids are only meaningful to the
 * parent. */
static struct vm *child_of(const struct vm *parent, uint64_t id)
{
	uint64_t slot = id & ((1u << ID_SLOT_BITS) - 1);
	struct vm *vm;

	if (slot >= MAX_VMS)
		return NULL;
	vm = &vms[slot];
	if (vm->state == VM_FREE || vm->parent != parent || child_id(vm) != id)
		return NULL;
	return vm;
}

/* Copy bytes out of a VM's own memory, page by page through its ownership. */
static bool copy_from_guest(struct vm *vm, ipa_t ipa, void *dst, uint64_t n)
{
	while (n) {
		uint64_t chunk = MIN(n, PAGE_SIZE - (ipa & (PAGE_SIZE - 1)));
		const void *src = vm_ipa_to_hva(vm, ipa, chunk, false);

		if (!src)
			return false;
		memcpy(dst, src, chunk);
		dst = (char *)dst + chunk;
		ipa += chunk;
		n -= chunk;
	}
	return true;
}

/* The parent's resources as the validator sees them (parent-IPA terms). */
struct parent_view {
	struct vmdesc_owner_view view;
	struct vmdesc_range memory[VMDESC_MAX_REGIONS];
	struct vmdesc_range devices[VMDESC_MAX_DEVICES];
	uint32_t irqs[VMDESC_MAX_IRQS];
};

static void parent_view_build(struct vm *parent, struct parent_view *pv)
{
	const struct vmdesc_vm *d = parent->desc;

	memset(pv, 0, sizeof(*pv));
	for (unsigned i = 0; i < parent->region_count; i++)
		pv->memory[pv->view.memory_count++] = (struct vmdesc_range){
		    parent->regions[i].ipa, parent->regions[i].size};
	for (unsigned i = 0; i < d->devices.count; i++) {
		const struct vmdesc_device *dev =
		    vmdesc_device(parent->blob, d, i);

		if (!(parent->devices_given & (1u << i)))
			pv->devices[pv->view.device_count++] =
			    (struct vmdesc_range){dev->ipa, dev->size};
	}
	for (unsigned i = 0; i < d->irqs.count; i++) {
		uint32_t irq = vmdesc_irq(parent->blob, d, i)->id;

		if (arch_irq_owner(irq) == parent)
			pv->irqs[pv->view.irq_count++] = irq;
	}
	pv->view.vcpus = parent->vcpu_count;
	pv->view.colors = d->colors;
	pv->view.memory = pv->memory;
	pv->view.devices = pv->devices;
	pv->view.irqs = pv->irqs;
}

static struct vm *free_slot(void)
{
	for (unsigned i = vm_count; i < MAX_VMS; i++)
		if (vms[i].state == VM_FREE)
			return &vms[i];
	return NULL;
}

/* Every page of the parent's range [ipa, ipa + size) is still the parent's. */
static bool parent_owns(struct vm *parent, ipa_t ipa, uint64_t size)
{
	for (uint64_t off = 0; off < size; off += PAGE_SIZE)
		if (!vm_ipa_to_hva(parent, ipa + off, PAGE_SIZE, false))
			return false;
	return true;
}

/* Upper bound of the tables a create needs: splits in the parent, the child's
 * tree. */
static size_t tables_needed(const struct vmdesc_vm *d, const void *blob)
{
	size_t n = 4;

	for (unsigned i = 0; i < d->regions.count; i++)
		n += 6 + vmdesc_region(blob, d, i)->size / (2 * MiB);
	return n + 6 * d->devices.count;
}

static int create_check(struct vm *parent, const struct vmdesc_header *blob,
			uint32_t size, struct vmdesc_error *err)
{
	struct parent_view pv;
	const struct vmdesc_vm *d;
	int ret;

	parent_view_build(parent, &pv);
	ret = vmdesc_validate(blob, size, platform_get_desc(), &pv.view, err);
	if (ret)
		return HS_BAD_DESC;
	d = vmdesc_vm(blob, 0);
	if (parent->depth >= VMSTACK_MAX_DEPTH)
		return HS_DENIED;
	/* Shared memory and doorbells are the boot configuration's only. */
	if (d->ipcs.count)
		return HS_NOT_SUPPORTED;
	/* A child's image is what the parent left in the memory it gives. */
	for (unsigned i = 0; i < d->images.count; i++)
		if (vmdesc_image(blob, d, i)->source != VMDESC_IMAGE_IN_PLACE)
			return HS_BAD_DESC;
	for (unsigned i = 0; i < d->regions.count; i++) {
		const struct vmdesc_region *r = vmdesc_region(blob, d, i);

		if (!parent_owns(parent, r->pa, r->size))
			return HS_DENIED;
	}
	if (hyp_mem.free_pages <
	    tables_needed(d, blob) + DESC_MAX_SIZE / PAGE_SIZE)
		return HS_NO_MEMORY;
	return HS_OK;
}

/* Move a page range from one VM's stage 2 to another's, owner table first. */
static void memory_move(struct vm *from, ipa_t from_ipa, struct vm *to,
			ipa_t to_ipa, paddr_t pa, uint64_t size, uint32_t flags)
{
	owner_t old = OWNER_VM(from->id);

	BUG_ON(pool_transfer(pa, size, old, OWNER_VM(to->id)));
	BUG_ON(arch_stage2_unmap(from, from_ipa, size));
	BUG_ON(arch_stage2_map(to, to_ipa, pa, size, flags));
}

static paddr_t parent_pa(struct vm *parent, ipa_t ipa)
{
	for (unsigned i = 0; i < parent->region_count; i++) {
		const struct vm_region *r = &parent->regions[i];

		if (ipa >= r->ipa && ipa - r->ipa < r->size)
			return r->pa + (ipa - r->ipa);
	}
	return 0;
}

static void regions_take(struct vm *child, struct vm *parent)
{
	const struct vmdesc_vm *d = child->desc;

	for (unsigned i = 0; i < d->regions.count; i++) {
		const struct vmdesc_region *r =
		    vmdesc_region(child->blob, d, i);
		paddr_t pa = parent_pa(parent, r->pa);

		child->regions[i] = (struct vm_region){
		    .ipa = r->ipa,
		    .pa = pa,
		    .size = r->size,
		    .flags = r->flags & VMDESC_MEM_RWX,
		    .parent_ipa = r->pa,
		};
		memory_move(parent, r->pa, child, r->ipa, pa, r->size,
			    r->flags & VMDESC_MEM_RWX);
	}
	child->region_count = d->regions.count;
}

/*
 * The parent's device whose guest-physical range holds [ipa, ipa + size).
 * The validator checked the child's devices against the parent's, so there
 * is one.
 */
static unsigned parent_device(struct vm *parent, ipa_t ipa, uint64_t size)
{
	for (unsigned i = 0; i < parent->desc->devices.count; i++) {
		const struct vmdesc_device *p =
		    vmdesc_device(parent->blob, parent->desc, i);

		if (ipa >= p->ipa && ipa - p->ipa <= p->size &&
		    size <= p->size - (ipa - p->ipa))
			return i;
	}
	panic("vmstack: a child's device at 0x%llx is not its parent's",
	      (unsigned long long)ipa);
}

static void devices_take(struct vm *child, struct vm *parent)
{
	const struct vmdesc_vm *d = child->desc;

	for (unsigned i = 0; i < d->devices.count; i++) {
		const struct vmdesc_device *c =
		    vmdesc_device(child->blob, d, i);
		unsigned k = parent_device(parent, c->pa, c->size);
		const struct vmdesc_device *p =
		    vmdesc_device(parent->blob, parent->desc, k);
		paddr_t pa = p->pa + (c->pa - p->ipa);

		parent->devices_given |= 1u << k;
		BUG_ON(arch_stage2_unmap(parent, p->ipa, p->size));
		BUG_ON(arch_stage2_map(child, c->ipa, pa, c->size,
				       STAGE2_DEVICE | VMDESC_MEM_R |
					   VMDESC_MEM_W));
	}
	for (unsigned i = 0; i < d->irqs.count; i++)
		arch_irq_transfer(vmdesc_irq(child->blob, d, i)->id, parent,
				  child);
}

/* Child vCPU i runs on top of the parent vCPU named by the i-th affinity bit.
 */
static void vcpus_bind(struct vm *child, struct vm *parent)
{
	uint64_t affinity = child->desc->cpu_affinity;

	child->vcpu_count = child->desc->vcpus;
	for (unsigned i = 0; i < child->vcpu_count; i++) {
		struct vcpu *host = &parent->vcpus[__builtin_ctzll(affinity)];

		affinity &= affinity - 1;
		child->vcpus[i] = (struct vcpu){.vm = child,
						.id = i,
						.pcpu = host->pcpu,
						.host = host,
						.state = VCPU_OFF};
		arch_vcpu_init(&child->vcpus[i]);
	}
	child->vcpus[0].entry = child->desc->entry;
	child->vcpus[0].entry_arg = child->desc->boot_arg;
	child->vcpus[0].state = VCPU_PENDING;
}

/*
 * The measurement covers the description as the child sees it: where its
 * memory came from in the parent (which a parent picks anew each time) is
 * left out, so the same description and image always measure the same.
 */
static void measurement_normalize(struct vm *child)
{
	struct vmdesc_vm *d = (struct vmdesc_vm *)child->desc;

	for (unsigned i = 0; i < d->regions.count; i++)
		((struct vmdesc_region *)vmdesc_region(child->blob, d, i))->pa =
		    0;
}

static void measure(struct vm *child)
{
	struct sha256 s;

	sha256_init(&s);
	sha256_update(&s, child->blob, child->desc_size);
	for (unsigned i = 0; i < child->region_count; i++)
		sha256_update(&s, (const void *)(uintptr_t)child->regions[i].pa,
			      child->regions[i].size);
	sha256_final(&s, child->measurement);
}

static void *desc_keep(const void *blob, uint32_t size)
{
	paddr_t pa = pool_alloc(ALIGN_UP((uint64_t)size, PAGE_SIZE), PAGE_SIZE,
				OWNER_HYP);

	BUG_ON(!pa);
	memcpy((void *)(uintptr_t)pa, blob, size);
	return (void *)(uintptr_t)pa;
}

static struct vm *child_build(struct vm *parent, struct vm *child,
			      uint32_t size)
{
	uint32_t generation = child->generation;

	*child = (struct vm){.id = (unsigned)(child - vms),
			     .state = VM_RUNNING,
			     .parent = parent,
			     .depth = parent->depth + 1,
			     .generation = generation,
			     .desc_size = size};
	child->desc_pages = desc_keep(desc_buf, size);
	child->blob = child->desc_pages;
	child->desc = vmdesc_vm(child->blob, 0);
	memcpy(child->name, child->desc->name, sizeof(child->name));
	vcpus_bind(child, parent);
	BUG_ON(arch_vm_init(child));
	regions_take(child, parent);
	devices_take(child, parent);
	measurement_normalize(child);
	vm_console_init(child);
	measure(child);
	return child;
}

/* Why a description was refused, on the console (rate-limited). */
static void log_refusal(const struct vm *parent, const struct vmdesc_error *err)
{
	static uint32_t logged[MAX_VMS];
	char msg[192];

	if (!vm_refusal_loggable(parent, logged, "creates"))
		return;
	vmdesc_error_format(err, msg, sizeof(msg));
	log_info("vm %u (%s): create refused: %s", parent->id, parent->name,
		 msg);
}

struct hc_result vmstack_create(struct vcpu *caller, ipa_t desc_ipa,
				uint64_t size)
{
	struct vm *parent = caller->vm, *child;
	struct vmdesc_error err;
	int status;

	if (size < sizeof(struct vmdesc_header) || size > DESC_MAX_SIZE)
		return (struct hc_result){HS_INVALID, {0}};
	spin_lock(&vmstack_lock);
	if (!copy_from_guest(parent, desc_ipa, desc_buf, size)) {
		status = HS_INVALID;
	} else {
		status = create_check(parent, (const void *)desc_buf,
				      (uint32_t)size, &err);
		child = status ? NULL : free_slot();
		if (!status && !child)
			status = HS_NO_MEMORY;
	}
	if (status) {
		spin_unlock(&vmstack_lock);
		if (status == HS_BAD_DESC)
			log_refusal(parent, &err);
		return (struct hc_result){status, {0}};
	}
	child_build(parent, child, (uint32_t)size);
	spin_unlock(&vmstack_lock);
	return (struct hc_result){HS_OK, {child_id(child)}};
}

static bool on_a_stack(const struct vm *vm)
{
	for (unsigned i = 0; i < vm->vcpu_count; i++) {
		const struct cpu *c = &cpus[vm->vcpus[i].pcpu];

		for (unsigned k = 0; k < c->depth; k++)
			if (c->stack[k] == &vm->vcpus[i])
				return true;
	}
	return false;
}

static void regions_return(struct vm *child)
{
	for (unsigned i = 0; i < child->region_count; i++) {
		const struct vm_region *r = &child->regions[i];

		/* The parent never sees what its child left behind. */
		memset((void *)(uintptr_t)r->pa, 0, r->size);
		arch_cache_clean((void *)(uintptr_t)r->pa, r->size);
		memory_move(child, r->ipa, child->parent, r->parent_ipa, r->pa,
			    r->size, VMDESC_MEM_RWX);
	}
}

static void devices_return(struct vm *child)
{
	struct vm *parent = child->parent;
	const struct vmdesc_vm *d = child->desc;

	for (unsigned i = 0; i < d->devices.count; i++) {
		const struct vmdesc_device *c =
		    vmdesc_device(child->blob, d, i);
		unsigned k = parent_device(parent, c->pa, c->size);
		const struct vmdesc_device *p =
		    vmdesc_device(parent->blob, parent->desc, k);

		parent->devices_given &= ~(1u << k);
		BUG_ON(arch_stage2_map(parent, p->ipa, p->pa, p->size,
				       STAGE2_DEVICE | VMDESC_MEM_R |
					   VMDESC_MEM_W));
	}
	for (unsigned i = 0; i < d->irqs.count; i++)
		arch_irq_transfer(vmdesc_irq(child->blob, d, i)->id, child,
				  parent);
}

/* Tear a child down; its own children go first. Lock held. */
static void child_destroy(struct vm *child)
{
	for (unsigned i = vm_count; i < MAX_VMS; i++)
		if (vms[i].state != VM_FREE && vms[i].parent == child)
			child_destroy(&vms[i]);
	child->state = VM_STOPPED;
	regions_return(child);
	devices_return(child);
	arch_vm_destroy(child);
	pool_release((paddr_t)(uintptr_t)child->desc_pages,
		     ALIGN_UP((uint64_t)child->desc_size, PAGE_SIZE),
		     OWNER_HYP);
	console_vm_stopped(child);
	child->generation++;
	child->state = VM_FREE;
}

static bool family_busy(const struct vm *vm)
{
	if (on_a_stack(vm))
		return true;
	for (unsigned i = vm_count; i < MAX_VMS; i++)
		if (vms[i].state != VM_FREE && vms[i].parent == vm &&
		    family_busy(&vms[i]))
			return true;
	return false;
}

struct hc_result vmstack_destroy(struct vcpu *caller, uint64_t id)
{
	struct vm *child;
	int status = HS_OK;

	spin_lock(&vmstack_lock);
	child = child_of(caller->vm, id);
	if (!child)
		status = HS_NOT_FOUND;
	else if (family_busy(child))
		status = HS_BUSY;
	else
		child_destroy(child);
	spin_unlock(&vmstack_lock);
	return (struct hc_result){status, {0}};
}

struct hc_result vmstack_measurement(struct vcpu *caller, uint64_t id)
{
	struct vm *vm = id == HC_SELF ? caller->vm : child_of(caller->vm, id);
	struct hc_result r = {HS_OK, {0}};

	if (!vm || (id == HC_SELF && !vm->parent))
		return (struct hc_result){HS_NOT_FOUND, {0}};
	for (unsigned i = 0; i < 32; i++)
		r.value[i / 8] |= (uint64_t)vm->measurement[i] << (8 * (i % 8));
	return r;
}

/* ---- running children: invoke, yield and the way back ---- */

static struct vcpu *stack_top(struct cpu *c)
{
	return c->stack[c->depth - 1];
}

static bool wake_below(const struct cpu *c)
{
	for (unsigned k = 0; k + 1 < c->depth; k++)
		if (__atomic_load_n(&c->stack[k]->wake, __ATOMIC_ACQUIRE))
			return true;
	return false;
}

struct hc_result vmstack_invoke(struct vcpu *caller, uint64_t id,
				uint64_t vcpu_id)
{
	struct vm *child = child_of(caller->vm, id);
	struct vcpu *v;

	if (!child)
		return (struct hc_result){HS_NOT_FOUND, {0}};
	if (vcpu_id >= child->vcpu_count)
		return (struct hc_result){HS_INVALID, {0}};
	v = &child->vcpus[vcpu_id];
	if (v->host != caller)
		return (struct hc_result){HS_DENIED, {0}};
	if (child->state != VM_RUNNING)
		return (struct hc_result){HS_OK, {HC_INVOKE_STOPPED}};
	if (v->state == VCPU_OFF)
		return (struct hc_result){HS_OK, {HC_INVOKE_VCPU_OFF}};
	vmstack_push(v);
	if (v->state == VCPU_PENDING) {
		v->state = VCPU_RUNNING;
		arch_vcpu_reset(v, v->entry, v->entry_arg);
	} else {
		arch_vcpu_load(v);
	}
	arch_vcpu_run(v);
}

/*
 * `v` goes on top of this CPU's stack, above the loaded vCPU (saved whole,
 * if there is one), and becomes the loaded one; the caller enters it.
 */
void vmstack_push(struct vcpu *v)
{
	struct cpu *c = this_cpu();

	BUG_ON(c->depth == ARRAY_SIZE(c->stack));
	if (c->loaded)
		arch_vcpu_save(c->loaded);
	c->stack[c->depth++] = v;
	v->wake = false;
	arch_parent_timer_arm();
	c->loaded = v;
}

/* The top vCPU leaves the stack (its state kept if `keep`); returns the one
 * below, not yet loaded, its registers untouched. */
struct vcpu *vmstack_pop(bool keep)
{
	struct cpu *c = this_cpu();
	struct vcpu *top = stack_top(c), *host;

	if (keep)
		arch_vcpu_save(top);
	else
		arch_vcpu_park(top);
	arch_parent_timer_disarm();
	c->depth--;
	host = stack_top(c);
	host->wake = false;
	c->loaded = NULL;
	return host;
}

/* Load `v`, now on top of this CPU's stack, and run it. */
noreturn void vmstack_resume(struct vcpu *v)
{
	struct cpu *c = this_cpu();

	c->loaded = v;
	arch_vcpu_load(v);
	if (c->depth > 1)
		arch_parent_timer_arm();
	arch_vcpu_run(v);
}

/*
 * The top vCPU gives the CPU back to the vCPU below it, which returns from
 * its invoke with (`end`, `value`). `keep` is false when the top vCPU's
 * state is worthless (its VM stopped, or the vCPU went off).
 */
noreturn void vmstack_return(enum tessera_invoke_end end, uint64_t value,
			     bool keep)
{
	struct cpu *c = this_cpu();
	struct vcpu *top = stack_top(c), *host;

	if (keep)
		arch_vcpu_save(top);
	else
		arch_vcpu_park(top);
	arch_parent_timer_disarm();
	for (;;) {
		c->depth--;
		host = stack_top(c);
		host->regs.x[0] = HS_OK;
		host->regs.x[1] = end;
		host->regs.x[2] = value;
		host->wake = false;
		/* An interrupt further down unwinds the host's invoke too. */
		if (!wake_below(c))
			break;
		end = HC_INVOKE_INTERRUPTED;
		value = 0;
	}
	c->loaded = host;
	arch_vcpu_load(host);
	if (c->depth > 1)
		arch_parent_timer_arm();
	arch_vcpu_run(host);
}

struct hc_result vmstack_yield(struct vcpu *caller, uint64_t value)
{
	if (!caller->host)
		return (struct hc_result){HS_DENIED, {0}};
	caller->regs.x[0] = HS_OK;
	vmstack_return(HC_INVOKE_YIELDED, value, true);
}

/* Called when this CPU got work: does a vCPU below the running one need it? */
void vmstack_preempt_check(void)
{
	struct cpu *c = this_cpu();

	if (tee_preempt_check())
		return; /* a TEE's entries end by themselves */
	if (c->loaded && c->depth > 1 && c->loaded == stack_top(c) &&
	    wake_below(c))
		vmstack_return(HC_INVOKE_INTERRUPTED, 0, true);
}

bool vmstack_preempt_possible(void)
{
	return this_cpu()->depth > 1;
}

void vmstack_destroy_children(const struct vm *vm)
{
	spin_lock(&vmstack_lock);
	for (unsigned i = vm_count; i < MAX_VMS; i++)
		if (vms[i].state != VM_FREE && vms[i].parent == vm)
			child_destroy(&vms[i]);
	spin_unlock(&vmstack_lock);
}
