/* SPDX-License-Identifier: Apache-2.0 */
/*
 * G-stage translation, vCPU entry and exit, and interrupt dispatch on a
 * physical CPU.
 */
#include <stddef.h>

#include "../../core/arch.h"
#include "../../core/mem.h"
#include "../../core/platform.h"
#include "../../lib/string.h"
#include "csr.h"
#include "plic.h"
#include "pt.h"
#include "riscv.h"
#include "sbi.h"
#include "vplic.h"

#define S2_ROOT_SIZE (16 * KiB)

_Static_assert(offsetof(struct vcpu, regs) == 0,
	       "boot.S saves through sscratch");
_Static_assert(offsetof(struct arch_regs, sepc) == 256, "boot.S REGS_SEPC");
_Static_assert(offsetof(struct arch_regs, hyp_sp) == 280, "boot.S REGS_HYP_SP");

static uint64_t vmid_mask;

/* How many VMID bits hgatp keeps (WARL): write all ones, read back. */
static uint64_t vmid_probe(uint64_t root_ppn)
{
	uint64_t mask;

	csr_write(CSR_HGATP, HGATP_MODE_SV39X4 |
				 HGATP_VMID_MASK << HGATP_VMID_SHIFT |
				 root_ppn);
	mask = csr_read(CSR_HGATP) >> HGATP_VMID_SHIFT & HGATP_VMID_MASK;
	csr_write(CSR_HGATP, 0);
	return mask;
}

/* The Sv39x4 root is four pages, aligned to 16 KiB. */
int arch_vm_init(struct vm *vm)
{
	paddr_t root = pool_alloc(S2_ROOT_SIZE, S2_ROOT_SIZE, OWNER_HYP);

	if (!root)
		return -1;
	memset(hva(root), 0, S2_ROOT_SIZE);
	vm->arch.s2_root = hva(root);
	if (!vmid_mask)
		vmid_mask = vmid_probe(root >> 12);
	/* Without VMIDs (mask 0) every entry flushes, so sharing 0 is safe. */
	vm->arch.vmid = (uint16_t)((vm->id + 1) & vmid_mask);
	vm->arch.live = false;
	return vplic_vm_init(vm);
}

/*
 * A VM that has run may have its translations, valid or not, cached on any
 * hart; RISC-V has no broadcast invalidation, so the firmware fences all
 * harts for us (SBI RFENCE remote HFENCE.GVMA).
 */
static void gstage_flush(const struct vm *vm)
{
	struct sbiret r;

	if (!vm->arch.live)
		return;
	if (vmid_mask)
		r = sbi_ecall5(SBI_EXT_RFENCE, SBI_RFENCE_HFENCE_GVMA_VMID, 0,
			       ~0ull, 0, ~0ull, vm->arch.vmid);
	else
		r = sbi_ecall5(SBI_EXT_RFENCE, SBI_RFENCE_HFENCE_GVMA, 0, ~0ull,
			       0, ~0ull, 0);
	if (r.error)
		panic("firmware cannot fence G-stage translations (%lld)",
		      (long long)r.error);
}

/* G-stage leaves are user pages; A and D set, so no A/D-update faults. */
int arch_stage2_map(struct vm *vm, ipa_t ipa, paddr_t pa, uint64_t size,
		    uint32_t flags)
{
	uint64_t leaf = PTE_U | PTE_A | PTE_D;
	int ret;

	if ((flags & VMDESC_MEM_W) && !(flags & VMDESC_MEM_R))
		return -1; /* W without R is a reserved encoding */
	if (flags & VMDESC_MEM_R)
		leaf |= PTE_R;
	if (flags & VMDESC_MEM_W)
		leaf |= PTE_W;
	if ((flags & VMDESC_MEM_X) && !(flags & STAGE2_DEVICE))
		leaf |= PTE_X;
	ret = pt_map(vm->arch.s2_root, PT_ROOT_BITS_SV39X4, ipa, pa, size, leaf,
		     page_alloc_zeroed);
	gstage_flush(vm);
	return ret;
}

int arch_stage2_unmap(struct vm *vm, ipa_t ipa, uint64_t size)
{
	int ret = pt_unmap(vm->arch.s2_root, PT_ROOT_BITS_SV39X4, ipa, size,
			   page_alloc_zeroed);

	gstage_flush(vm);
	return ret;
}

static void table_free(void *table)
{
	page_release(table);
}

void arch_vm_destroy(struct vm *vm)
{
	pt_destroy(vm->arch.s2_root, PT_ROOT_BITS_SV39X4, table_free);
	gstage_flush(vm);
	BUG_ON(pool_release(hva_pa(vm->arch.s2_root), S2_ROOT_SIZE, OWNER_HYP));
	vm->arch.s2_root = NULL;
	vm->arch.live = false;
	vplic_vm_destroy(vm);
}

void arch_vcpu_init(struct vcpu *vcpu)
{
	(void)vcpu;
}

/* VS-mode state as after a reset: translation off, interrupts off. */
static void vs_state_reset(struct vcpu *vcpu)
{
	csr_write(CSR_VSSTATUS, SSTATUS_UXL_64);
	csr_write(CSR_HIE, 0); /* the guest's sie */
	csr_write(CSR_HVIP, 0);
	csr_write(CSR_VSTVEC, 0);
	csr_write(CSR_VSSCRATCH, 0);
	csr_write(CSR_VSEPC, 0);
	csr_write(CSR_VSCAUSE, 0);
	csr_write(CSR_VSTVAL, 0);
	csr_write(CSR_VSATP, 0);
	csr_write(CSR_HTIMEDELTA, 0);
	vtimer_reset(vcpu);
	vcpu_fp_reset(vcpu);
}

