/* SPDX-License-Identifier: Apache-2.0 */
#ifndef TESSERA_CORE_HYPERCALL_H
#define TESSERA_CORE_HYPERCALL_H

#include "vm.h"

struct hc_result {
	int64_t status; /* enum tessera_status */
	uint64_t value[4];
};

/*
 * Tessera's own calls (include/tessera/hypercall.h), arch-neutral: `args`
 * are the caller's argument registers, `res` its status and value registers
 * (they may overlap: every argument is read before any result is written).
 * Unless the arch layer has saved the caller's `whole_frame`, a call that
 * may switch vCPUs is not made: the answer is false, and nothing changed.
 */
bool hypercall(struct vcpu *vcpu, uint64_t fn, const uint64_t args[5],
	       uint64_t res[5], bool whole_frame);

#endif
