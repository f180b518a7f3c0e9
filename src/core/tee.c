/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The per-VM TEE dispatcher (docs/tee.md), arch-neutral: what TF-A's OP-TEE
 * dispatcher does for the secure world of one machine, done for each pair of
 * a client VM and its TEE VM.
 *
 * A TEE VM has no CPU of its own. TEE vCPU i lives on client vCPU i's
 * physical CPU and runs only pushed on that CPU's VM-stack above the client
 * vCPU, for one *entry*: its cold boot before the client's first vCPU
 * starts, its CPU_ON entry before any other client vCPU first runs, a call
 * the client made in the trusted-OS ranges, a native interrupt of its own
 * that arrived while the client ran, or a CPU_OFF / SYSTEM_OFF /
 * SYSTEM_RESET of the client. It leaves with the return call matching that
 * entry, within TEE_ENTRY_BOUND_MS; anything else stops the TEE VM, and its
 * client's pending and later calls fail instead of hanging, until the
 * client restarts it from its image (HC_TEE_RESTART).
 *
 * Calls go in synchronously, as on TrustZone: the client vCPU stays in its
 * SMC until the TEE vCPU on the same CPU returns. A client interrupt that
 * arrives meanwhile is signalled to the TEE as a foreign interrupt during a
 * yielding call (OP-TEE then saves its thread and returns
 * RPC_FOREIGN_INTR); fast calls and the boot and power entries run with
 * interrupts masked and are short.
 */
#include "tee.h"

#include <tessera/hypercall.h>

#include "arch.h"
#include "vmdesc.h"
#include "vmstack.h"
#include "../lib/string.h"

/* OP-TEE's dispatcher protocol: the return calls (TEESMC_OPTEED_RV(n)). */
#define TEE_RETURN(n)	      (0xbe000000u | (n))
#define RET_ENTRY_DONE	      TEE_RETURN(0)
#define RET_ON_DONE	      TEE_RETURN(1)
#define RET_OFF_DONE	      TEE_RETURN(2)
#define RET_CALL_DONE	      TEE_RETURN(5)
#define RET_FIQ_DONE	      TEE_RETURN(6)
#define RET_SYSTEM_OFF_DONE   TEE_RETURN(7)
#define RET_SYSTEM_RESET_DONE TEE_RETURN(8)

#define SMCCC_FAST_CALL (1u << 31)
/* SMCCC NOT_SUPPORTED; as 32 bits also OP-TEE's UNKNOWN_FUNCTION, which its
 * drivers never take for an RPC request. */
#define CALL_FAILED ((uint64_t)-1)
/* How much of the vector table must lie in the TEE's memory. */
#define VECTORS_SIZE 0x24u
/*
 * The longest one entry may run, by the hypervisor's clock: more than ten
 * times the longest of Debian's OP-TEE's in arm-linux-optee (its cold boot
 * and its longest yielding call, about 0.4 s each under QEMU on a loaded
 * host; docs/tee.md). A TEE still inside an entry then is stopped.
 */
#define TEE_ENTRY_BOUND_MS 5000u

struct tee_cpu {
	enum tee_entry entry; /* what the TEE vCPU is running, if anything */
	bool on;	 /* booted (cold boot or CPU_ON), not switched off */
	bool native_irq; /* an interrupt of its own came meanwhile */
	/* The client's power event the TEE has been told of (or NONE). */
	enum tee_entry power_done, power_pending;
};

struct tee {
	struct vm *vm;	     /* the TEE VM */
	struct vm *client;   /* the VM it serves */
	uint64_t vectors;    /* guest-physical; 0 until ENTRY_DONE */
	bool bound;	     /* tee_init accepted the pair */
	uint32_t restarting; /* HC_TEE_RESTART at work (a word: RISC-V has no
				byte atomics) */
	struct tee_cpu cpu[MAX_VCPUS_PER_VM];
};

static struct tee tees[MAX_VMS];	/* by the TEE VM's id */
static struct tee *client_tee[MAX_VMS]; /* by the client VM's id */

