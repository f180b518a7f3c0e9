/* SPDX-License-Identifier: Apache-2.0 */
/* The hooks every board provides (src/platform/<board>/). */
#ifndef TESSERA_CORE_PLATFORM_H
#define TESSERA_CORE_PLATFORM_H

#include <tessera/platform_desc.h>

#include "hyp.h"

const struct platform_desc *platform_get_desc(void);

/* The hypervisor's console UART, polled for output, interrupt-driven input. */
void platform_console_init(void);
void platform_console_putc(char c);
/* The next received byte, or -1 when none is waiting. */
int platform_console_getc(void);
uint32_t platform_console_irq(void);

#endif
