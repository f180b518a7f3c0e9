/* SPDX-License-Identifier: Apache-2.0 */
/*
 * An emulated NS16550A (the 8250 family's register map, byte registers at
 * consecutive offsets as on QEMU's RISC-V virt board), enough for Linux's
 * 8250 driver, earlycon and polling bare-metal code: transmit is
 * instantaneous, so THR and the transmitter always read empty.
 *
 * struct vuart is shared with the PL011 model, and so is its interrupt
 * state: vuart_receive() (vuart_pl011.c) computes the line as (ris_tx |
 * receive status) & imsc in the PL011's INT_* encoding. This model keeps
 * IER in imsc in that encoding, and a pending THRE
 * interrupt in ris_tx as INT_TX, so input arriving through the console
 * raises this UART's line correctly. The other registers live in the
 * PL011's fields of the same role: LCR in lcr_h, MCR in cr, FCR in ifls,
 * the divisor latch in ibrd (DLL) and fbrd (DLM), SCR in dmacr. The
 * PL011's reset values read back as the 16550's (MCR, FCR and IER zero).
 */
#include "arch.h"
#include "vm.h"
#include "vuart.h"

enum {
	REG_RBR_THR_DLL = 0,
	REG_IER_DLM = 1,
	REG_IIR_FCR = 2,
	REG_LCR = 3,
	REG_MCR = 4,
	REG_LSR = 5,
	REG_MSR = 6,
	REG_SCR = 7,
};

#define IER_RDA	     0x01u /* received data available */
#define IER_THRE     0x02u /* transmit holding register empty */
#define IER_RLS	     0x04u /* receiver line status */
#define IER_MS	     0x08u /* modem status */
#define IIR_NONE     0x01u
#define IIR_THRE     0x02u
#define IIR_RDA	     0x04u
#define IIR_FIFO     0xc0u
#define FCR_FIFO_EN  0x01u
#define FCR_RX_RESET 0x02u
#define LCR_DLAB     0x80u
#define MCR_MASK     0x1fu
#define MCR_LOOP     0x10u
#define LSR_DR	     0x01u
#define LSR_THRE     0x20u
#define LSR_TEMT     0x40u
#define MSR_CTS	     0x10u
#define MSR_DSR	     0x20u
#define MSR_DCD	     0x80u

/* The shared interrupt encoding (PL011 INT_* bits, see vuart_pl011.c). */
#define INT_CTS 0x002u
#define INT_RX	0x010u
#define INT_TX	0x020u
#define INT_RT	0x040u
#define INT_OE	0x400u

static uint32_t ier_to_mask(uint32_t ier)
{
	return (ier & IER_RDA ? INT_RX | INT_RT : 0) |
	       (ier & IER_THRE ? INT_TX : 0) | (ier & IER_RLS ? INT_OE : 0) |
	       (ier & IER_MS ? INT_CTS : 0);
}

static uint32_t mask_to_ier(uint32_t mask)
{
	return (mask & INT_RX ? IER_RDA : 0) | (mask & INT_TX ? IER_THRE : 0) |
	       (mask & INT_OE ? IER_RLS : 0) | (mask & INT_CTS ? IER_MS : 0);
}

static void update_line(struct vuart *u)
{
	uint32_t raw = u->ris_tx | (u->rx_count ? INT_RX | INT_RT : 0);

	vuart_set_line(u, raw & u->imsc);
}

static void rx_push(struct vuart *u, uint8_t c)
{
	if (u->rx_count < VUART_RX_SIZE)
		u->rx[(u->rx_head + u->rx_count++) % VUART_RX_SIZE] = c;
}

static uint32_t rx_pop(struct vuart *u)
{
	uint32_t c;

	if (!u->rx_count)
		return 0;
	c = u->rx[u->rx_head];
	u->rx_head = (u->rx_head + 1) % VUART_RX_SIZE;
	u->rx_count--;
	return c;
}

