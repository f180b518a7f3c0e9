/* SPDX-License-Identifier: Apache-2.0 */
/*
 * An emulated Arm PL011 (the register layout of the PrimeCell UART TRM,
 * r1p5), enough for Linux's amba-pl011 driver and earlycon: transmit is
 * instantaneous, so the TX FIFO always reads empty.
 */
#include "arch.h"
#include "vm.h"
#include "vuart.h"

enum {
	UART_DR = 0x000,
	UART_RSR = 0x004,
	UART_FR = 0x018,
	UART_ILPR = 0x020,
	UART_IBRD = 0x024,
	UART_FBRD = 0x028,
	UART_LCR_H = 0x02c,
	UART_CR = 0x030,
	UART_IFLS = 0x034,
	UART_IMSC = 0x038,
	UART_RIS = 0x03c,
	UART_MIS = 0x040,
	UART_ICR = 0x044,
	UART_DMACR = 0x048,
	UART_ID = 0xfe0, /* PeriphID0..3, PCellID0..3 */
};

#define FR_RXFE (1u << 4)
#define FR_RXFF (1u << 6)
#define FR_TXFE (1u << 7)
#define INT_RX	(1u << 4)
#define INT_TX	(1u << 5)
#define INT_RT	(1u << 6)

/* PeriphID = 0x00341011 (PL011 r1p5), PCellID = 0xb105f00d. */
static const uint8_t pl011_id[8] = {0x11, 0x10, 0x34, 0x00,
				    0x0d, 0xf0, 0x05, 0xb1};

/* The registers and the receive FIFO as at power-on (lock held, or new). */
static void registers_reset(struct vuart *u)
{
	u->rx_head = u->rx_count = 0;
	u->imsc = u->ris_tx = u->lcr_h = u->ibrd = u->fbrd = u->dmacr = 0;
	u->cr = 0x300;
	u->ifls = 0x12;
}

void vuart_init(struct vuart *u, struct vm *vm, uint32_t irq)
{
	*u = (struct vuart){.vm = vm, .irq = irq};
	registers_reset(u);
}

static uint32_t raw_status(const struct vuart *u)
{
	return u->ris_tx | (u->rx_count ? INT_RX | INT_RT : 0);
}

static void update_line(struct vuart *u)
{
	vuart_set_line(u, raw_status(u) & u->imsc);
}

void vuart_reset(struct vuart *u)
{
	spin_lock(&u->lock);
	if (u->line_len)
		vuart_put(u, '\n');
	registers_reset(u);
	update_line(u);
	spin_unlock(&u->lock);
}

void vuart_receive(struct vuart *u, uint8_t c)
{
	spin_lock(&u->lock);
	if (u->rx_count < VUART_RX_SIZE) {
		u->rx[(u->rx_head + u->rx_count++) % VUART_RX_SIZE] = c;
		update_line(u);
	}
	spin_unlock(&u->lock);
}

static void transmit(struct vuart *u, char c)
{
	vuart_put(u, c);
	u->ris_tx = INT_TX;
}

static uint32_t receive_byte(struct vuart *u)
{
	uint32_t c;

	if (!u->rx_count)
		return 0;
	c = u->rx[u->rx_head];
	u->rx_head = (u->rx_head + 1) % VUART_RX_SIZE;
	u->rx_count--;
	return c;
}

static uint32_t *reg_ptr(struct vuart *u, uint64_t off)
{
	switch (off) {
	case UART_IBRD:
		return &u->ibrd;
	case UART_FBRD:
		return &u->fbrd;
	case UART_LCR_H:
		return &u->lcr_h;
	case UART_CR:
		return &u->cr;
	case UART_IFLS:
		return &u->ifls;
	case UART_IMSC:
		return &u->imsc;
	case UART_DMACR:
		return &u->dmacr;
	default:
		return NULL;
	}
}

static uint32_t flags(const struct vuart *u)
{
	unsigned n = __atomic_load_n(&u->rx_count, __ATOMIC_RELAXED);

	return FR_TXFE | (n ? 0 : FR_RXFE) | (n == VUART_RX_SIZE ? FR_RXFF : 0);
}

static uint32_t read_reg(struct vuart *u, uint64_t off)
{
	uint32_t *reg = reg_ptr(u, off);

	if (reg)
		return *reg;
	switch (off) {
	case UART_DR:
		return receive_byte(u);
	case UART_FR:
		return flags(u);
	case UART_RIS:
		return raw_status(u);
	case UART_MIS:
		return raw_status(u) & u->imsc;
	default:
		if (off >= UART_ID && off < UART_ID + 32 && !(off & 3))
			return pl011_id[(off - UART_ID) / 4];
		return 0; /* reserved and write-only registers read as zero */
	}
}

static void write_reg(struct vuart *u, uint64_t off, uint32_t v)
{
	uint32_t *reg = reg_ptr(u, off);

	if (reg)
		*reg = v & 0xffff;
	else if (off == UART_DR)
		transmit(u, (char)v);
	else if (off == UART_ICR)
		u->ris_tx &= ~v;
	/*
	 * Linux's driver writes IMSC when it stops transmitting: the end of a
	 * burst, so an unfinished line (a shell prompt) is shown now.
	 */
	if (off == UART_IMSC)
		vuart_flush(u);
}

static __attribute__((noinline)) bool access_locked(struct vuart *u,
						    struct mmio_access *a)
{
	if (a->width > 4 || (a->offset & (a->width - 1)))
		return false;
	/* A narrower access sees its byte lanes of the 32-bit register. */
	unsigned shift = (unsigned)(a->offset & 3) * 8;

	spin_lock(&u->lock);
	if (a->write)
		write_reg(u, a->offset & ~3ull, (uint32_t)a->value << shift);
	else
		a->value = read_reg(u, a->offset & ~3ull) >> shift;
	/* Only writes and taking a byte from the FIFO can move the line. */
	if (a->write || (a->offset & ~3ull) == UART_DR)
		update_line(u);
	spin_unlock(&u->lock);
	return true;
}

bool vuart_pl011_access(struct vcpu *vcpu, void *dev, struct mmio_access *a)
{
	struct vuart *u = dev;

	(void)vcpu;
	/*
	 * Drivers poll the flags: a snapshot needs no lock, the state behind
	 * it changes only under the lock.
	 */
	if (a->offset == UART_FR && a->width == 4 && !a->write) {
		a->value = flags(u);
		return true;
	}
	return access_locked(u, a);
}
