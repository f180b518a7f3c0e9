/* SPDX-License-Identifier: Apache-2.0 */
/* The hypervisor's own address space, as the arch layer's tables build it. */
#include <tessera/platform_desc.h>

#include "mem.h"

/*
 * Everything below RAM is MMIO on the boards we run on; RAM is mapped 1:1
 * (where the image's frames sit at boot, the entry page secondary CPUs start
 * in, the configuration blob) and again at hva(); the image at its link
 * addresses, on `image` once recolored, which then makes a hole in the 1:1
 * map.
 */
int hyp_map_layout(const struct platform_desc *p, const struct frames *image,
		   hyp_map_fn map, void *ctx)
{
	uintptr_t start = (uintptr_t)&hyp_image_start,
		  end = (uintptr_t)&hyp_image_end;

	if (map(ctx, 0, 0, p->ram[0].base, HYP_MAP_DEVICE))
		return -1;
	for (unsigned i = 0; i < p->ram_count; i++) {
		uint64_t base = p->ram[i].base, top = base + p->ram[i].size;
		bool hole = image && start >= base && end <= top;

		if (map(ctx, (uintptr_t)hva(base), base, top - base,
			HYP_MAP_DATA) ||
		    map(ctx, base, base, (hole ? start : top) - base,
			HYP_MAP_CODE) ||
		    (hole && map(ctx, end, end, top - end, HYP_MAP_CODE)))
			return -1;
	}
	if (!image)
		return 0;
	for_each_run (&hyp_mem, image, run)
		if (map(ctx, start + (run.index << PAGE_SHIFT), run.pa,
			run.pages << PAGE_SHIFT, HYP_MAP_CODE))
			return -1;
	return 0;
}
