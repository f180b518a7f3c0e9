/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Shared memory and doorbells (docs/ipc.md), one program in four VMs of
 * configs/test-ipc.c (test-riscv-ipc.c), its role chosen by its VM id:
 *
 * - vm 0, ping, and vm 1, pong, link the region "ring" at WINDOW: ping sends
 *   MESSAGES messages of varying length, pong answers each with its bytes
 *   transformed, each side waiting for its doorbell before it looks; both
 *   hash everything sent and received, and pong compares its hash with the
 *   one ping sends last. Ping first rings vm 2, which is not on the link.
 * - vm 2, intruder, is not on the link: it rings it (refused), then reads
 *   the region's physical address (stopped).
 * - vm 3, reader, links the region read-only, without a doorbell: it sees
 *   ping's messages, rings ping and pong BURST times in a row (each
 *   doorbell a pending bit: they coalesce, and the pair, which takes a
 *   doorbell without a message as spurious, goes on), then writes to its
 *   window (stopped).
 */
#include <guest.h>
#include <guest/ipc.h>

GUEST_TEST("ipc");

#define WINDOW	   0x50000000ul
#define RING_PA	   (ARCH_RAM_BASE + 0x3ff00000ul) /* SHMEM_AT in the configs */
#define MESSAGES   10000u
#define TIMEOUT_US 20000000u /* guest time: a loaded host can stall a vCPU */
#define PING	   0u
#define PONG	   1u
#define INTRUDER   2u
#define LINK	   0u /* every linked VM has the region as its link 0 */
#define BURST	   20000u

static struct ipc_chan chan;
static unsigned spurious; /* doorbells with no message behind them */
static uint8_t msg[TESSERA_IPC_MSG_MAX], reply[TESSERA_IPC_MSG_MAX];

/* Message i: 8 to 64 bytes that depend on i. */
static uint32_t message(unsigned i)
{
	uint32_t len = 8 + i % 57;

	for (uint32_t k = 0; k < len; k++)
		msg[k] = (uint8_t)(i * 31 + k);
	return len;
}

static void answer(const uint8_t *in, uint8_t *out, uint32_t len)
{
	for (uint32_t k = 0; k < len; k++)
		out[k] = in[k] ^ 0x5a;
}

static void send(const void *data, uint32_t len)
{
	long st = ipc_send(&chan, data, len, TIMEOUT_US);

	if (st != HS_OK)
		guest_fail("HC_IPC_NOTIFY answered %ld", st);
}

/* The next message: we look only when our doorbell rang. */
static uint32_t receive(uint8_t *buf)
{
	int len;

	for (;;) {
		ipc_wait_doorbell(&chan, TIMEOUT_US);
		len = ipc_recv(&chan, buf, TESSERA_IPC_MSG_MAX);
		if (len >= 0)
			return (uint32_t)len;
		spurious++;
	}
}

static void ping(void)
{
	struct hc_ret r = hc_call(HC_IPC_NOTIFY, LINK, INTRUDER, 0, 0, 0);
	uint64_t h = IPC_HASH_INIT, start;

	test_print("notify to vm %u, not on the link: %ld", INTRUDER, r.status);
	if (r.status != HS_DENIED)
		guest_fail("ringing a VM not on the link answered %ld",
			   r.status);
	ipc_open(&chan, WINDOW, LINK, 0, PONG, ARCH_DEVICE_IRQ(40));
	start = time_us();
	for (unsigned i = 0; i < MESSAGES; i++) {
		uint32_t len = message(i);

		h = ipc_hash(h, msg, len);
		send(msg, len);
		if (receive(reply) != len)
			guest_fail("answer %u: wrong length", i);
		answer(reply, reply, len);
		if (memcmp(reply, msg, len))
			guest_fail("answer %u: wrong bytes", i);
		h = ipc_hash(h, msg, len);
	}
	test_print("%u messages, checksum 0x%016llx, %llu us, %u spurious "
		   "doorbells",
		   MESSAGES, (unsigned long long)h,
		   (unsigned long long)(time_us() - start), spurious);
	send(&h, sizeof(h));
	receive(reply);
	test_pass();
}

static void pong(void)
{
	uint64_t h = IPC_HASH_INIT, theirs;

	ipc_open(&chan, WINDOW, LINK, 1, PING, ARCH_DEVICE_IRQ(41));
	for (unsigned i = 0; i < MESSAGES; i++) {
		uint32_t len = receive(msg);

		h = ipc_hash(h, msg, len);
		answer(msg, reply, len);
		send(reply, len);
		h = ipc_hash(h, msg, len);
	}
	if (receive(msg) != sizeof(theirs))
		guest_fail("no checksum from ping");
	memcpy(&theirs, msg, sizeof(theirs));
	if (theirs != h)
		guest_fail("checksum 0x%016llx, ping's 0x%016llx",
			   (unsigned long long)h, (unsigned long long)theirs);
	test_print("%u messages, checksum 0x%016llx, the same as ping's, %u "
		   "spurious doorbells",
		   MESSAGES, (unsigned long long)h, spurious);
	send("ok", 2);
	test_pass();
}

static void intruder(void)
{
	struct hc_ret one = hc_call(HC_IPC_NOTIFY, LINK, PING, 0, 0, 0);
	struct hc_ret all = hc_call(HC_IPC_NOTIFY, LINK, HC_IPC_PEERS, 0, 0, 0);

	test_print("notify on link %u: %ld to vm %u, %ld to every peer", LINK,
		   one.status, PING, all.status);
	if (one.status != HS_NOT_FOUND || all.status != HS_NOT_FOUND)
		guest_fail("a VM on no link could ring one");
	test_print("reading 0x%lx, the region's physical address", RING_PA);
	test_print("survived: read 0x%x", *(volatile uint32_t *)RING_PA);
}

static void reader(void)
{
	struct tessera_ipc_box *box =
	    &((struct tessera_ipc_page *)WINDOW)->box[0];
	unsigned long rung = 0;

	WAIT_OR_FAIL(__atomic_load_n(&box->seq, __ATOMIC_ACQUIRE) >= 100,
		     10 * TIMEOUT_US, "ping's 100th message");
	test_print("read-only view: ping's message %u is there", box->seq);
	for (unsigned i = 0; i < BURST; i++) {
		struct hc_ret r =
		    hc_call(HC_IPC_NOTIFY, LINK, HC_IPC_PEERS, 0, 0, 0);

		if (r.status != HS_OK)
			guest_fail("ringing the peers answered %ld", r.status);
		rung += r.r1;
	}
	test_print("rang the peers %u times: %lu doorbells, ping at message "
		   "%u",
		   BURST, rung, box->seq);
	test_print("writing to 0x%lx", WINDOW);
	box->ack = 0;
	test_print("survived the write");
}

void test_main(void)
{
	unsigned long vm = hc_call(HC_VM_INFO, 0, 0, 0, 0, 0).r1;

	if (vm == PING)
		ping();
	else if (vm == PONG)
		pong();
	else if (vm == INTRUDER)
		intruder();
	else
		reader();
	cpu_park();
}
