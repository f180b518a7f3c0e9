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

/* Below the base, the difference wraps to more than any size. */
static bool contains(const struct mmio_range *r, ipa_t ipa)
{
	return ipa - r->base < r->size;
}

/*
 * The range hit last comes first: a driver polls one device in a row. An
 * unused slot has size 0 and contains nothing.
 */
const struct mmio_range *mmio_find(struct mmio_map *map, ipa_t ipa)
{
	const struct mmio_range *last = &map->ranges[map->last];

	if (contains(last, ipa))
		return last;
	for (unsigned i = 0; i < map->count; i++)
		if (contains(&map->ranges[i], ipa)) {
			map->last = i;
			return &map->ranges[i];
		}
	return NULL;
}
