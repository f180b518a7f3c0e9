/* SPDX-License-Identifier: Apache-2.0 */
#include "mmio.h"

int mmio_register(struct mmio_map *map, ipa_t base, uint64_t size,
		  mmio_handler_t handler, void *dev)
{
	if (map->count == MMIO_MAX_RANGES)
		return -1;
	map->ranges[map->count++] =
	    (struct mmio_range){base, size, handler, dev};
	return 0;
}

const struct mmio_range *mmio_find(const struct mmio_map *map, ipa_t ipa)
{
	for (unsigned i = 0; i < map->count; i++) {
		const struct mmio_range *r = &map->ranges[i];

		if (ipa >= r->base && ipa - r->base < r->size)
			return r;
	}
	return NULL;
}
