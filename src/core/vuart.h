/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A VM's console: an emulated UART whose output the hypervisor multiplexes
 * onto the one physical UART, each line prefixed with the VM's name, and
 * whose input comes from the physical UART while the VM has the focus.
 */
#ifndef TESSERA_CORE_VUART_H
#define TESSERA_CORE_VUART_H

#include "../lib/spinlock.h"
#include "hyp.h"
#include "mmio.h"

/*
 * Input waits here until the guest reads it: deeper than a real UART FIFO,
 * because the physical console delivers a pasted line in one burst while the
 * guest may be slow to take its interrupt.
 */
#define VUART_RX_SIZE  1024u
#define VUART_LINE_MAX 160u

struct vm;

struct vuart {
	spinlock_t lock; /* the VM's vCPUs and the console input race on it */
	struct vm *vm;
	uint32_t irq;
	/* Receive FIFO, filled by the console, drained by the guest. */
	uint8_t rx[VUART_RX_SIZE];
	unsigned rx_head, rx_count;
	/* PL011 registers the guest can write and read back. */
	uint32_t imsc, ris_tx, cr, lcr_h, ibrd, fbrd, ifls, dmacr;
	/* Output collected until a newline; where the VM's text ends on screen.
	 */
	unsigned line_len;
	unsigned column;
	char line[VUART_LINE_MAX];
	bool line_high; /* the interrupt line, as last told to the vGIC */
};

void vuart_init(struct vuart *u, struct vm *vm, uint32_t irq);
/*
 * One byte of the VM's output. Output goes to the console a line at a time,
 * so VMs never interleave within a line; vuart_flush() shows an unfinished
 * line when the guest's driver ends a burst of output.
 */
void vuart_put(struct vuart *u, char c);
void vuart_flush(struct vuart *u);
bool vuart_pl011_access(struct vcpu *vcpu, void *dev, struct mmio_access *a);
bool vuart_ns16550_access(struct vcpu *vcpu, void *dev, struct mmio_access *a);
/* One byte of input for the VM; dropped when its FIFO is full, as on hardware.
 */
void vuart_receive(struct vuart *u, uint8_t c);
/* The UART's interrupt line is at `level` now (lock held). */
void vuart_set_line(struct vuart *u, bool level);
/*
 * The VM restarts: the UART is as at power-on (either model's registers,
 * no input, the line lowered), and a line the VM left unfinished ends, so
 * that the next boot's output starts on a line of its own.
 */
void vuart_reset(struct vuart *u);

/* The physical console, shared by the hypervisor and every VM. */
void console_init(void);
/* Text from `who` (a name that stays valid); a line ends with '\n'. */
void console_write(const char *who, const char *text, unsigned len);
void console_input(uint8_t c);
void console_set_focus(struct vm *vm);
struct vm *console_focus(void);
/* The VM stopped: input moves on to the next VM with a console. */
void console_vm_stopped(const struct vm *vm);

#endif
