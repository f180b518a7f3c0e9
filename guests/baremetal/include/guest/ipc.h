/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A shared-memory link in message mode (<tessera/ipc.h>, docs/ipc.md): the
 * two mailboxes of the region's first page and the VM's doorbell.
 */
#ifndef GUEST_IPC_H
#define GUEST_IPC_H

#include <stdatomic.h>
#include <stdint.h>

#include <tessera/ipc.h>

struct ipc_chan {
	struct tessera_ipc_page *page; /* the link's window */
	unsigned link;		       /* HC_IPC_NOTIFY's link number */
	unsigned side;		       /* our box: page->box[side] */
	unsigned long peer;	       /* HC_IPC_NOTIFY's target */
	atomic_uint doorbells;	       /* taken since the last wait */
};

/*
 * Open link `link` at `window`, as side `side`, notifying `peer`; the
 * doorbell `irq` (ARCH_DEVICE_IRQ numbering; 0: none) is enabled on the
 * calling CPU.
 */
void ipc_open(struct ipc_chan *c, uintptr_t window, unsigned link,
	      unsigned side, unsigned long peer, unsigned irq);
/* Waits for the doorbell (fails the test after timeout_us) and takes it. */
void ipc_wait_doorbell(struct ipc_chan *c, uint64_t timeout_us);
/*
 * Sends len bytes once our box is free (failing the test after timeout_us)
 * and rings the peer; returns HC_IPC_NOTIFY's status.
 */
long ipc_send(struct ipc_chan *c, const void *data, uint32_t len,
	      uint64_t timeout_us);
/* Takes the peer's waiting message into buf: its length, or -1 if none. */
int ipc_recv(struct ipc_chan *c, void *buf, uint32_t size);
/* FNV-1a over bytes, continuing from h (start with IPC_HASH_INIT). */
#define IPC_HASH_INIT 0xcbf29ce484222325ull
uint64_t ipc_hash(uint64_t h, const void *data, uint32_t len);

#endif
