/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The virtual GIC: distributor (and v3 redistributor) emulation, list
 * register management, and delivery of physical interrupts to the VM that
 * owns them. State lives in struct arch_vm / arch_vcpu; one lock per VM.
 */
#ifndef TESSERA_ARMV8_VGIC_H
#define TESSERA_ARMV8_VGIC_H

#include "../../core/vm.h"

int vgic_vm_init(struct vm *vm);
void vgic_vcpu_reset(struct vcpu *vcpu);
/* A physical interrupt owned by a VM arrived (already priority-dropped). */
void vgic_hw_irq(struct vcpu *target, uint32_t intid);
/* An interrupt waits for `vcpu` (not in a list register) that its virtual
 * distributor lets through. */
bool vgic_pending_deliverable(struct vcpu *vcpu);
/* Write pending virtual interrupts of the running vCPU into list registers. */
void vgic_flush(struct vcpu *vcpu);
void vgic_maintenance(struct vcpu *vcpu);
/* Empty the list registers when the vCPU leaves this CPU for good. */
void vgic_park(struct vcpu *vcpu);
/* A trapped ICC_SGI1R_EL1 write (GICv3). */
void vgic_sgi1r_write(struct vcpu *vcpu, uint64_t value);

#endif
