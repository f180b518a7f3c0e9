/* SPDX-License-Identifier: Apache-2.0 */
/* Human-readable listing of a VM description blob (tessera-config dump). */
#ifndef TESSERA_CONFIG_DUMP_H
#define TESSERA_CONFIG_DUMP_H

#include <stdio.h>

#include <tessera/platform_desc.h>
#include <tessera/vmdesc.h>

/*
 * Every field of the header, the shared memory and each VM with its arrays.
 * `h` must have passed vmdesc_check_layout(): only the layout is trusted,
 * so hostile names and numbers are printed escaped, never interpreted.
 * `plat` (may be NULL) names the board's devices in the listing.
 */
void vmdesc_dump(FILE *f, const struct vmdesc_header *h,
		 const struct platform_desc *plat);

#endif
