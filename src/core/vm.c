/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Building a VM from its (already validated) description, and the VM's life:
 * stop, power-off, reset. Every page, device and interrupt a VM gets is
 * recorded as its own in the ownership tables before it is mapped.
 */
#include "vm.h"

#include "arch.h"
#include "ipc.h"
#include "mem.h"
#include "tee.h"
#include "vmdesc.h"
#include "vmstack.h"
#include "../lib/sha256.h"
#include "../lib/string.h"

struct vm vms[MAX_VMS];
unsigned vm_count;

#define REFUSALS_LOGGED 8u /* per VM and kind, then one line saying so */

bool vm_refusal_loggable(const struct vm *vm, uint32_t counts[MAX_VMS],
			 const char *what)
{
	uint32_t n = __atomic_load_n(&counts[vm->id], __ATOMIC_RELAXED);

	if (n > REFUSALS_LOGGED)
		return false;
	n = __atomic_fetch_add(&counts[vm->id], 1, __ATOMIC_RELAXED);
	if (n == REFUSALS_LOGGED)
		log_info("vm %u (%s): further refused %s are not logged",
			 vm->id, vm->name, what);
	return n < REFUSALS_LOGGED;
}

struct vcpu *vm_vcpu(struct vm *vm, unsigned id)
{
	return id < vm->vcpu_count ? &vm->vcpus[id] : NULL;
}

const struct vm_region *vm_region_at(const struct vm *vm, ipa_t ipa)
{
	for (unsigned i = 0; i < vm->region_count; i++)
		if (ipa >= vm->regions[i].ipa &&
		    ipa - vm->regions[i].ipa < vm->regions[i].size)
			return &vm->regions[i];
	return NULL;
}

paddr_t vm_region_pa(const struct vm_region *r, ipa_t ipa)
{
	return frames_pa(&hyp_mem, &r->frames, (ipa - r->ipa) >> PAGE_SHIFT) +
	       (ipa & (PAGE_SIZE - 1));
}

void *vm_ipa_to_hva(struct vm *vm, ipa_t ipa, uint64_t size, bool write)
{
	const struct vm_region *r = vm_region_at(vm, ipa);
	uint64_t offset = ipa - (r ? r->ipa : 0);
	struct frame_run run;

	if (!r || size > r->size - offset)
		return NULL;
	if (write && !(r->flags & VMDESC_MEM_W))
		return NULL;
	run = frames_run(&hyp_mem, &r->frames, offset >> PAGE_SHIFT);
	if (offset + size > (run.index + run.pages) << PAGE_SHIFT)
		return NULL; /* not contiguous: a colored VM's next run */
	/* Pages lent to a child are no longer the VM's to touch. */
	for (uint64_t p = 0;
	     p < ALIGN_UP(size + (ipa & (PAGE_SIZE - 1)), PAGE_SIZE);
	     p += PAGE_SIZE)
		if (mem_owner(&hyp_mem, run.pa + p) != OWNER_VM(vm->id))
			return NULL;
	return hva(run.pa + (offset & (PAGE_SIZE - 1)));
}

/* At most a page of [ipa, ipa + n): how long, and where (NULL: not owned). */
static void *piece_of(struct vm *vm, ipa_t ipa, uint64_t n, uint64_t *len)
{
	*len = MIN(n, PAGE_SIZE - (ipa & (PAGE_SIZE - 1)));
	return vm_ipa_to_hva(vm, ipa, *len, false);
}

bool vm_owns(struct vm *vm, ipa_t ipa, uint64_t size)
{
	for (uint64_t len; size; ipa += len, size -= len)
		if (!piece_of(vm, ipa, size, &len))
			return false;
	return true;
}

bool vm_copy_from(struct vm *vm, ipa_t ipa, void *dst, uint64_t n)
{
	for (uint64_t len; n; ipa += len, n -= len) {
		const void *src = piece_of(vm, ipa, n, &len);

		if (!src)
			return false;
		memcpy(dst, src, len);
		dst = (char *)dst + len;
	}
	return true;
}