/* Entered like an SBI hart_start: a0 = hart id (the vCPU's), a1 = arg. */
void arch_vcpu_reset(struct vcpu *vcpu, uint64_t entry, uint64_t arg)
{
	struct arch_regs *r = &vcpu->regs;

	memset(r->x, 0, sizeof(r->x));
	r->x[REG_A0] = vcpu->id;
	r->x[REG_A0 + 1] = arg;
	r->sepc = entry;
	r->sstatus = (csr_read(CSR_SSTATUS) | SSTATUS_SPP) &
		     ~(SSTATUS_SPIE | SSTATUS_SIE);
	/* Keep the read-only VSXL; SPV / SPVP: sret enters VS-mode. */
	r->hstatus =
	    (csr_read(CSR_HSTATUS) & (3ull << 32)) | HSTATUS_SPV | HSTATUS_SPVP;
	vs_state_reset(vcpu);
	__atomic_store_n(&vcpu->arch.ssip, 0, __ATOMIC_RELAXED);
	vplic_vcpu_reset(vcpu);
}

noreturn void arch_vcpu_run(struct vcpu *vcpu)
{
	struct vm *vm = vcpu->vm;
	uint32_t fences =
	    __atomic_load_n(&vcpu->arch.fence_req, __ATOMIC_ACQUIRE);

	vm->arch.live = true;
	csr_write(CSR_HGATP, HGATP_MODE_SV39X4 |
				 (uint64_t)vm->arch.vmid << HGATP_VMID_SHIFT |
				 hva_pa(vm->arch.s2_root) >> 12);
	/* Whatever this hart cached before (another VM, an older image) goes.
	 */
	hfence_gvma_all();
	hfence_vvma_all();
	fence_i();
	__atomic_store_n(&vcpu->arch.fence_done, fences, __ATOMIC_RELEASE);
	vcpu->regs.hyp_sp = cpu_stack_top();
	vtimer_load();
	arch_vcpu_sync_irqs(vcpu);
	vcpu_enter_fresh(vcpu);
}

void arch_vcpu_park(struct vcpu *vcpu)
{
	/* A parked vCPU's timer and interrupts must not reach the next one. */
	csr_write(CSR_HVIP, 0);
	csr_write(CSR_HIE, 0);
	vtimer_reset(vcpu);
	csr_write(CSR_HGATP, 0);
}

/* On the vCPU's own CPU: apply what other CPUs asked for. */
void arch_vcpu_sync_irqs(struct vcpu *vcpu)
{
	uint32_t req = __atomic_load_n(&vcpu->arch.fence_req, __ATOMIC_ACQUIRE);

	if (__atomic_exchange_n(&vcpu->arch.ssip, 0, __ATOMIC_ACQ_REL))
		csr_set(CSR_HVIP, IRQ_BIT(IRQ_VS_SOFT));
	if (__atomic_load_n(&vcpu->arch.seip, __ATOMIC_ACQUIRE))
		csr_set(CSR_HVIP, IRQ_BIT(IRQ_VS_EXT));
	else
		csr_clear(CSR_HVIP, IRQ_BIT(IRQ_VS_EXT));
	if (req != __atomic_load_n(&vcpu->arch.fence_done, __ATOMIC_RELAXED)) {
		fence_i();
		hfence_vvma_all();
		__atomic_store_n(&vcpu->arch.fence_done, req, __ATOMIC_RELEASE);
	}
}

/*
 * Get the vCPU's interrupt lines applied now or soon. One that is not loaded
 * may sit under a child it invoked: `wake` makes its CPU return to it at
 * once, so a child cannot delay its parent's interrupts.
 */
void vcpu_kick(struct vcpu *vcpu)
{
	if (vcpu_is_loaded(vcpu)) {
		arch_vcpu_sync_irqs(vcpu);
		return;
	}
	if (__atomic_load_n(&vcpu->state, __ATOMIC_ACQUIRE) == VCPU_OFF)
		return;
	__atomic_store_n(&vcpu->wake, true, __ATOMIC_RELEASE);
	cpu_post_work(vcpu->pcpu, CPU_WORK_VGIC);
}

static void console_rx(void)
{
	int c;

	while ((c = platform_console_getc()) >= 0)
		console_input((uint8_t)c);
}

/* Claim everything pending on this hart's context; one owner each. */
static void external_irqs(void)
{
	unsigned ctx = plic_context(cpu_hart[arch_cpu_id()]);
	uint32_t src;

	while ((src = plic_claim(ctx)) != 0) {
		if (src == platform_console_irq()) {
			console_rx();
			plic_complete(ctx, src);
		} else if (!vplic_hw_irq(src)) {
			plic_enable(ctx, src, false); /* nobody's: silence it */
			plic_complete(ctx, src);
		}
	}
}

void arch_irq_handle_pending(void)
{
	uint64_t sip = csr_read(CSR_SIP);

	if (sip & IRQ_BIT(IRQ_S_EXT))
		external_irqs();
	if (sip & IRQ_BIT(IRQ_S_TIMER))
		vtimer_expired();
	/* Last: handling the work may leave this call chain for good. */
	if (sip & IRQ_BIT(IRQ_S_SOFT)) {
		csr_clear(CSR_SIP, IRQ_BIT(IRQ_S_SOFT));
		cpu_handle_work();
	}
}
