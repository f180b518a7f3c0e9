/* SPDX-License-Identifier: Apache-2.0 */
#ifndef TESSERA_CORE_HYPERCALL_H
#define TESSERA_CORE_HYPERCALL_H

#include "vm.h"

struct hc_result {
	int64_t status; /* enum tessera_status */
	uint64_t value[4];
};

/* Tessera's own calls (include/tessera/hypercall.h), arch-neutral. */
struct hc_result hypercall(struct vcpu *vcpu, uint64_t fn,
			   const uint64_t args[5]);

#endif
