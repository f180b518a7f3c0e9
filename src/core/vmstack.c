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
	pv->view.colors = vmstack_colors(parent);
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

/*
 * The frames a child's region takes: from the parent's page at r->pa on,
 * the parent's pages of the child's colors (all of that parent region's
 * when the child has none), in order. NULL unless they all lie in that one
 * parent region (which it returns).
 */
static const struct vm_region *child_frames(struct vm *parent,
					    const struct vmdesc_region *r,
					    uint64_t colors, struct frames *f)
{
	const struct vm_region *pr = vm_region_at(parent, r->pa);
	uint64_t last;

	if (!pr)
		return NULL;
	colors = colors ? colors : pr->frames.colors;
	if (colors & ~pr->frames.colors)
		return NULL;
	*f = (struct frames){
	    mem_next_colored(&hyp_mem, vm_region_pa(pr, r->pa), colors), colors,
	    r->size >> PAGE_SHIFT};
	return frames_index(&hyp_mem, &pr->frames,
			    frames_pa(&hyp_mem, f, f->pages - 1), &last)
		   ? pr
		   : NULL;
}

/*
 * Where the parent has the child's guest-physical `ipa`, by the child's
 * description (its regions name parent addresses); 0 outside them.
 */
static ipa_t parent_ipa(const struct vmdesc_header *blob,
			const struct vmdesc_vm *d, ipa_t ipa)
{
	for (unsigned k = 0; k < d->regions.count; k++) {
		const struct vmdesc_region *r = vmdesc_region(blob, d, k);

		if (ipa >= r->ipa && ipa - r->ipa < r->size)
			return r->pa + (ipa - r->ipa);
	}
	return 0;
}

/*
 * Every page a child's region takes is still the parent's, and so is what
 * its in-place images are made from; counts the tables it may need (the
 * child's, and splits of the parent's blocks over the span it takes from).
 */
static int regions_check(struct vm *parent, const struct vmdesc_vm *d,
			 const struct vmdesc_header *blob, size_t *tables)
{
	paddr_t first[VMDESC_MAX_REGIONS], last[VMDESC_MAX_REGIONS];

	for (unsigned i = 0; i < d->regions.count; i++) {
		const struct vmdesc_region *r = vmdesc_region(blob, d, i);
		struct frames f;

		if (!child_frames(parent, r, d->colors, &f) ||
		    !mem_frames_owned(&hyp_mem, &f, OWNER_VM(parent->id)))
			return HS_DENIED;
		first[i] = f.base;
		last[i] = frames_pa(&hyp_mem, &f, f.pages - 1);
		/* Colored, a region reaches past its size in the parent. */
		for (unsigned k = 0; k < i; k++)
			if (first[i] <= last[k] && first[k] <= last[i])
				return HS_DENIED;
		*tables += 6 + (r->size + last[i] - first[i]) / (2 * MiB);
	}
	/* An image may run over several regions: page by page. */
	for (unsigned i = 0; i < d->images.count; i++) {
		const struct vmdesc_image *img = vmdesc_image(blob, d, i);

		for (ipa_t page = ALIGN_DOWN(img->ipa, PAGE_SIZE);
		     page < img->ipa + img->size; page += PAGE_SIZE)
			if (!vm_owns(parent, parent_ipa(blob, d, page),
				     PAGE_SIZE))
				return HS_DENIED;
	}
	return HS_OK;
}

static int create_check(struct vm *parent, const struct vmdesc_header *blob,
			uint32_t size, struct vmdesc_error *err)
{
	struct parent_view pv;
	const struct vmdesc_vm *d;
	size_t tables = 4;
	int ret;

	parent_view_build(parent, &pv);
	ret = vmdesc_validate(blob, size, platform_get_desc(), &pv.view, err);
	if (ret)
		return HS_BAD_DESC;
	d = vmdesc_vm(blob, 0);
	tables += 6 * d->devices.count;
	if (parent->depth >= VMSTACK_MAX_DEPTH)
		return HS_DENIED;
	/* Shared memory and doorbells are the boot configuration's only. */
	if (d->ipcs.count)
		return HS_NOT_SUPPORTED;
	/* A child's image is what the parent left in the memory it gives. */
	for (unsigned i = 0; i < d->images.count; i++)
		if (vmdesc_image(blob, d, i)->source != VMDESC_IMAGE_IN_PLACE)
			return HS_BAD_DESC;
	ret = regions_check(parent, d, blob, &tables);
	if (ret)
		return ret;
	if (hyp_mem.free_pages < tables + DESC_MAX_SIZE / PAGE_SIZE)
		return HS_NO_MEMORY;
	return HS_OK;
}

/* Where the parent has the physical page `pa` in its own memory. */
static ipa_t parent_ipa_of(const struct vm *parent, paddr_t pa)
{
	uint64_t index;

	for (unsigned i = 0; i < parent->region_count; i++) {
		const struct vm_region *r = &parent->regions[i];

		if (frames_index(&hyp_mem, &r->frames, pa, &index))
			return r->ipa + (index << PAGE_SHIFT);
	}
	BUG_ON(1); /* a child's pages all came from its parent's regions */
	return 0;
}

/*
 * Move a child's region between its parent's stage 2 and its own, owner
 * table first, then run by run: a physically contiguous run is contiguous
 * in both guest-physical spaces, since the child's colors are a subset of
 * the parent region's.
 */