struct vm *tee_client(const struct vm *tee)
{
	return tee_is_tee(tee) ? tees[tee->id].client : NULL;
}

static struct tee *tee_of(const struct vm *client)
{
	return client->id < MAX_VMS ? client_tee[client->id] : NULL;
}

static bool ready(const struct tee *t)
{
	return t->vm->state == VM_RUNNING && t->vectors;
}

/* ---- binding, at boot ---- */

static bool overlaps(ipa_t a, uint64_t a_size, ipa_t b, uint64_t b_size)
{
	return a < b + b_size && b < a + a_size;
}

static const char *bind(struct tee *t)
{
	struct vm *tee = t->vm, *client = t->client;

	if (tee->vcpu_count != client->vcpu_count)
		return "it needs one vCPU per vCPU of its client";
	for (unsigned i = 0; i < tee->vcpu_count; i++)
		if (tee->vcpus[i].pcpu != client->vcpus[i].pcpu)
			return "its vCPUs must be on its client's CPUs, in "
			       "order";
	if (arch_tee_image_prepare(tee))
		return "its image cannot run as a TEE";
	/*
	 * TrustZone's view of memory: the trusted OS reaches its own client's
	 * memory at the addresses the client uses (static and dynamic shared
	 * memory), never another VM's. The client keeps owning it. The
	 * validator made sure none of the TEE's own addresses is there.
	 */
	for (unsigned i = 0; i < client->region_count; i++) {
		const struct vm_region *r = &client->regions[i];

		if (vm_frames_map(tee, r->ipa, &r->frames,
				  r->flags & (VMDESC_MEM_R | VMDESC_MEM_W)))
			return "no memory for its stage-2 tables";
	}
	arch_tee_vm_init(tee, client);
	return NULL;
}

void tee_init(void)
{
	for (unsigned i = 0; i < vm_count; i++) {
		struct vm *tee = &vms[i], *client = NULL;
		struct tee *t = &tees[i];
		unsigned clients = 0;
		const char *why;

		if (!(tee->desc->flags & VMDESC_VM_TEE))
			continue;
		for (unsigned j = 0; j < vm_count; j++)
			if (vms[j].desc->tee == i) {
				client = &vms[j];
				clients++;
			}
		*t = (struct tee){.vm = tee, .client = client};
		tee->is_tee = true;
		if (clients != 1) {
			log_info("vm %u (%s) not started: a TEE VM serves "
				 "exactly one VM here, not %u",
				 i, tee->name, clients);
			vm_stop(tee, "no single client");
			continue;
		}
		client_tee[client->id] = t;
		why = bind(t);
		if (why) {
			log_info("vm %u (%s) not started as the TEE of vm %u "
				 "(%s): %s",
				 i, tee->name, client->id, client->name, why);
			vm_stop(tee, why);
			continue;
		}
		t->bound = true;
		log_info("vm %u (%s): TEE of vm %u (%s), %u vCPU(s) on its "
			 "vCPUs' CPUs",
			 i, tee->name, client->id, client->name,
			 tee->vcpu_count);
	}
}

/* ---- entering the TEE and coming back ---- */

/* The entry starting on this CPU must end within TEE_ENTRY_BOUND_MS. */
static void start_bound(void)
{
	this_cpu()->entry_bound_us =
	    arch_time_us() + TEE_ENTRY_BOUND_MS * 1000ull;
}

/*
 * Push TEE vCPU `tv` on this CPU above whatever is loaded (its client's
 * vCPU, or nothing while that one has yet to start) and enter it.
 */
