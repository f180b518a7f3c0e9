// SPDX-License-Identifier: Apache-2.0
/*
 * Test: TEE containment and restart (docs/tee.md) with the small trusted OS
 * of ours: "tclient" has "tos" misbehave in every way it knows, twice over,
 * restarting it each time; "nclient" and its "ntos" and "healthy" on CPU 0
 * go on.
 */
#include "hostile.h"
#include "tee-trustos.h"

TESSERA_CONFIG("qemu-aarch64-virt", TRUSTOS_PAIRS(2), HEALTHY_VM("healthy", 0));
