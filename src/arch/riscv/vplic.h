/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The virtual PLIC: each VM sees a PLIC at the board's address with only its
 * own sources and one S-mode context per vCPU. State lives in struct
 * arch_vm / arch_vcpu; one lock per VM.
 */
#ifndef TESSERA_RISCV_VPLIC_H
#define TESSERA_RISCV_VPLIC_H

#include "../../core/vm.h"

int vplic_vm_init(struct vm *vm);
/* The vCPU's context as after reset; what it had claimed is completed. */
void vplic_vcpu_reset(struct vcpu *vcpu);
/*
 * Physical source `src` was claimed on this CPU. True when a running VM owns
 * it (it stays claimed until that VM completes it); false when nobody does.
 */
bool vplic_hw_irq(uint32_t src);
/* Forget the VM's virtual interrupt state (its sources went back already). */
void vplic_vm_destroy(struct vm *vm);

#endif
