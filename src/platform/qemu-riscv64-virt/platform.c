/* SPDX-License-Identifier: Apache-2.0 */
/*
 * QEMU's `virt` machine (RISC-V), as Debian's QEMU 7.2 lays it out, and the
 * hypervisor's own console: the board's NS16550A, which OpenSBI has already
 * set up (baud rate, 8N1) and also prints on; polled output, receive
 * interrupt.
 */
#include <arch/plic.h>
#include <arch/timer.h>

#include "../../core/platform.h"

#define UART_BASE 0x10000000ul
#define UART_IRQ  10u
#define UART_RBR  0 /* receive buffer / transmit holding register */
#define UART_IER  1
#define UART_LSR  5
#define IER_RX	  0x01
#define LSR_DR	  0x01
#define LSR_THRE  0x20

const struct platform_desc *platform_get_desc(void)
{
	return &platform_qemu_riscv64_virt;
}

/* S-mode context of hart h is 2h + 1 (2h is its M-mode one). */
const struct plic_layout platform_plic = {
    .base = 0x0c000000ul,
    .sources = 97,
    .contexts_per_hart = 2,
    .s_context = 1,
};

const uint64_t platform_timebase_hz = 10000000;

static inline uint8_t uart_rd(unsigned reg)
{
	return *(volatile uint8_t *)(UART_BASE + reg);
}

static inline void uart_wr(unsigned reg, uint8_t v)
{
	*(volatile uint8_t *)(UART_BASE + reg) = v;
}

void platform_console_init(void)
{
	uart_wr(UART_IER, IER_RX);
}

void platform_console_putc(char c)
{
	while (!(uart_rd(UART_LSR) & LSR_THRE))
		;
	uart_wr(UART_RBR, (uint8_t)c);
}

int platform_console_getc(void)
{
	if (!(uart_rd(UART_LSR) & LSR_DR))
		return -1;
	return uart_rd(UART_RBR);
}

uint32_t platform_console_irq(void)
{
	return UART_IRQ;
}
