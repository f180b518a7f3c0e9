/* SPDX-License-Identifier: Apache-2.0 */
/* The hypervisor's own PL011: polled transmit, receive interrupt. */
#include "pl011.h"

#define DR	0x000
#define FR	0x018
#define IMSC	0x038
#define ICR	0x044
#define FR_TXFF (1u << 5)
#define FR_RXFE (1u << 4)
#define INT_RX	(1u << 4)
#define INT_RT	(1u << 6)

static inline uint32_t rd(uintptr_t base, unsigned off)
{
	return *(volatile uint32_t *)(base + off);
}

static inline void wr(uintptr_t base, unsigned off, uint32_t v)
{
	*(volatile uint32_t *)(base + off) = v;
}

/* QEMU's PL011 needs no baud set-up; keep the firmware-free reset state. */
void pl011_init(uintptr_t base)
{
	wr(base, ICR, 0x7ff);
	wr(base, IMSC, INT_RX | INT_RT);
}

void pl011_putc(uintptr_t base, char c)
{
	while (rd(base, FR) & FR_TXFF)
		;
	wr(base, DR, (uint8_t)c);
}

int pl011_getc(uintptr_t base)
{
	if (rd(base, FR) & FR_RXFE)
		return -1;
	return (int)(rd(base, DR) & 0xff);
}