/* The byte leaves at once (or loops back); THR is empty again. */
static void transmit(struct vuart *u, char c)
{
	if (u->cr & MCR_LOOP) {
		rx_push(u, (uint8_t)c);
	} else {
		vuart_put(u, c);
	}
	u->ris_tx = INT_TX;
}

/* The highest-priority pending interrupt; reading it clears THRE's. */
static uint32_t read_iir(struct vuart *u)
{
	uint32_t fifo = u->ifls & FCR_FIFO_EN ? IIR_FIFO : 0;

	if ((u->imsc & INT_RX) && u->rx_count)
		return fifo | IIR_RDA;
	if ((u->imsc & INT_TX) && u->ris_tx) {
		u->ris_tx = 0;
		return fifo | IIR_THRE;
	}
	return fifo | IIR_NONE;
}

/* Loopback wires MCR's outputs to MSR's inputs; else a connected line. */
static uint32_t read_msr(const struct vuart *u)
{
	uint32_t mcr = u->cr & MCR_MASK;

	if (!(mcr & MCR_LOOP))
		return MSR_DCD | MSR_DSR | MSR_CTS;
	return (mcr & 1u) << 5 | (mcr & 2u) << 3 | (mcr & 4u) << 4 |
	       (mcr & 8u) << 4;
}

static uint32_t read_reg(struct vuart *u, unsigned reg)
{
	bool dlab = u->lcr_h & LCR_DLAB;

	switch (reg) {
	case REG_RBR_THR_DLL:
		return dlab ? u->ibrd : rx_pop(u);
	case REG_IER_DLM:
		return dlab ? u->fbrd : mask_to_ier(u->imsc);
	case REG_IIR_FCR:
		return read_iir(u);
	case REG_LCR:
		return u->lcr_h & 0xff;
	case REG_MCR:
		return u->cr & MCR_MASK;
	case REG_LSR:
		return LSR_THRE | LSR_TEMT | (u->rx_count ? LSR_DR : 0);
	case REG_MSR:
		return read_msr(u);
	case REG_SCR:
		return u->dmacr;
	default:
		return 0;
	}
}

static void write_ier(struct vuart *u, uint32_t ier)
{
	/* Linux's 8250 driver writes IER when a burst of output ends. */
	vuart_flush(u);
	/* Enabling THRE with THR empty (always) interrupts at once. */
	if ((ier & IER_THRE) && !(u->imsc & INT_TX))
		u->ris_tx = INT_TX;
	u->imsc = ier_to_mask(ier);
}

static void write_reg(struct vuart *u, unsigned reg, uint32_t v)
{
	bool dlab = u->lcr_h & LCR_DLAB;

	if (reg == REG_RBR_THR_DLL && dlab)
		u->ibrd = v;
	else if (reg == REG_RBR_THR_DLL)
		transmit(u, (char)v);
	else if (reg == REG_IER_DLM && dlab)
		u->fbrd = v;
	else if (reg == REG_IER_DLM)
		write_ier(u, v & 0x0f);
	else if (reg == REG_IIR_FCR && (v & FCR_RX_RESET))
		u->rx_count = 0;
	else if (reg == REG_LCR)
		u->lcr_h = v;
	else if (reg == REG_MCR)
		u->cr = v & MCR_MASK;
	else if (reg == REG_SCR)
		u->dmacr = v;
	if (reg == REG_IIR_FCR)
		u->ifls = v & (IIR_FIFO | FCR_FIFO_EN);
}

bool vuart_ns16550_access(struct vcpu *vcpu, void *dev, struct mmio_access *a)
{
	struct vuart *u = dev;

	(void)vcpu;
	/* Byte registers; wider aligned accesses reach the same register. */
	if (a->width > 4 || (a->offset & (a->width - 1)))
		return false;
	spin_lock(&u->lock);
	if (a->write)
		write_reg(u, (unsigned)a->offset, (uint32_t)a->value & 0xff);
	else
		a->value =
		    a->offset <= REG_SCR ? read_reg(u, (unsigned)a->offset) : 0;
	update_line(u);
	spin_unlock(&u->lock);
	return true;
}
