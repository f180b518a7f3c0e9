/* SPDX-License-Identifier: Apache-2.0 */
#ifndef TESSERA_ARCH_TIMER_H
#define TESSERA_ARCH_TIMER_H

#include <stdint.h>

/* Ticks per second of the time CSR (the device tree's timebase-frequency). */
extern const uint64_t platform_timebase_hz;

#endif