bool vm_hash(struct vm *vm, ipa_t ipa, uint64_t size, struct sha256 *s)
{
	for (uint64_t len; size; ipa += len, size -= len) {
		const void *p = piece_of(vm, ipa, size, &len);

		if (!p)
			return false;
		sha256_update(s, p, len);
	}
	return true;
}

/* Copy in an image (the VM may not write there itself), cleaned to memory. */
static void copy_to_vm(struct vm *vm, ipa_t ipa, const void *src, uint64_t n)
{
	for (uint64_t len; n; ipa += len, n -= len) {
		void *dst = piece_of(vm, ipa, n, &len);

		memcpy(dst, src, len);
		arch_cache_clean(dst, len);
		src = (const char *)src + len;
	}
}

int vm_frames_map(struct vm *vm, ipa_t ipa, const struct frames *f,
		  uint32_t flags)
{
	for_each_run (&hyp_mem, f, run)
		if (arch_stage2_map(vm, ipa + (run.index << PAGE_SHIFT), run.pa,
				    run.pages << PAGE_SHIFT, flags))
			return -1;
	return 0;
}

static void frames_zero(const struct frames *f, bool clean)
{
	for_each_run (&hyp_mem, f, run) {
		void *p = hva(run.pa);

		memset(p, 0, run.pages << PAGE_SHIFT);
		if (clean)
			arch_cache_clean(p, run.pages << PAGE_SHIFT);
	}
}

void vm_frames_clear(const struct frames *f)
{
	frames_zero(f, true);
}

/*
 * Physical memory for a region: pages of the VM's colors, or (no colors)
 * contiguous memory aligned like its IPA so blocks can map it; a colored
 * set refuses an alignment above a page, so it ends at the last try.
 */
static int region_alloc(struct vm *vm, const struct vmdesc_region *r,
			struct frames *f)
{
	static const uint64_t aligns[] = {1 * GiB, 2 * MiB, PAGE_SIZE};
	bool fixed = r->flags & VMDESC_MEM_FIXED_PA;

	*f = (struct frames){r->pa,
			     fixed || !vm->desc->colors
				 ? mem_all_colors(&hyp_mem)
				 : vm->desc->colors,
			     r->size >> PAGE_SHIFT};
	if (fixed)
		return pool_claim_frames(f, OWNER_VM(vm->id));
	for (unsigned i = 0; i < ARRAY_SIZE(aligns); i++) {
		if (!IS_ALIGNED(r->ipa, aligns[i]) ||
		    (r->size < aligns[i] && aligns[i] != PAGE_SIZE))
			continue;
		if (!pool_alloc_frames(f, aligns[i], OWNER_VM(vm->id)))
			return 0;
	}
	return -1;
}

static int memory_create(struct vm *vm)
{
	for (unsigned i = 0; i < vm->desc->regions.count; i++) {
		const struct vmdesc_region *r =
		    vmdesc_region(vm->blob, vm->desc, i);
		struct frames f;

		if (region_alloc(vm, r, &f)) {
			log_info("vm %s: no physical memory for region %u "
				 "(%llu KiB)",
				 vm->name, i,
				 (unsigned long long)r->size / KiB);
			return -1;
		}
		vm->regions[i] = (struct vm_region){.ipa = r->ipa,
						    .frames = f,
						    .size = r->size,
						    .flags = r->flags};
		vm->region_count = i + 1;
		/* A VM never sees what an earlier owner left in its pages. */
		frames_zero(&f, false);
		if (vm_frames_map(vm, r->ipa, &f, r->flags))
			return -1;
	}
	return 0;
}

