/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The console: transmit-only, polled NS16550A with byte registers. The
 * firmware (OpenSBI, or Tessera) has set it up already: the guest never
 * touches its control registers.
 */
#include <guest/arch_if.h>

#include <arch/mmio.h>

#define UART_BASE 0x10000000ul
#define UART_THR  0
#define UART_LSR  5
#define LSR_THRE  (1u << 5)

void arch_console_putc(char c)
{
	while (!(mmio_read8(UART_BASE + UART_LSR) & LSR_THRE))
		;
	mmio_write8(UART_BASE + UART_THR, (uint8_t)c);
}
