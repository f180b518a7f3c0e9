/* SPDX-License-Identifier: Apache-2.0 */
/* The message mode of a shared-memory link (<guest/ipc.h>). */
#include <guest.h>
#include <guest/ipc.h>

static void on_doorbell(unsigned intid, void *arg)
{
	struct ipc_chan *c = arg;

	(void)intid;
	atomic_fetch_add(&c->doorbells, 1);
	cpu_notify();
}

void ipc_open(struct ipc_chan *c, uintptr_t window, unsigned link,
	      unsigned side, unsigned long peer, unsigned irq)
{
	c->page = (struct tessera_ipc_page *)window;
	c->link = link;
	c->side = side;
	c->peer = peer;
	atomic_store(&c->doorbells, 0);
	if (!irq)
		return;
	irq_register(irq, on_doorbell, c);
	irq_enable(irq);
}

void ipc_wait_doorbell(struct ipc_chan *c, uint64_t timeout_us)
{
	WAIT_OR_FAIL(atomic_load(&c->doorbells), timeout_us, "a doorbell");
	/* Several rings before we looked are one: a doorbell is a bit. */
	atomic_store(&c->doorbells, 0);
}

static uint32_t load32(const uint32_t *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

long ipc_send(struct ipc_chan *c, const void *data, uint32_t len,
	      uint64_t timeout_us)
{
	struct tessera_ipc_box *box = &c->page->box[c->side];

	if (len > TESSERA_IPC_MSG_MAX)
		guest_fail("message of %u bytes", len);
	WAIT_OR_FAIL(load32(&box->ack) == load32(&box->seq), timeout_us,
		     "the peer to take our last message");
	memcpy(box->data, data, len);
	box->len = len;
	__atomic_store_n(&box->seq, box->seq + 1, __ATOMIC_RELEASE);
	return hc_call(HC_IPC_NOTIFY, c->link, c->peer, 0, 0, 0).status;
}

int ipc_recv(struct ipc_chan *c, void *buf, uint32_t size)
{
	struct tessera_ipc_box *box = &c->page->box[!c->side];
	uint32_t seq = load32(&box->seq);
	uint32_t len = box->len;

	if (seq == box->ack)
		return -1;
	if (len > size)
		guest_fail("a message of %u bytes for a buffer of %u", len,
			   size);
	memcpy(buf, box->data, len);
	__atomic_store_n(&box->ack, seq, __ATOMIC_RELEASE);
	return (int)len;
}

uint64_t ipc_hash(uint64_t h, const void *data, uint32_t len)
{
	const uint8_t *p = data;

	for (uint32_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}