static noreturn void enter(struct tee *t, struct vcpu *tv, enum tee_entry entry,
			   const uint64_t *args, unsigned nargs)
{
	struct vcpu *client = this_cpu()->loaded;
	bool fresh = entry == TEE_ENTRY_BOOT || entry == TEE_ENTRY_CPU_ON;
	uint64_t pc = entry == TEE_ENTRY_BOOT
			  ? t->vm->desc->entry
			  : t->vectors + arch_tee_vector(entry);

	start_bound();
	vmstack_push(tv); /* arms the bound */
	t->cpu[tv->id].entry = entry;
	tv->state = VCPU_RUNNING;
	if (fresh)
		arch_vcpu_reset(tv, pc, args[0]);
	else
		arch_vcpu_load(tv);
	arch_tee_entry(tv, pc, args, nargs, fresh);
	/*
	 * While the TEE runs a yielding call, the client's `wake` says it has
	 * an interrupt to take (tee_preempt_check). Set it afresh: an earlier
	 * one was for the client while it ran; an interrupt it would take
	 * right away makes the TEE yield at once.
	 */
	if (entry == TEE_ENTRY_YIELD && client) {
		client->wake = arch_vcpu_irq_deliverable(client);
		if (client->wake)
			arch_tee_foreign_irq(tv, true);
	}
	arch_vcpu_run(tv);
}

/* The TEE vCPU on top is done; its client vCPU below goes on, if it can. */
static noreturn void leave(struct tee *t, struct vcpu *tv, bool keep)
{
	struct vcpu *client;

	arch_tee_foreign_irq(tv, false);
	t->cpu[tv->id].entry = TEE_ENTRY_NONE;
	this_cpu()->entry_bound_us = 0;
	client = vmstack_pop(keep);
	if (!keep)
		arch_cpu_wake_all(); /* tee_client_reset may wait for it */
	/* Not started yet (a boot entry), or switched off meanwhile. */
	if (client->state != VCPU_RUNNING || client->vm->state != VM_RUNNING)
		arch_cpu_reschedule();
	vmstack_resume(client);
}

/* After a call or an interrupt entry: a native interrupt that came while
 * the TEE could not take it gets its entry now, before the client goes on. */
static noreturn void finish(struct tee *t, struct vcpu *tv)
{
	struct tee_cpu *tc = &t->cpu[tv->id];

	if (tc->native_irq) {
		uint64_t pc = arch_vcpu_pc(&t->client->vcpus[tv->id]);

		tc->native_irq = false;
		tc->entry = TEE_ENTRY_FIQ;
		start_bound();
		arch_parent_timer_arm();
		arch_tee_foreign_irq(tv, false);
		arch_tee_entry(tv, t->vectors + arch_tee_vector(TEE_ENTRY_FIQ),
			       &pc, 1, false);
		arch_vcpu_run(tv);
	}
	leave(t, tv, true);
}

static noreturn void protocol_error(struct vcpu *tv, uint64_t what,
				    const char *reason)
{
	vcpu_fault(tv, arch_vcpu_pc(tv), what, reason);
}

/* A return call of the TEE vCPU `tv`, which is on top of this CPU. */
static noreturn void tee_return(struct vcpu *tv, uint32_t fid)
{
	struct tee *t = &tees[tv->vm->id];
	struct tee_cpu *tc = &t->cpu[tv->id];
	struct vcpu *client = &t->client->vcpus[tv->id];
	const uint64_t *x = tv->regs.x;
	enum tee_entry expected;

	switch (fid) {
	case RET_ENTRY_DONE:
		expected = TEE_ENTRY_BOOT;
		break;
	case RET_ON_DONE:
		expected = TEE_ENTRY_CPU_ON;
		break;
	case RET_OFF_DONE:
		expected = TEE_ENTRY_CPU_OFF;
		break;
	case RET_CALL_DONE:
		expected = tc->entry == TEE_ENTRY_FAST ? TEE_ENTRY_FAST
						       : TEE_ENTRY_YIELD;
		break;
	case RET_FIQ_DONE:
		expected = TEE_ENTRY_FIQ;
		break;
	case RET_SYSTEM_OFF_DONE:
		expected = TEE_ENTRY_SYSTEM_OFF;
		break;
	case RET_SYSTEM_RESET_DONE:
		expected = TEE_ENTRY_SYSTEM_RESET;
		break;
	default:
		expected = TEE_ENTRY_NONE;
	}
	if (expected == TEE_ENTRY_NONE || tc->entry != expected)
		protocol_error(tv, fid,
			       "TEE protocol: not the return its entry "
			       "expects (function id in the address field)");
	switch (expected) {
	case TEE_ENTRY_BOOT:
		if (!x[1] || (x[1] & 3) || !vm_owns(t->vm, x[1], VECTORS_SIZE))
			protocol_error(tv, x[1],
				       "TEE initialisation failed: no vector "
				       "table in its memory (in the address "
				       "field)");
		t->vectors = x[1];
		tc->on = true;
		log_info("vm %u (%s): TEE ready for vm %u (%s), vector table "
			 "at 0x%llx",
			 t->vm->id, t->vm->name, t->client->id, t->client->name,
			 (unsigned long long)t->vectors);
		break;
	case TEE_ENTRY_CPU_ON:
	case TEE_ENTRY_CPU_OFF:
		if (x[1])
			protocol_error(tv, x[1],
				       "TEE power entry failed (its code in "
				       "the address field)");
		tc->on = expected == TEE_ENTRY_CPU_ON;
		tc->power_done = tc->power_pending;
		break;
	case TEE_ENTRY_SYSTEM_OFF:
	case TEE_ENTRY_SYSTEM_RESET:
		tc->power_done = tc->power_pending;
		break;
	case TEE_ENTRY_FAST:
	case TEE_ENTRY_YIELD:
		/* a0..a3 back; the client's other registers are its own. */
		for (unsigned i = 0; i < 4; i++)
			client->regs.x[i] = x[i + 1];
		finish(t, tv);
	default: /* TEE_ENTRY_FIQ */
		finish(t, tv);
	}
	leave(t, tv, true);
}

