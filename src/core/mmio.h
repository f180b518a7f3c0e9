/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Emulated MMIO: the guest-physical ranges of a VM that the hypervisor
 * answers itself (virtual interrupt controller, console). A stage-2 fault is
 * classified once: inside one of these ranges it goes to that device's
 * handler, anywhere else it is a fault of the guest.
 */
#ifndef TESSERA_CORE_MMIO_H
#define TESSERA_CORE_MMIO_H

#include "hyp.h"

struct vcpu;

struct mmio_access {
	uint64_t offset; /* from the start of the device's range */
	unsigned width;	 /* bytes: 1, 2, 4 or 8 */
	bool write;
	uint64_t value; /* in for writes, out for reads */
};

/* Returns false when the device rejects the access (bad width, ...). */
typedef bool (*mmio_handler_t)(struct vcpu *vcpu, void *dev,
			       struct mmio_access *a);

struct mmio_range {
	ipa_t base;
	uint64_t size;
	mmio_handler_t handler;
	void *dev;
};

#define MMIO_MAX_RANGES 4u
struct mmio_map {
	unsigned count;
	unsigned last; /* a hint only: any vCPU may change it */
	struct mmio_range ranges[MMIO_MAX_RANGES];
};

int mmio_register(struct mmio_map *map, ipa_t base, uint64_t size,
		  mmio_handler_t handler, void *dev);
const struct mmio_range *mmio_find(struct mmio_map *map, ipa_t ipa);

#endif