static int devices_create(struct vm *vm)
{
	for (unsigned i = 0; i < vm->desc->devices.count; i++) {
		const struct vmdesc_device *d =
		    vmdesc_device(vm->blob, vm->desc, i);

		if (arch_stage2_map(vm, d->ipa, d->pa, d->size,
				    STAGE2_DEVICE | VMDESC_MEM_R |
					VMDESC_MEM_W))
			return -1;
	}
	for (unsigned i = 0; i < vm->desc->irqs.count; i++)
		arch_irq_assign(vm, vmdesc_irq(vm->blob, vm->desc, i)->id);
	return 0;
}

void vm_images_load(struct vm *vm)
{
	for (unsigned i = 0; i < vm->desc->images.count; i++) {
		const struct vmdesc_image *img =
		    vmdesc_image(vm->blob, vm->desc, i);
		const void *src = vmdesc_image_data(vm->blob, img);

		if (src) /* else in place: already in the VM's memory */
			copy_to_vm(vm, img->ipa, src, img->size);
	}
}

static void vcpus_create(struct vm *vm)
{
	uint64_t affinity = vm->desc->cpu_affinity;

	vm->vcpu_count = vm->desc->vcpus;
	for (unsigned i = 0; i < vm->vcpu_count; i++) {
		struct vcpu *v = &vm->vcpus[i];
		unsigned pcpu = (unsigned)__builtin_ctzll(affinity);

		affinity &= affinity - 1;
		*v = (struct vcpu){
		    .vm = vm, .id = i, .pcpu = pcpu, .state = VCPU_OFF};
		arch_vcpu_init(v);
		/* A TEE's vCPUs are pushed only for its entries (tee.c). */
		if (!(vm->desc->flags & VMDESC_VM_TEE))
			cpus[pcpu].stack[cpus[pcpu].depth++] = v;
	}
}

static mmio_handler_t console_handler(uint32_t type)
{
	return type == VMDESC_CONSOLE_NS16550 ? vuart_ns16550_access
					      : vuart_pl011_access;
}

int vm_create(unsigned id, const struct vmdesc_header *blob,
	      const struct vmdesc_vm *desc)
{
	struct vm *vm = &vms[id];

	*vm = (struct vm){.id = id, .blob = blob, .desc = desc};
	memcpy(vm->name, desc->name, sizeof(vm->name));
	vcpus_create(vm);
	if (arch_vm_init(vm) || memory_create(vm) || devices_create(vm) ||
	    ipc_vm_map(vm) || vm_console_init(vm))
		return -1;
	vm_images_load(vm);
	vm->vcpus[0].state = VCPU_OFF;
	if (desc->flags & VMDESC_VM_TEE)
		return 0; /* started by its dispatcher, under its client */
	return vcpu_start(&vm->vcpus[0], desc->entry, desc->boot_arg);
}

int vm_console_init(struct vm *vm)
{
	const struct vmdesc_vm *desc = vm->desc;

	if (!desc->console)
		return 0;
	vuart_init(&vm->uart, vm, desc->console_irq);
	return mmio_register(&vm->mmio, desc->console_ipa, PAGE_SIZE,
			     console_handler(desc->console), &vm->uart);
}

