/* SPDX-License-Identifier: Apache-2.0 */
/* What the rest of the Arm layer calls in the TEE support (tee_arm.c). */
#ifndef TESSERA_ARMV8_TEE_ARM_H
#define TESSERA_ARMV8_TEE_ARM_H

#include "../../core/vm.h"

/* The non-secure EL1 physical timer, which backs a TEE's secure timer. */
#define GIC_PTIMER_PPI 30u

/* A trapped CNTP_* access (EC 0x18); false if not a TEE's (not handled). */
bool tee_arm_timer_access(struct vcpu *vcpu, uint64_t esr);
/* GIC_PTIMER_PPI fired on this CPU. */
void tee_arm_timer_irq(void);
/* A TEE set one of its client's interrupt lines pending (vGIC lock held). */
void tee_arm_raise_client_line(struct vm *tee, uint32_t intid);

#endif
