/* SPDX-License-Identifier: Apache-2.0 */
/* QEMU's `virt` machine (Arm), as Debian's QEMU 7.2 lays it out. */
#include <arch/gic.h>

#include "../../core/platform.h"
#include "../drivers/pl011.h"

#define UART_BASE 0x09000000ul
#define UART_IRQ  33u

const struct platform_desc *platform_get_desc(void)
{
	return &platform_qemu_aarch64_virt;
}

const struct gic_layout platform_gic = {
    .gicd = 0x08000000ul,
    .gicc = 0x08010000ul,
    .gich = 0x08030000ul,
    .gicv = 0x08040000ul,
    .gicr = 0x080a0000ul,
    .gicr_stride = 0x20000ul,
};

void platform_console_init(void)
{
	pl011_init(UART_BASE);
}

void platform_console_putc(char c)
{
	pl011_putc(UART_BASE, c);
}

int platform_console_getc(void)
{
	return pl011_getc(UART_BASE);
}

uint32_t platform_console_irq(void)
{
	return UART_IRQ;
}
