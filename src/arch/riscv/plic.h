/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The physical PLIC as the hypervisor uses it: only the S-mode context of
 * each hart (M-mode contexts are the firmware's), priority 1 for every source
 * that is enabled at all, threshold 0; which context a source is enabled on
 * decides which hart takes it.
 */
#ifndef TESSERA_RISCV_PLIC_H
#define TESSERA_RISCV_PLIC_H

#include <arch/plic.h>

#include "../../core/hyp.h"

/* Hart `hart`'s S-mode context. */
unsigned plic_context(uint64_t hart);
/* This CPU's context: nothing enabled, threshold 0. */
void plic_cpu_init(unsigned context);
/* Enable or disable `src` on `context` (priority 1 while enabled anywhere). */
void plic_enable(unsigned context, uint32_t src, bool on);
uint32_t plic_claim(unsigned context);
void plic_complete(unsigned context, uint32_t src);

#endif
