/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The Arm side of the TEE dispatcher (docs/tee.md): OP-TEE's vector table and
 * entry registers, foreign interrupts as a virtual FIQ, the interrupt
 * controller a secure world sees, and the secure timer the binary expects.
 *
 * Interrupts. This OP-TEE is built for GICv3 with native interrupts as IRQ
 * and foreign (non-secure) ones as FIQ. Its own interrupts, which it puts in
 * Group 1 Secure, reach it as virtual Group 1 interrupts (virtual IRQs it
 * acknowledges with ICC_IAR1_EL1); a client interrupt during a yielding call
 * is HCR_EL2.VF, a virtual FIQ that is never acknowledged, the way a
 * non-secure interrupt reaches S-EL1 on TrustZone.
 *
 * The secure timer. The binary programs CNTPS_CTL_EL1 / CNTPS_CVAL_EL1,
 * which are UNDEFINED at non-secure EL1 (taken by the VM's own vector, not
 * trappable to EL2). The loader accepts only images it knows, whose exact
 * instructions it rewrites one for one into the non-secure EL1 physical
 * timer's CNTP_CTL_EL0 / CNTP_CVAL_EL0 (the encodings differ in op1 only:
 * bit 18 of the instruction, same operand register). Those trap to EL2
 * (CNTHCTL_EL2.EL1PCEN is 0), where they program this CPU's EL1 physical
 * timer, which nobody else uses: guests use the virtual timer and TEE vCPU i
 * is the only TEE vCPU on its CPU. It keeps running while the TEE is stacked
 * away; when it fires, the TEE gets its PPI 29 (the secure timer's), at once
 * if it runs, else through its interrupt entry (TF-A's FIQ path).
 */
#include "tee_arm.h"

#include <tessera/trusted_os.h>

#include "../../core/tee.h"
#include "../../core/vmdesc.h"
#include "../../lib/sha256.h"
#include "../../lib/string.h"
#include "gic.h"
#include "sysreg.h"
#include "vgic.h"

#define HCR_VF		  (1ull << 6)
#define PSTATE_I	  (1ull << 7)
#define EL1_ELR_EL2	  24		/* where arch_vcpu_save keeps ELR_EL2 */
#define EL1_SPSR_EL2	  25		/* and SPSR_EL2 */
#define ICH_VMCR_VPMR_ALL (0xffu << 24) /* priority mask: let all through */
#define ICH_VMCR_VENG1	  (1u << 1)	/* virtual Group 1 enabled */
#define TEE_TIMER_PPI	  29u /* the secure timer, as the TEE knows it */
#define CNT_CTL_ENABLE	  1u
#define CNT_CTL_IMASK	  2u
#define CNT_CTL_ISTATUS	  4u

/* Trapped system register encodings (EC 0x18 ISS): CNTP_{TVAL,CTL,CVAL}. */
#define ISS_SYSREG_MASK 0x3ffc1eu
#define ISS_SYSREG(op0, op1, crn, crm, op2) \
	((op0) << 20 | (op2) << 17 | (op1) << 14 | (crn) << 10 | (crm) << 1)
#define ISS_CNTP_TVAL ISS_SYSREG(3u, 3u, 14u, 2u, 0u)
#define ISS_CNTP_CTL  ISS_SYSREG(3u, 3u, 14u, 2u, 1u)
#define ISS_CNTP_CVAL ISS_SYSREG(3u, 3u, 14u, 2u, 2u)

/* MSR CNTPS_CTL_EL1, Xt and MSR CNTPS_CVAL_EL1, Xt (Rt in bits 4:0). */
#define MSR_CNTPS_CTL  0xd51fe220u
#define MSR_CNTPS_CVAL 0xd51fe240u
#define CNTPS_TO_CNTP  (1u << 18) /* op1 7 -> 3 */
/* B <label>: the first word of a Tessera trusted OS's header. */
#define INSN_B_MASK 0xfc000000u
#define INSN_B	    0x14000000u

/* ---- the images this hypervisor can run as a TEE ---- */

struct known_tee {
	const char *name;
	uint64_t size;
	uint8_t sha256[32];
	unsigned sites; /* secure-timer instructions, by offset */
	uint32_t site[4];
};

static const struct known_tee known_tees[] = {
    {.name = "OP-TEE 4.5.0 (Debian optee-os 4.5.0-2, vexpress-qemu_armv8a, "
	     "tee-pager_v2.bin)",
     .size = 525224,
     .sha256 = {0xb9, 0xf0, 0x43, 0x13, 0x27, 0x3b, 0xf1, 0x19,
		0x46, 0xdc, 0xf1, 0xc0, 0x03, 0x1e, 0xd7, 0x40,
		0x7b, 0x1c, 0xf3, 0x24, 0x40, 0x5f, 0xcb, 0x18,
		0x19, 0x64, 0x19, 0x53, 0x9e, 0xa4, 0xb6, 0x0f},
     .sites = 3,
     .site = {0x3e74, 0x3e80, 0x3e88}},
};

static const struct vmdesc_image *entry_image(const struct vm *tee)
{
	for (unsigned i = 0; i < tee->desc->images.count; i++) {
		const struct vmdesc_image *img =
		    vmdesc_image(tee->blob, tee->desc, i);

		if (img->ipa == tee->desc->entry)
			return img;
	}
	return NULL;
}

/* A trusted OS written for Tessera says so in its header (trusted_os.h). */
/* The header (a page's worth at most: one frame, even colored) says so. */
static bool is_tessera_tos(struct vm *tee, const struct vmdesc_image *img)
{
	const uint8_t *image;
	uint32_t first;

	if (img->size < TESSERA_TOS_HEADER)
		return false;
	image = vm_ipa_to_hva(tee, img->ipa, TESSERA_TOS_HEADER, false);
	if (!image)
		return false;
	memcpy(&first, image, sizeof(first));
	return (first & INSN_B_MASK) == INSN_B &&
	       !memcmp(image + 4, TESSERA_TOS_MAGIC, TESSERA_TOS_MAGIC_SIZE);
}

static bool is_secure_timer_write(uint32_t insn)
{
	uint32_t op = insn & ~0x1fu;

	return op == MSR_CNTPS_CTL || op == MSR_CNTPS_CVAL;
}

int arch_tee_image_prepare(struct vm *tee)
{
	const struct vmdesc_image *img = entry_image(tee);
	uint8_t digest[32];
	struct sha256 s;

	if (gic_version != 3) {
		log_info("vm %u (%s): OP-TEE needs a GICv3", tee->id,
			 tee->name);
		return -1;
	}
	sha256_init(&s);
	if (!img || !vm_hash(tee, img->ipa, img->size, &s)) {
		log_info("vm %u (%s): no image at the entry point", tee->id,
			 tee->name);
		return -1;
	}
	if (is_tessera_tos(tee, img)) {
		log_info("vm %u (%s): a trusted OS for Tessera (its header), "
			 "run as it is",
			 tee->id, tee->name);
		return 0;
	}
	sha256_final(&s, digest);
	for (unsigned k = 0; k < ARRAY_SIZE(known_tees); k++) {
		const struct known_tee *kt = &known_tees[k];

		if (kt->size != img->size || memcmp(kt->sha256, digest, 32))
			continue;
		for (unsigned i = 0; i < kt->sites; i++) {
			uint32_t *insn = vm_ipa_to_hva(
			    tee, img->ipa + kt->site[i], sizeof(*insn), true);

			if (!insn || !is_secure_timer_write(*insn))
				return -1; /* cannot be: the digest matched */
			*insn &= ~CNTPS_TO_CNTP;
			arch_cache_clean(insn, sizeof(*insn));
		}
		log_info("vm %u (%s): %s; %u secure-timer instructions now use "
			 "the EL1 physical timer",
			 tee->id, tee->name, kt->name, kt->sites);
		return 0;
	}
	log_info("vm %u (%s): image of %llu bytes, SHA-256 "
		 "%02x%02x%02x%02x%02x%02x%02x%02x..., is no TEE image this "
		 "hypervisor knows",
		 tee->id, tee->name, (unsigned long long)img->size, digest[0],
		 digest[1], digest[2], digest[3], digest[4], digest[5],
		 digest[6], digest[7]);
	return -1;
}

/* ---- entries ---- */

/* Offsets in OP-TEE's vector table (TF-A's optee_vectors_t). */
uint64_t arch_tee_vector(enum tee_entry entry)
{
	switch (entry) {
	case TEE_ENTRY_YIELD:
		return 0x00;
	case TEE_ENTRY_FAST:
		return 0x04;
	case TEE_ENTRY_CPU_ON:
		return 0x08;
	case TEE_ENTRY_CPU_OFF:
		return 0x0c;
	/* 0x10 cpu_resume, 0x14 cpu_suspend: standby needs neither */
	case TEE_ENTRY_FIQ:
		return 0x18;
	case TEE_ENTRY_SYSTEM_OFF:
		return 0x1c;
	case TEE_ENTRY_SYSTEM_RESET:
		return 0x20;
	default:
		return 0;
	}
}

static void secure_timer_reset(const struct vcpu *tee_vcpu);

void arch_tee_entry(struct vcpu *tee_vcpu, uint64_t pc, const uint64_t *args,
		    unsigned nargs, bool fresh)
{
	for (unsigned i = 0; i < nargs && i < 8; i++)
		tee_vcpu->regs.x[i] = args[i];
	/* PSTATE stays what it was at the TEE's last return call (EL1, all
	 * masked); a fresh vCPU starts at EL1h, all masked. */
	sysreg_write(elr_el2, pc);
	/* What firmware sets up for a secure world: its priority mask open
	 * and its Group 1 enabled (it writes neither). */
	if (fresh) {
		sysreg_write(ICH_VMCR_EL2, ICH_VMCR_VPMR_ALL | ICH_VMCR_VENG1);
		secure_timer_reset(tee_vcpu);
	}
}

void arch_tee_foreign_irq(struct vcpu *tee_vcpu, bool on)
{
	uint64_t hcr = sysreg_read(hcr_el2);

	(void)tee_vcpu;
	sysreg_write(hcr_el2, on ? hcr | HCR_VF : hcr & ~HCR_VF);
	isb();
}

static bool loaded_here(const struct vcpu *vcpu)
{
	return cpus[arch_cpu_id()].loaded == vcpu;
}

bool arch_vcpu_irq_deliverable(struct vcpu *vcpu)
{
	const struct arch_context *c = &vcpu->arch.ctx;
	unsigned pending_bit = gic_version == 3 ? 62 : 28;

	if (c->el1[EL1_SPSR_EL2] & PSTATE_I)
		return false;
	for (unsigned n = 0; n < gic_lr_count; n++)
		if ((c->lr[n] >> pending_bit) & 1)
			return true;
	return vgic_pending_deliverable(vcpu);
}

uint64_t arch_vcpu_pc(const struct vcpu *vcpu)
{
	return loaded_here(vcpu) ? sysreg_read(elr_el2)
				 : vcpu->arch.ctx.el1[EL1_ELR_EL2];
}

void arch_vcpu_repeat_call(struct vcpu *vcpu)
{
	/* SMC (trapped, then skipped) and HVC both leave ELR past the call. */
	(void)vcpu;
	sysreg_write(elr_el2, sysreg_read(elr_el2) - 4);
}

/* ---- the interrupt controller a TEE sees ---- */

void arch_tee_vm_init(struct vm *tee, struct vm *client)
{
	spin_lock(&tee->arch.vgic_lock);
	/* Firmware enabled both groups for the secure world. */
	tee->arch.gicd_ctlr = 3;
	tee->arch.all_group1 = 1;
	/*
	 * The client's own interrupt lines exist for the TEE the way
	 * non-secure SPIs exist for a secure world: it may set them pending
	 * (OP-TEE's asynchronous notification), nothing else reaches them.
	 */
	for (unsigned i = 0; i < client->desc->irqs.count; i++) {
		uint32_t irq = vmdesc_irq(client->blob, client->desc, i)->id;
		struct virq *v = &tee->arch.spi[irq - VGIC_LOCAL_IRQS];

		if (irq >= VGIC_LOCAL_IRQS && irq < VGIC_MAX_IRQS && !v->exists)
			*v = (struct virq){.exists = 1, .client = 1};
	}
	spin_unlock(&tee->arch.vgic_lock);
}

void tee_arm_raise_client_line(struct vm *tee, uint32_t intid)
{
	struct vm *client = tee_client(tee);

	if (client && client->state == VM_RUNNING &&
	    arch_irq_owner(intid) == client)
		gic_irq_set_pending(intid);
}

/* ---- the secure timer ---- */

/* Per physical CPU: the TEE vCPU its EL1 physical timer serves, and the
 * control bits that vCPU last wrote (the hypervisor masks it when it fires
 * until the TEE programs it again). */
static struct vcpu *timer_owner[MAX_CPUS];
static uint32_t timer_ctl[MAX_CPUS];

bool tee_arm_timer_access(struct vcpu *vcpu, uint64_t esr)
{
	uint32_t iss = esr & ISS_SYSREG_MASK;
	unsigned cpu = arch_cpu_id(), rt = (esr >> 5) & 0x1f;
	bool read = esr & 1;
	uint64_t v = (read || rt == 31) ? 0 : vcpu->regs.x[rt];

	if ((iss != ISS_CNTP_CTL && iss != ISS_CNTP_CVAL &&
	     iss != ISS_CNTP_TVAL) ||
	    !tee_is_tee(vcpu->vm))
		return false;
	if (timer_owner[cpu] != vcpu) {
		timer_owner[cpu] = vcpu;
		gic_irq_enable(GIC_PTIMER_PPI, true);
	}
	if (read) {
		if (iss == ISS_CNTP_CTL)
			v = (sysreg_read(cntp_ctl_el0) & CNT_CTL_ISTATUS) |
			    timer_ctl[cpu];
		else if (iss == ISS_CNTP_CVAL)
			v = sysreg_read(cntp_cval_el0);
		else
			v = sysreg_read(cntp_tval_el0);
		if (rt != 31)
			vcpu->regs.x[rt] = v;
		return true;
	}
	if (iss == ISS_CNTP_CTL)
		timer_ctl[cpu] = (uint32_t)v & (CNT_CTL_ENABLE | CNT_CTL_IMASK);
	else if (iss == ISS_CNTP_CVAL)
		sysreg_write(cntp_cval_el0, v);
	else
		sysreg_write(cntp_tval_el0, v);
	/* Any programming re-arms it. */
	sysreg_write(cntp_ctl_el0, timer_ctl[cpu]);
	isb();
	return true;
}

/* A fresh TEE vCPU (a cold boot after a restart, CPU_ON after CPU_OFF)
 * starts with its secure timer off, as after a reset: nothing its previous
 * life programmed may fire into the new one. */
static void secure_timer_reset(const struct vcpu *tee_vcpu)
{
	unsigned cpu = arch_cpu_id();

	if (timer_owner[cpu] != tee_vcpu)
		return;
	timer_ctl[cpu] = 0;
	sysreg_write(cntp_ctl_el0, 0);
	isb();
}

void tee_arm_timer_irq(void)
{
	unsigned cpu = arch_cpu_id();
	struct vcpu *tv = timer_owner[cpu];

	/* Quiet until the TEE programs it again. */
	sysreg_write(cntp_ctl_el0, timer_ctl[cpu] | CNT_CTL_IMASK);
	isb();
	if (!tv || tv->vm->state != VM_RUNNING)
		return;
	vgic_hw_irq(tv, TEE_TIMER_PPI);
	tee_native_irq(tv);
}