static void boot_entry(struct tee *t, struct vcpu *vcpu, bool repeat);

void tee_smc(struct vcpu *vcpu, uint32_t fid, bool smc)
{
	struct tee *t;
	uint64_t args[8];

	if (tee_is_tee(vcpu->vm))
		tee_return(vcpu, fid);
	t = tee_of(vcpu->vm);
	/* A restarted TEE boots at its client's first call. */
	if (t && smc)
		boot_entry(t, vcpu, true);
	/* No TEE, or (for now) the HVC conduit, which names a second one. */
	if (!t || !smc || !ready(t) || !t->cpu[vcpu->id].on) {
		vcpu->regs.x[0] = CALL_FAILED;
		return;
	}
	for (unsigned i = 0; i < 8; i++)
		args[i] = vcpu->regs.x[i];
	enter(t, &t->vm->vcpus[vcpu->id],
	      (fid & SMCCC_FAST_CALL) ? TEE_ENTRY_FAST : TEE_ENTRY_YIELD, args,
	      8);
}

/*
 * The client's device tree, for the TEE to read as OP-TEE reads the normal
 * world's on TrustZone (it learns the client's memory from it, which it
 * needs for dynamic shared memory, and adds its nodes if missing). OP-TEE
 * opens it in place to TEE_TREE_ROOM bytes (CFG_DTB_MAX_SIZE), so it gets
 * the tree only when that room is the client's memory and holds none of its
 * other images; otherwise 0, and it goes by its own tree.
 */
#define TEE_TREE_ROOM (1 * MiB)
#define FDT_MAGIC     0xd00dfeedu