static void region_move(struct vm *parent, struct vm *child,
			const struct vm_region *r, bool to_child)
{
	struct vm *from = to_child ? parent : child;
	struct vm *to = to_child ? child : parent;

	BUG_ON(pool_transfer_frames(&r->frames, OWNER_VM(from->id),
				    OWNER_VM(to->id)));
	for_each_run (&hyp_mem, &r->frames, run) {
		ipa_t in_child = r->ipa + (run.index << PAGE_SHIFT);
		ipa_t in_parent = parent_ipa_of(parent, run.pa);
		uint64_t size = run.pages << PAGE_SHIFT;

		BUG_ON(arch_stage2_unmap(from, to_child ? in_parent : in_child,
					 size));
		BUG_ON(arch_stage2_map(to, to_child ? in_child : in_parent,
				       run.pa, size,
				       to_child ? r->flags : VMDESC_MEM_RWX));
	}
}

static void regions_take(struct vm *child, struct vm *parent)
{
	const struct vmdesc_vm *d = child->desc;

	for (unsigned i = 0; i < d->regions.count; i++) {
		const struct vmdesc_region *r =
		    vmdesc_region(child->blob, d, i);
		struct vm_region *cr = &child->regions[i];

		*cr = (struct vm_region){
		    .ipa = r->ipa,
		    .size = r->size,
		    .flags = r->flags & VMDESC_MEM_RWX,
		    .parent_ipa = r->pa,
		};
		BUG_ON(!child_frames(parent, r, d->colors, &cr->frames));
		region_move(parent, child, cr, true);
	}
	child->region_count = d->regions.count;
}

/*
 * An in-place image is what the parent left at the same place of the memory
 * it gives. A child with fewer colors than that memory gets only some of
 * those pages, so the image is gathered into the child's own, last page
 * first: the child's page k sits on the parent's page j >= k of the range,
 * so it never overwrites a page still to be read.
 */
static void image_gather(struct vm *child, struct vm *parent,
			 const struct vmdesc_image *img)
{
	ipa_t first = ALIGN_DOWN(img->ipa, PAGE_SIZE);

	/* Region by region too: an image may run over several. */
	for (ipa_t ipa = ALIGN_UP(img->ipa + img->size, PAGE_SIZE);
	     ipa > first;) {
		const struct vm_region *cr = vm_region_at(child, ipa - 1);
		ipa_t from = cr->parent_ipa + (ipa - PAGE_SIZE - cr->ipa);
		paddr_t dst, src;

		ipa -= PAGE_SIZE;
		dst = vm_region_pa(cr, ipa);
		src = vm_region_pa(vm_region_at(parent, from), from);
		if (dst == src)
			continue;
		memcpy(hva(dst), hva(src), PAGE_SIZE);
		arch_cache_clean(hva(dst), PAGE_SIZE);
	}
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
		BUG_ON(!vm_hash(child, child->regions[i].ipa,
				child->regions[i].size, &s));
	sha256_final(&s, child->measurement);
}

static void *desc_keep(const void *blob, uint32_t size)
{
	paddr_t pa = pool_alloc(ALIGN_UP((uint64_t)size, PAGE_SIZE), PAGE_SIZE,
				OWNER_HYP);

	BUG_ON(!pa);
	memcpy(hva(pa), blob, size);
	return hva(pa);
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
	for (unsigned i = 0; i < child->desc->images.count; i++)
		image_gather(child, parent,
			     vmdesc_image(child->blob, child->desc, i));
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
	if (!vm_copy_from(parent, desc_ipa, desc_buf, size)) {
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
		vm_frames_clear(&r->frames);
		region_move(child->parent, child, r, false);
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
	pool_release(hva_pa(child->desc_pages),
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

/* The top vCPU's state goes to memory (or is dropped, unless `keep`). */
static inline void leave_top(struct cpu *c, bool keep)
{
	if (keep)
		arch_vcpu_save(stack_top(c));
	else
		arch_vcpu_park(stack_top(c));
	arch_parent_timer_disarm();
}

/* One vCPU off the stack: the one below is the top now. */
static inline struct vcpu *pop_one(struct cpu *c)
{
	struct vcpu *host;

	c->depth--;
	host = stack_top(c);
	host->wake = false;
	return host;
}

/* Load `v`, on top of this CPU's stack, and run it. */
static inline noreturn void enter_top(struct cpu *c, struct vcpu *v)
{
	c->loaded = v;
	arch_vcpu_load(v);
	if (c->depth > 1)
		arch_parent_timer_arm();
	arch_vcpu_run(v);
}

/* The top vCPU leaves the stack (its state kept if `keep`); returns the one
 * below, not yet loaded, its registers untouched. */
struct vcpu *vmstack_pop(bool keep)
{
	struct cpu *c = this_cpu();

	leave_top(c, keep);
	c->loaded = NULL;
	return pop_one(c);
}

/* Load `v`, now on top of this CPU's stack, and run it. */
noreturn void vmstack_resume(struct vcpu *v)
{
	enter_top(this_cpu(), v);
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
	struct vcpu *host;

	leave_top(c, keep);
	for (;;) {
		host = pop_one(c);
		host->regs.x[0] = HS_OK;
		host->regs.x[1] = end;
		host->regs.x[2] = value;
		/* An interrupt further down unwinds the host's invoke too. */
		if (!wake_below(c))
			break;
		end = HC_INVOKE_INTERRUPTED;
		value = 0;
	}
	enter_top(c, host);
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

uint64_t vmstack_colors(const struct vm *vm)
{
	if (vm->desc->colors || !vm->parent)
		return vm->desc->colors;
	return vmstack_colors(vm->parent);
}

void vmstack_destroy_children(const struct vm *vm)
{
	spin_lock(&vmstack_lock);
	for (unsigned i = vm_count; i < MAX_VMS; i++)
		if (vms[i].state != VM_FREE && vms[i].parent == vm)
			child_destroy(&vms[i]);
	spin_unlock(&vmstack_lock);
}