void vm_print(const struct vm *vm)
{
	log_info("vm %u (%s): %u vCPU(s) on CPUs mask 0x%llx, entry 0x%llx",
		 vm->id, vm->name, vm->vcpu_count,
		 (unsigned long long)vm->desc->cpu_affinity,
		 (unsigned long long)vm->desc->entry);
	for (unsigned i = 0; i < vm->region_count; i++) {
		const struct vm_region *r = &vm->regions[i];

		log_info("  memory 0x%llx-0x%llx -> 0x%llx (%llu MiB), colors "
			 "0x%llx",
			 (unsigned long long)r->ipa,
			 (unsigned long long)(r->ipa + r->size - 1),
			 (unsigned long long)r->frames.base,
			 (unsigned long long)(r->size / MiB),
			 (unsigned long long)r->frames.colors);
	}
	for (unsigned i = 0; i < vm->desc->devices.count; i++) {
		const struct vmdesc_device *d =
		    vmdesc_device(vm->blob, vm->desc, i);

		log_info("  device 0x%llx-0x%llx", (unsigned long long)d->pa,
			 (unsigned long long)(d->pa + d->size - 1));
	}
	for (unsigned i = 0; i < vm->desc->irqs.count; i++)
		log_info("  interrupt %u",
			 vmdesc_irq(vm->blob, vm->desc, i)->id);
	if (vm->desc->console)
		log_info("  console at 0x%llx, interrupt %u",
			 (unsigned long long)vm->desc->console_ipa,
			 vm->desc->console_irq);
	ipc_vm_print(vm);
	/* What coloring did, checkable from the log (a walk of the table). */
	if (vm->desc->colors)
		vm_frames_log(vm, mem_summarize(&hyp_mem, OWNER_VM(vm->id)));
}

void vm_frames_log(const struct vm *vm, struct mem_summary s)
{
	log_info("vm %u (%s): %llu frames, colors 0x%llx, %llu runs", vm->id,
		 vm->name, (unsigned long long)s.pages,
		 (unsigned long long)s.colors, (unsigned long long)s.runs);
}

static unsigned running_vms(void)
{
	unsigned n = 0;

	for (unsigned i = 0; i < MAX_VMS; i++)
		n += vms[i].state == VM_RUNNING;
	return n;
}

void vm_stop(struct vm *vm, const char *why)
{
	(void)why;
	if (__atomic_exchange_n(&vm->state, VM_STOPPED, __ATOMIC_ACQ_REL) ==
	    VM_STOPPED)
		return;
	for (unsigned i = 0; i < vm->desc->irqs.count; i++) {
		uint32_t irq = vmdesc_irq(vm->blob, vm->desc, i)->id;

		if (arch_irq_owner(irq) == vm)
			arch_irq_release(irq);
	}
	/* A VM's children live on its resources: they stop with it. */
	for (unsigned i = vm_count; i < MAX_VMS; i++)
		if (vms[i].parent == vm && vms[i].state == VM_RUNNING)
			vm_stop(&vms[i], why);
	for (unsigned i = 0; i < vm->vcpu_count; i++)
		if (vm->vcpus[i].pcpu != arch_cpu_id())
			cpu_post_work(vm->vcpus[i].pcpu, CPU_WORK_VCPU);
	tee_client_stopped(vm);
	console_vm_stopped(vm);
	if (!running_vms()) {
		log_info("all VMs are off: powering off");
		arch_system_off();
	}
}

void vm_power_off(struct vm *vm)
{
	log_info("vm %u (%s) powered off", vm->id, vm->name);
	vm_stop(vm, "powered off");
}

void vm_reset(struct vm *vm)
{
	struct vcpu *self = cpu_current_vcpu();

	log_info("vm %u (%s) reset", vm->id, vm->name);
	for (unsigned i = 0; i < vm->vcpu_count; i++) {
		struct vcpu *v = &vm->vcpus[i];

		if (v != self && v->state != VCPU_OFF) {
			v->state = VCPU_OFF;
			cpu_post_work(v->pcpu, CPU_WORK_VCPU);
		}
	}
	for (unsigned i = 0; i < vm->vcpu_count; i++)
		while (cpus[vm->vcpus[i].pcpu].loaded == &vm->vcpus[i] &&
		       &vm->vcpus[i] != self)
			arch_cpu_relax();
	arch_vcpu_park(self);
	this_cpu()->loaded = NULL;
	self->state = VCPU_OFF;
	vmstack_destroy_children(vm);
	tee_client_reset(vm); /* its TEE starts afresh too */
	if (vm->desc->console)
		vuart_reset(&vm->uart);
	vm_images_load(vm);
	vcpu_start(&vm->vcpus[0], vm->desc->entry, vm->desc->boot_arg);
}
