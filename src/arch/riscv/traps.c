/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Traps from guests (VS / VU-mode), classified once by scause and handed to
 * exactly one owner. Anything a guest does that has no owner stops that
 * guest's VM, never the hypervisor.
 */
#include "../../core/arch.h"
#include "../../core/ipc.h"
#include "../../core/vm.h"
#include "../../core/vmstack.h"
#include "csr.h"
#include "riscv.h"
#include "sbi.h"

#define OPCODE_LOAD  0x03u
#define OPCODE_STORE 0x23u

/* A decoded guest load or store. */
struct mem_insn {
	unsigned len;	/* 2 or 4 bytes */
	unsigned width; /* bytes accessed */
	unsigned reg;	/* rd of a load, rs2 of a store */
	bool store;
	bool sign; /* a load that sign-extends */
};

static bool decode_32(uint32_t insn, struct mem_insn *m)
{
	unsigned funct3 = (insn >> 12) & 7;

	m->len = 4;
	if ((insn & 0x7f) == OPCODE_LOAD && funct3 != 7) {
		/* LB LH LW LD LBU LHU LWU */
		m->width = 1u << (funct3 & 3);
		m->sign = !(funct3 & 4);
		m->reg = (insn >> 7) & 31;
		return true;
	}
	if ((insn & 0x7f) == OPCODE_STORE && funct3 < 4) {
		m->width = 1u << funct3;
		m->store = true;
		m->reg = (insn >> 20) & 31;
		return true;
	}
	return false;
}

/* C.LW / C.LD / C.SW / C.SD and their sp-relative forms. */
static bool decode_16(uint32_t insn, struct mem_insn *m)
{
	unsigned funct3 = (insn >> 13) & 7;
	unsigned quadrant = insn & 3;

	m->len = 2;
	if ((funct3 & 3) < 2 || (quadrant != 0 && quadrant != 2))
		return false;
	m->width = funct3 & 1 ? 8 : 4;
	m->store = funct3 & 4;
	m->sign = !m->store; /* C.LW and C.LD sign-extend */
	if (quadrant == 0)
		m->reg = 8 + ((insn >> 2) & 7); /* rd' / rs2' */
	else
		m->reg = m->store ? (insn >> 2) & 31 : (insn >> 7) & 31;
	return true;
}

/*
 * The trapped instruction: from htinst when the hart provides it (a
 * transformed instruction whose bit 1 tells its original length; bit 0 clear
 * means an implicit access of the guest's page-table walk, which is never
 * emulated), else read from guest memory as the guest fetched it.
 */
static bool fetch_decode(const struct vcpu *vcpu, uint64_t htinst,
			 struct mem_insn *m)
{
	uint64_t pc = vcpu->regs.sepc;
	struct guest_read lo, hi;

	*m = (struct mem_insn){0};
	if (htinst) {
		if (!(htinst & 1) || !decode_32((uint32_t)htinst | 3, m))
			return false;
		m->len = htinst & 2 ? 4 : 2;
		return true;
	}
	lo = guest_read_insn16(pc);
	if (lo.fault)
		return false;
	if ((lo.value & 3) != 3)
		return decode_16((uint32_t)lo.value, m);
	hi = guest_read_insn16(pc + 2);
	return !hi.fault && decode_32((uint32_t)(lo.value | hi.value << 16), m);
}

static uint64_t sign_extend(uint64_t v, unsigned width)
{
	unsigned bits = width * 8;
	uint64_t sign = 1ull << (bits - 1);

	if (bits == 64)
		return v;
	v &= (sign << 1) - 1;
	return (v ^ sign) - sign;
}

static const struct vm_region *region_at(const struct vm *vm, ipa_t ipa)
{
	for (unsigned i = 0; i < vm->region_count; i++)
		if (ipa >= vm->regions[i].ipa &&
		    ipa - vm->regions[i].ipa < vm->regions[i].size)
			return &vm->regions[i];
	return NULL;
}

