/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The console: transmit-only, polled PL011. Tessera and QEMU both leave it
 * set up, so the guest never touches its control registers.
 */
#include <guest/arch_if.h>

#include <arch/mmio.h>

#define UART_BASE 0x09000000ul
#define UART_DR	  0x00
#define UART_FR	  0x18
#define FR_TXFF	  (1u << 5)

void arch_console_putc(char c)
{
	while (mmio_read32(UART_BASE + UART_FR) & FR_TXFF)
		;
	mmio_write32(UART_BASE + UART_DR, (unsigned char)c);
}
