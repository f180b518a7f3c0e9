/* SPDX-License-Identifier: Apache-2.0 */
/* VMs, vCPUs and physical CPUs as the core sees them. */
#ifndef TESSERA_CORE_VM_H
#define TESSERA_CORE_VM_H

#include <arch/vcpu.h>
#include <tessera/vmdesc.h>

#include "arch.h"
#include "hyp.h"
#include "mem.h"
#include "mmio.h"
#include "vuart.h"

enum vcpu_state {
	VCPU_OFF,     /* not started, or CPU_OFF */
	VCPU_PENDING, /* started (boot, CPU_ON), waiting for its CPU to enter it
		       */
	VCPU_RUNNING,
};

/*
 * A vCPU is a whole machine state. `regs` must stay first: the exception
 * entry code saves the guest's registers through a pointer to the running
 * vCPU (SP_EL2 and TPIDR_EL2, or sscratch).
 */
struct vcpu {
	struct arch_regs regs;
	struct vm *vm;
	unsigned id;   /* index within its VM, as the guest numbers it */
	unsigned pcpu; /* the physical CPU it is pinned to */
	enum vcpu_state state;
	uint64_t entry; /* where a PENDING vCPU starts, and its argument */
	uint64_t entry_arg;
	/* A child's vCPU runs only when this parent vCPU invokes it. */
	struct vcpu *host;
	/* Set when an interrupt waits for this vCPU while a child runs above
	 * it. */
	bool wake;
	struct arch_vcpu arch;
};

enum vm_state {
	VM_RUNNING,
	VM_STOPPED, /* stopped for a fault, or powered off */
	VM_FREE,    /* an unused slot for a child VM */
};

/*
 * Guest-physical [ipa, ipa + size) maps page by page, in order, onto
 * `frames`: contiguous memory, or only pages of the VM's cache colors.
 */
struct vm_region {
	ipa_t ipa;
	struct frames frames;
	uint64_t size;
	uint32_t flags;
	ipa_t parent_ipa; /* a child's region: where the parent had it */
};

struct vm {
	unsigned id;
	char name[VMDESC_NAME_MAX];
	enum vm_state state;
	bool is_tee; /* bound to a client as its trusted OS (tee.c) */
	const struct vmdesc_header *blob; /* its description, kept for reset */
	const struct vmdesc_vm *desc;
	unsigned vcpu_count;
	struct vcpu vcpus[MAX_VCPUS_PER_VM];
	unsigned region_count;
	struct vm_region regions[VMDESC_MAX_REGIONS];
	struct mmio_map mmio;
	struct vuart uart;
	/* The VM-stack: a child is built from its parent's resources. */
	struct vm *parent;
	unsigned depth;	     /* 0 for a VM of the boot configuration */
	uint32_t generation; /* part of a child's id; changes at destroy */
	uint32_t
	    devices_given; /* parent's devices lent to children, a bit each */
	void *desc_pages;  /* a child's own copy of its description */
	uint32_t desc_size;
	uint8_t measurement[32];
	struct arch_vm arch;
};

/* Per physical CPU. `stack` is the VM-stack: the top vCPU runs. */
struct cpu {
	unsigned id;
	struct vcpu *loaded; /* whose state is in this CPU's registers */
	unsigned depth;
	struct vcpu *stack[4];
	/* The top vCPU's entry (a TEE's) must end by then, in arch_time_us()
	 * microseconds; 0: no bound. The hypervisor's timer watches it. */
	uint64_t entry_bound_us;
	uint32_t pending_work; /* CPU_WORK_* bits posted by other CPUs */
};

#define CPU_WORK_VCPU 1u /* re-evaluate the vCPU stack (start, stop) */
#define CPU_WORK_VGIC 2u /* virtual interrupts were queued for our vCPU */

extern struct cpu cpus[MAX_CPUS];
extern struct vm vms[MAX_VMS];
extern unsigned vm_count;

static inline struct cpu *this_cpu(void)
{
	return &cpus[arch_cpu_id()];
}

int vm_create(unsigned id, const struct vmdesc_header *blob,
	      const struct vmdesc_vm *desc);
void vm_print(const struct vm *vm);
/* One log line: the VM's frames, as HC_MEM_REPORT returns them. */
void vm_frames_log(const struct vm *vm, struct mem_summary s);
int vm_console_init(struct vm *vm);
/* Stop a VM for good: its vCPUs leave their CPUs, its interrupts are silenced.
 */
void vm_stop(struct vm *vm, const char *why);
void vm_power_off(struct vm *vm);
void vm_reset(struct vm *vm);
/* Copy the VM's images into its memory again, as at boot. */
void vm_images_load(struct vm *vm);
/* Stop the VM of `vcpu` for a guest fault, with one log line; does not return.
 */
noreturn void vcpu_fault(struct vcpu *vcpu, uint64_t pc, uint64_t addr,
			 const char *reason);

/*
 * Whether one more refused call of kind `what` from `vm` gets its log line:
 * the first few do, then one line says the rest will not, so a VM cannot
 * drown the others' output. `counts` is the caller's, one entry per VM.
 */
bool vm_refusal_loggable(const struct vm *vm, uint32_t counts[MAX_VMS],
			 const char *what);

struct vcpu *vm_vcpu(struct vm *vm, unsigned id);
/*
 * Translate a guest-physical range owned by the VM as RAM into a hypervisor
 * pointer; NULL unless every page is the VM's and the range is physically
 * contiguous (a colored VM's memory is, within a page at least).
 */
void *vm_ipa_to_hva(struct vm *vm, ipa_t ipa, uint64_t size, bool write);
/* The VM owns every page of [ipa, ipa + size) as RAM. */
bool vm_owns(struct vm *vm, ipa_t ipa, uint64_t size);
/* Copy out of the VM's memory, piece by piece; false if it does not own it. */
bool vm_copy_from(struct vm *vm, ipa_t ipa, void *dst, uint64_t n);
/* Hash [ipa, ipa + size) of the VM's memory; false if it does not own it. */
struct sha256;
bool vm_hash(struct vm *vm, ipa_t ipa, uint64_t size, struct sha256 *s);
/* The page of the VM's memory at `ipa` and the physical page under it. */
const struct vm_region *vm_region_at(const struct vm *vm, ipa_t ipa);
paddr_t vm_region_pa(const struct vm_region *r, ipa_t ipa);
/* Map a region's frames at guest-physical `ipa` in `vm`'s stage 2. */
int vm_frames_map(struct vm *vm, ipa_t ipa, const struct frames *f,
		  uint32_t flags);
/* Zero frames and write them back (what an earlier owner left is gone). */
void vm_frames_clear(const struct frames *f);

/* vCPU life */
int vcpu_start(struct vcpu *vcpu, uint64_t entry, uint64_t arg);
noreturn void vcpu_off(struct vcpu *vcpu);
struct vcpu *cpu_current_vcpu(void);
void cpu_post_work(unsigned cpu, uint32_t work);
noreturn void core_cpu_loop(void);
/* Act on work other CPUs posted for this one (called on the IPI). */
void cpu_handle_work(void);

#endif