static noreturn void outside(struct vcpu *vcpu, ipa_t gpa, uint64_t cause)
{
	/* Its memory: a region, or a shared-memory window. */
	bool mine = region_at(vcpu->vm, gpa) || ipc_window_at(vcpu->vm, gpa);
	const char *why = "access outside the VM's memory";

	if (cause == EXC_INST_GUEST_PAGE_FAULT)
		why = mine ? "instruction fetch from non-executable memory"
			   : "instruction fetch outside the VM's memory";
	else if (mine && cause == EXC_STORE_GUEST_PAGE_FAULT)
		why = "write to read-only memory";
	vcpu_fault(vcpu, vcpu->regs.sepc, gpa, why);
}

static void guest_page_fault(struct vcpu *vcpu, uint64_t cause)
{
	/* htval holds the guest-physical address >> 2; stval its low bits. */
	ipa_t gpa = csr_read(CSR_HTVAL) << 2 | (csr_read(CSR_STVAL) & 3);
	uint64_t htinst = csr_read(CSR_HTINST);
	const struct mmio_range *r = mmio_find(&vcpu->vm->mmio, gpa);
	uint64_t *x = vcpu->regs.x;
	struct mmio_access a;
	struct mem_insn m;
	uint64_t mask;

	if (!r || cause == EXC_INST_GUEST_PAGE_FAULT)
		outside(vcpu, gpa, cause);
	if (!fetch_decode(vcpu, htinst, &m) ||
	    m.store != (cause == EXC_STORE_GUEST_PAGE_FAULT))
		vcpu_fault(vcpu, vcpu->regs.sepc, gpa,
			   "device access with an instruction that cannot be "
			   "emulated");
	mask = m.width == 8 ? ~0ull : (1ull << (m.width * 8)) - 1;
	a = (struct mmio_access){
	    .offset = gpa - r->base,
	    .width = m.width,
	    .write = m.store,
	    .value = m.store && m.reg ? x[reg_slot(m.reg)] & mask : 0};
	if (!r->handler(vcpu, r->dev, &a))
		vcpu_fault(vcpu, vcpu->regs.sepc, gpa,
			   "bad emulated device access");
	if (!m.store && m.reg)
		x[reg_slot(m.reg)] =
		    m.sign ? sign_extend(a.value, m.width) : a.value & mask;
	vcpu->regs.sepc += m.len;
}

static void exception(struct vcpu *vcpu, uint64_t cause)
{
	uint64_t pc = vcpu->regs.sepc;

	switch (cause) {
	case EXC_ECALL_VS:
		vcpu->regs.sepc += 4;
		sbi_guest_call(vcpu);
		break;
	case EXC_INST_GUEST_PAGE_FAULT:
	case EXC_LOAD_GUEST_PAGE_FAULT:
	case EXC_STORE_GUEST_PAGE_FAULT:
		guest_page_fault(vcpu, cause);
		break;
	case EXC_VIRTUAL_INST:
		vcpu_fault(
		    vcpu, pc, csr_read(CSR_STVAL),
		    "virtual instruction (instruction bits in address field)");
	case EXC_ILLEGAL_INST:
		vcpu_fault(
		    vcpu, pc, csr_read(CSR_STVAL),
		    "illegal instruction (instruction bits in address field)");
	default:
		vcpu_fault(vcpu, pc, cause,
			   "unhandled trap (scause in address field)");
	}
}

/* From boot.S with the guest's registers saved; returns the vCPU to resume. */
struct vcpu *trap_guest(struct vcpu *vcpu)
{
	uint64_t cause = csr_read(CSR_SCAUSE);

	if (cause & CAUSE_INTERRUPT) {
		arch_irq_handle_pending();
		vmstack_preempt_check();
	} else {
		exception(vcpu, cause);
	}
	return vcpu;
}

noreturn void trap_hyp(uint64_t cause, uint64_t epc, uint64_t tval)
{
	panic("exception in the hypervisor: scause %llx sepc %llx stval %llx",
	      (unsigned long long)cause, (unsigned long long)epc,
	      (unsigned long long)tval);
}