static uint64_t client_tree(const struct tee *t)
{
	struct vm *client = t->client;
	const struct vmdesc_vm *d = client->desc;
	ipa_t tree = d->boot_arg;
	const uint8_t *p = vm_ipa_to_hva(client, tree, 4, false);

	if (!p || !vm_owns(client, tree, TEE_TREE_ROOM) ||
	    ((uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
	     p[3]) != FDT_MAGIC)
		return 0;
	for (unsigned i = 0; i < d->images.count; i++) {
		const struct vmdesc_image *img =
		    vmdesc_image(client->blob, d, i);

		if (img->ipa != tree &&
		    overlaps(img->ipa, img->size, tree, TEE_TREE_ROOM))
			return 0;
	}
	return tree;
}

/*
 * If the TEE vCPU of client vCPU `vcpu` has yet to boot (cold boot, or
 * CPU_ON once the TEE is up), enter that first; `repeat`: the client's call
 * runs again afterwards. Returns when there is nothing to boot here.
 */
static void boot_entry(struct tee *t, struct vcpu *vcpu, bool repeat)
{
	uint64_t args[4] = {0};

	if (t->vm->state != VM_RUNNING || t->cpu[vcpu->id].on)
		return;
	if (!t->vectors) {
		/*
		 * Cold boot, on the first client vCPU to get here, with the
		 * registers TF-A's dispatcher passes: x0 the (here
		 * meaningless) pageable part, x1 0, x2 the client's device
		 * tree, x3 0.
		 */
		for (unsigned i = 0; i < t->vm->vcpu_count; i++)
			if (t->cpu[i].entry == TEE_ENTRY_BOOT)
				return; /* booting elsewhere: this one goes
					   without */
		args[0] = t->vm->desc->boot_arg;
		args[2] = client_tree(t);
	}
	if (repeat)
		arch_vcpu_repeat_call(vcpu);
	enter(t, &t->vm->vcpus[vcpu->id],
	      t->vectors ? TEE_ENTRY_CPU_ON : TEE_ENTRY_BOOT, args, 4);
}

void tee_vcpu_start(struct vcpu *vcpu)
{
	struct tee *t = tee_of(vcpu->vm);

	if (t)
		boot_entry(t, vcpu, false);
}

bool tee_preempt_check(void)
{
	struct vcpu *v = this_cpu()->loaded;
	struct tee *t;

	if (!v)
		return false;
	if (tee_is_tee(v->vm)) {
		t = &tees[v->vm->id];
		if (arch_time_us() >= this_cpu()->entry_bound_us)
			vcpu_fault(v, arch_vcpu_pc(v), TEE_ENTRY_BOUND_MS,
				   "TEE entry did not end within its bound "
				   "(milliseconds in the address field)");
		/* Never unwound like a child: a client interrupt is the TEE's
		 * foreign interrupt, taken where its thread can yield. */
		if (t->cpu[v->id].entry == TEE_ENTRY_YIELD &&
		    __atomic_load_n(&t->client->vcpus[v->id].wake,
				    __ATOMIC_ACQUIRE))
			arch_tee_foreign_irq(v, true);
		arch_parent_timer_arm(); /* the bound, if the timer fired */
		return true;
	}
	t = tee_of(v->vm);
	if (t && t->cpu[v->id].native_irq && t->cpu[v->id].on && ready(t)) {
		uint64_t pc = arch_vcpu_pc(v);

		t->cpu[v->id].native_irq = false;
		enter(t, &t->vm->vcpus[v->id], TEE_ENTRY_FIQ, &pc, 1);
	}
	return false;
}

void tee_native_irq(struct vcpu *tee_vcpu)
{
	if (tee_is_tee(tee_vcpu->vm))
		tees[tee_vcpu->vm->id].cpu[tee_vcpu->id].native_irq = true;
}

noreturn void tee_vcpu_lost(struct vcpu *tee_vcpu)
{
	struct tee *t = &tees[tee_vcpu->vm->id];
	struct tee_cpu *tc = &t->cpu[tee_vcpu->id];

	switch (tc->entry) {
	case TEE_ENTRY_FAST:
	case TEE_ENTRY_YIELD:
		t->client->vcpus[tee_vcpu->id].regs.x[0] = CALL_FAILED;
		break;
	case TEE_ENTRY_CPU_OFF:
	case TEE_ENTRY_SYSTEM_OFF:
	case TEE_ENTRY_SYSTEM_RESET:
		tc->power_done = tc->power_pending;
		break;
	default:
		break;
	}
	tc->on = false;
	leave(t, tee_vcpu, false);
}

void tee_power_event(struct vcpu *vcpu, enum tee_entry event)
{
	struct tee *t = tee_of(vcpu->vm);
	struct tee_cpu *tc;
	uint64_t arg = 0;

	if (!t || !ready(t))
		return;
	tc = &t->cpu[vcpu->id];
	if (tc->power_done == event) {
		tc->power_done = TEE_ENTRY_NONE;
		return; /* told already: the call goes on */
	}
	if (!tc->on)
		return;
	/* The TEE first; then the client's call runs again and goes on. */
	tc->power_pending = event;
	tc->power_done = TEE_ENTRY_NONE;
	arch_vcpu_repeat_call(vcpu);
	enter(t, &t->vm->vcpus[vcpu->id], event, &arg, 1);
}

void tee_client_stopped(struct vm *vm)
{
	struct tee *t = tee_of(vm);

	if (!t || t->vm->state != VM_RUNNING)
		return;
	log_info("vm %u (%s) powered off with its client vm %u (%s)", t->vm->id,
		 t->vm->name, vm->id, vm->name);
	vm_stop(t->vm, "its client stopped");
}

static bool on_its_cpu(const struct vcpu *tv)
{
	const struct cpu *c = &cpus[tv->pcpu];
	unsigned depth = __atomic_load_n(&c->depth, __ATOMIC_ACQUIRE);

	for (unsigned k = 0; k < depth && k < ARRAY_SIZE(c->stack); k++)
		if (c->stack[k] == tv)
			return true;
	return __atomic_load_n(&c->loaded, __ATOMIC_ACQUIRE) == tv;
}

/*
 * The TEE as its image left it: no vCPU of it inside an entry or on any
 * CPU, its memory cleared, its image loaded and checked again, its cold
 * boot to come. 0, or -1 when the image is refused (with a log line).
 */
static int reload(struct tee *t)
{
	struct vm *tee = t->vm;

	t->vectors = 0; /* no new entries */
	for (unsigned i = 0; i < tee->vcpu_count; i++) {
		struct vcpu *tv = &tee->vcpus[i];

		tv->state = VCPU_OFF; /* one inside an entry leaves at once */
		if (tv->pcpu != arch_cpu_id())
			cpu_post_work(tv->pcpu, CPU_WORK_VCPU);
	}
	for (unsigned i = 0; i < tee->vcpu_count; i++)
		while (on_its_cpu(&tee->vcpus[i]))
			arch_cpu_relax();
	for (unsigned i = 0; i < MAX_VCPUS_PER_VM; i++)
		t->cpu[i] = (struct tee_cpu){0};
	/* Nothing of the old TEE's survives: memory cleared, image reloaded. */
	for (unsigned i = 0; i < tee->region_count; i++)
		vm_frames_clear(&tee->regions[i].frames);
	vm_images_load(tee);
	arch_tee_vm_init(tee, t->client);
	return arch_tee_image_prepare(tee);
}

void tee_client_reset(struct vm *vm)
{
	struct tee *t = tee_of(vm);

	if (!t || t->vm->state != VM_RUNNING)
		return;
	if (reload(t)) {
		vm_stop(t->vm, "its image cannot run as a TEE");
		return;
	}
	log_info("vm %u (%s): restarts with its client vm %u (%s)", t->vm->id,
		 t->vm->name, vm->id, vm->name);
}

struct hc_result tee_restart(struct vcpu *caller, uint64_t conduit)
{
	struct tee *t = tee_of(caller->vm);
	struct vm *tee;

	if (conduit != TEE_CONDUIT_SMC)
		return (struct hc_result){HS_INVALID, {0}};
	if (!t || !t->bound)
		return (struct hc_result){HS_NOT_FOUND, {0}};
	tee = t->vm;
	if (__atomic_load_n(&tee->state, __ATOMIC_ACQUIRE) == VM_RUNNING ||
	    __atomic_exchange_n(&t->restarting, 1u, __ATOMIC_ACQ_REL))
		return (struct hc_result){HS_BUSY, {0}};
	if (reload(t)) {
		__atomic_store_n(&t->restarting, 0u, __ATOMIC_RELEASE);
		return (struct hc_result){HS_DENIED, {0}};
	}
	log_info("vm %u (%s): restarted from its image by its client vm %u "
		 "(%s)",
		 tee->id, tee->name, caller->vm->id, caller->vm->name);
	__atomic_store_n(&tee->state, VM_RUNNING, __ATOMIC_RELEASE);
	__atomic_store_n(&t->restarting, 0u, __ATOMIC_RELEASE);
	return (struct hc_result){HS_OK, {0}};
}
