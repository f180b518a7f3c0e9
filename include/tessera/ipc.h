/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The message mode of a shared-memory link (docs/ipc.md), shared by the
 * baremetal guests and the Linux driver: the first page of a shared region
 * holds one mailbox per direction. Box s is written by side s: the VM's
 * rank among the VMs that link the region, in VM-id order (the device tree
 * node's `tessera,side`).
 *
 * Sending: wait until box.ack == box.seq (the last message was taken), write
 * data and len, then (after a write barrier) bump seq, then HC_IPC_NOTIFY.
 * Receiving, on the doorbell: when box.seq != box.ack, read len and data
 * (after a read barrier), then set ack = seq. The answer to a message is the
 * receiver's notification; a taken message is not notified by itself.
 */
#ifndef TESSERA_IPC_H
#define TESSERA_IPC_H

#include <stdint.h>

#define TESSERA_IPC_MSG_MAX 2032u

struct tessera_ipc_box {
	uint32_t seq;	   /* the sender's: bumped after data and len */
	uint32_t ack;	   /* the receiver's: the seq it took last */
	uint32_t len;	   /* bytes in data */
	uint32_t reserved; /* 0 */
	uint8_t data[TESSERA_IPC_MSG_MAX];
};

struct tessera_ipc_page {
	struct tessera_ipc_box box[2];
};

_Static_assert(sizeof(struct tessera_ipc_page) == 4096,
	       "the message mode fits the first page");

#endif
