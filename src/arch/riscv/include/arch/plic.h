/* SPDX-License-Identifier: Apache-2.0 */
#ifndef TESSERA_ARCH_PLIC_H
#define TESSERA_ARCH_PLIC_H

#include <stdint.h>

/*
 * Where a board's PLIC is and how its contexts are numbered: hart h's
 * S-mode context is h * contexts_per_hart + s_context (QEMU virt: 2h + 1).
 */
struct plic_layout {
	uintptr_t base;
	uint32_t sources; /* including source 0 */
	uint32_t contexts_per_hart;
	uint32_t s_context;
};

extern const struct plic_layout platform_plic;

#endif
