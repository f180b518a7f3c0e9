/* SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0 */
/*
 * <tessera/vmdesc.h> uses the fixed-width types of <stdint.h>; a kernel build
 * has no C library headers (-nostdinc), and <linux/types.h> defines the same
 * names.
 */
#ifndef TESSERA_COMPAT_STDINT_H
#define TESSERA_COMPAT_STDINT_H
#include <linux/types.h>
#endif
