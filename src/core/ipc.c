/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Shared memory and doorbells. Only the boot configuration has shared
 * regions: a run-time child is refused any link (vmstack.c), so every link
 * here belongs to a VM of the boot blob and names that blob's regions.
 */
#include "ipc.h"

#include <tessera/hypercall.h>

#include "arch.h"
#include "mem.h"
#include "vmdesc.h"
#include "../lib/string.h"

static struct frames shmem_frames[VMDESC_MAX_SHMEM];

/*
 * Pages of the region's colors, or contiguous memory, 2 MiB aligned when
 * the size allows so that stage 2 maps it with blocks.
 */
static int shmem_alloc(const struct vmdesc_shmem *s, struct frames *f)
{
	*f = (struct frames){s->pa,
			     s->colors ? s->colors : mem_all_colors(&hyp_mem),
			     s->size >> PAGE_SHIFT};
	if (s->pa)
		return pool_claim_frames(f, OWNER_SHARED);
	if (!s->colors && IS_ALIGNED(s->size, 2 * MiB) &&
	    !pool_alloc_frames(f, 2 * MiB, OWNER_SHARED))
		return 0;
	return pool_alloc_frames(f, PAGE_SIZE, OWNER_SHARED);
}

int ipc_init(const struct vmdesc_header *blob)
{
	for (uint32_t i = 0; i < blob->shmem.count; i++) {
		const struct vmdesc_shmem *s = vmdesc_shmem(blob, i);

		if (shmem_alloc(s, &shmem_frames[i])) {
			log_info("shared memory %u (%s): no physical memory "
				 "(%llu KiB)",
				 i, s->name, (unsigned long long)s->size / KiB);
			return -1;
		}
		/* No VM sees what an earlier owner left, caches on or off. */
		vm_frames_clear(&shmem_frames[i]);
		log_info("shared memory %u (%s): %llu KiB at 0x%llx, colors "
			 "0x%llx",
			 i, s->name, (unsigned long long)s->size / KiB,
			 (unsigned long long)shmem_frames[i].base,
			 (unsigned long long)s->colors);
	}
	return 0;
}

static const struct vmdesc_ipc *link_of(const struct vm *vm, uint32_t k)
{
	return vmdesc_ipc(vm->blob, vm->desc, k);
}

static uint64_t link_size(const struct vm *vm, const struct vmdesc_ipc *p)
{
	return vmdesc_shmem(vm->blob, p->shmem)->size;
}

int ipc_vm_map(struct vm *vm)
{
	for (uint32_t k = 0; k < vm->desc->ipcs.count; k++) {
		const struct vmdesc_ipc *p = link_of(vm, k);
		/* Shared memory is data: never executable. */
		uint32_t flags = (p->flags & VMDESC_IPC_RO)
				     ? VMDESC_MEM_R
				     : VMDESC_MEM_R | VMDESC_MEM_W;

		if (vm_frames_map(vm, p->ipa, &shmem_frames[p->shmem], flags))
			return -1;
		if (p->doorbell)
			arch_vm_add_virq(vm, p->doorbell);
	}
	return 0;
}

void ipc_vm_print(const struct vm *vm)
{
	for (uint32_t k = 0; k < vm->desc->ipcs.count; k++) {
		const struct vmdesc_ipc *p = link_of(vm, k);

		log_info("  link %u: shared memory %u (%s) at 0x%llx%s, "
			 "doorbell %u",
			 k, p->shmem, vmdesc_shmem(vm->blob, p->shmem)->name,
			 (unsigned long long)p->ipa,
			 p->flags & VMDESC_IPC_RO ? ", read-only" : "",
			 p->doorbell);
	}
}

const struct vmdesc_ipc *ipc_window_at(const struct vm *vm, ipa_t ipa)
{
	for (uint32_t k = 0; k < vm->desc->ipcs.count; k++) {
		const struct vmdesc_ipc *p = link_of(vm, k);

		if (ipa >= p->ipa && ipa - p->ipa < link_size(vm, p))
			return p;
	}
	return NULL;
}

/* The VM's link to shared region `shmem`, or NULL. */
static const struct vmdesc_ipc *link_to(const struct vm *vm, uint32_t shmem)
{
	for (uint32_t k = 0; k < vm->desc->ipcs.count; k++)
		if (link_of(vm, k)->shmem == shmem)
			return link_of(vm, k);
	return NULL;
}

/* Raise the peer's doorbell on region `shmem`; how many were (0 or 1). */
static uint64_t ring(struct vm *peer, uint32_t shmem)
{
	const struct vmdesc_ipc *link = link_to(peer, shmem);

	if (!link || !link->doorbell ||
	    __atomic_load_n(&peer->state, __ATOMIC_ACQUIRE) != VM_RUNNING)
		return 0;
	arch_vm_raise_virq(peer, link->doorbell);
	return 1;
}

static struct hc_result refuse(struct vm *vm, int64_t status, uint64_t link,
			       uint64_t target)
{
	static uint32_t logged[MAX_VMS];

	if (vm_refusal_loggable(vm, logged, "notifies"))
		log_info("vm %u (%s): notify refused: link %llu, target "
			 "%lld: %s",
			 vm->id, vm->name, (unsigned long long)link,
			 (long long)target,
			 status == HS_NOT_FOUND ? "no such link of this VM"
						: "not a peer on the link");
	return (struct hc_result){status, {0}};
}

struct hc_result ipc_notify(struct vcpu *caller, uint64_t link, uint64_t target)
{
	struct vm *vm = caller->vm;
	uint32_t shmem;

	if (link >= vm->desc->ipcs.count)
		return refuse(vm, HS_NOT_FOUND, link, target);
	shmem = link_of(vm, (uint32_t)link)->shmem;
	if (target == HC_IPC_PEERS) {
		uint64_t rung = 0;

		for (unsigned i = 0; i < vm_count; i++)
			rung += i != vm->id ? ring(&vms[i], shmem) : 0;
		return (struct hc_result){HS_OK, {rung}};
	}
	if (target >= vm_count || target == vm->id ||
	    !link_to(&vms[target], shmem))
		return refuse(vm, HS_DENIED, link, target);
	return (struct hc_result){HS_OK, {ring(&vms[target], shmem)}};
}
