/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The baremetal end of configs/test-linux-ipc.c: side 1 of link 0 at WINDOW
 * (doorbell 40), the Linux VM (vm 0) side 0. Every message it prints and
 * answers with "echo: " and the message, forever.
 */
#include <guest.h>
#include <guest/ipc.h>

GUEST_TEST("ipc_echo");

#define WINDOW	0x50000000ul
#define PREFIX	"echo: "
#define WAIT_US (3600ul * 1000000) /* Linux takes its time to boot */
#define PEER	0ul

static struct ipc_chan chan;
static char msg[TESSERA_IPC_MSG_MAX + 1];
static char reply[TESSERA_IPC_MSG_MAX];

/* "echo: " and the text, one line. */
static uint32_t answer(const char *text)
{
	uint32_t plen = sizeof(PREFIX) - 1, len = (uint32_t)strlen(text);

	if (len > TESSERA_IPC_MSG_MAX - plen - 1)
		len = TESSERA_IPC_MSG_MAX - plen - 1;
	/* NOLINTBEGIN(bugprone-not-null-terminated-result): a message */
	memcpy(reply, PREFIX, plen);
	memcpy(reply + plen, text, len);
	/* NOLINTEND(bugprone-not-null-terminated-result) */
	reply[plen + len] = '\n';
	return plen + len + 1;
}

void test_main(void)
{
	ipc_open(&chan, WINDOW, 0, 1, PEER, ARCH_DEVICE_IRQ(40));
	test_print("waiting for messages");
	for (unsigned n = 1;; n++) {
		int len;

		while ((len = ipc_recv(&chan, msg, TESSERA_IPC_MSG_MAX)) < 0)
			ipc_wait_doorbell(&chan, WAIT_US);
		msg[len] = '\0';
		if (len && msg[len - 1] == '\n')
			msg[len - 1] = '\0';
		test_print("message %u from linux: %s", n, msg);
		if (ipc_send(&chan, reply, answer(msg), WAIT_US) != HS_OK)
			guest_fail("HC_IPC_NOTIFY refused");
	}
}
