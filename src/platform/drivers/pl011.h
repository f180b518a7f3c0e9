/* SPDX-License-Identifier: Apache-2.0 */
#ifndef TESSERA_DRIVERS_PL011_H
#define TESSERA_DRIVERS_PL011_H

#include <stdint.h>

void pl011_init(uintptr_t base);
void pl011_putc(uintptr_t base, char c);
int pl011_getc(uintptr_t base);

#endif
