/* SPDX-License-Identifier: Apache-2.0 */
#ifndef TESSERA_ARMV8_SMCCC_H
#define TESSERA_ARMV8_SMCCC_H

#include "../../core/vm.h"

/*
 * An SMC or HVC from a guest, routed by the SMCCC owner of its function id.
 * Without `full` (the guest's x19-x29 not saved), a call that may switch
 * vCPUs answers false before doing anything.
 */
bool smccc_call(struct vcpu *vcpu, bool full);
void psci_call(struct vcpu *vcpu, uint32_t fn);

#define SMCCC_NOT_SUPPORTED ((uint64_t)-1)

#endif
