// SPDX-License-Identifier: Apache-2.0
/*
 * One TEE round trip from Linux user space, measured the way the TrustZone
 * baseline was (docs/tee.md): raw /dev/tee0 ioctls, no libteec; a session
 * to OP-TEE's built-in invoke_tests pseudo-TA, then invokes of a command it
 * does not know (it answers TEE_ERROR_BAD_PARAMETERS without any RPC). Each
 * invoke is the whole path: ioctl, optee.ko, SMC, the dispatcher, OP-TEE's
 * thread, the PTA, CALL_DONE, back to user space.
 *
 * Under QEMU -icount shift=0 the monotonic clock counts instructions: the
 * result is a BENCH line (bench/run.py) in instructions per invoke, the
 * median of RUNS batches of BATCH invokes.
 */
#include <fcntl.h>
#include <linux/tee.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define RUNS  10
#define BATCH 200
/* d96a5b40-c3e5-21e3-8794-1002a5d5c61b, as the octets OP-TEE compares. */
static const uint8_t invoke_tests_uuid[TEE_IOCTL_UUID_LEN] = {
    0xd9, 0x6a, 0x5b, 0x40, 0xc3, 0xe5, 0x21, 0xe3,
    0x87, 0x94, 0x10, 0x02, 0xa5, 0xd5, 0xc6, 0x1b};
#define UNKNOWN_COMMAND		 0xffffu
#define TEE_ERROR_BAD_PARAMETERS 0xffff0006u

static uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static int ioctl_buf(int fd, unsigned long req, void *arg, size_t size)
{
	struct tee_ioctl_buf_data buf = {.buf_ptr = (uintptr_t)arg,
					 .buf_len = size};

	return ioctl(fd, req, &buf);
}

static uint32_t open_session(int fd)
{
	struct tee_ioctl_open_session_arg arg = {.clnt_login =
						     TEE_IOCTL_LOGIN_PUBLIC};

	memcpy(arg.uuid, invoke_tests_uuid, sizeof(arg.uuid));
	if (ioctl_buf(fd, TEE_IOC_OPEN_SESSION, &arg, sizeof(arg)) || arg.ret) {
		printf("teebench: cannot open a session to invoke_tests "
		       "(ret 0x%x, origin %u)\n",
		       arg.ret, arg.ret_origin);
		exit(1);
	}
	return arg.session;
}

static void invoke(int fd, uint32_t session)
{
	struct tee_ioctl_invoke_arg arg = {.func = UNKNOWN_COMMAND,
					   .session = session};

	if (ioctl_buf(fd, TEE_IOC_INVOKE, &arg, sizeof(arg)) ||
	    arg.ret != TEE_ERROR_BAD_PARAMETERS) {
		printf("teebench: invoke answered 0x%x (origin %u), not "
		       "TEE_ERROR_BAD_PARAMETERS\n",
		       arg.ret, arg.ret_origin);
		exit(1);
	}
}

static int by_value(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

int main(void)
{
	int fd = open("/dev/tee0", O_RDWR);
	uint64_t per[RUNS];
	uint32_t session;

	if (fd < 0) {
		perror("teebench: /dev/tee0");
		return 1;
	}
	session = open_session(fd);
	invoke(fd, session); /* once untimed: the path is warm */
	for (unsigned r = 0; r < RUNS; r++) {
		uint64_t t0 = now_ns();

		for (unsigned k = 0; k < BATCH; k++)
			invoke(fd, session);
		per[r] = (now_ns() - t0) * 10 / BATCH; /* tenths */
	}
	qsort(per, RUNS, sizeof(per[0]), by_value);
	printf("BENCH name=tee_round_trip arch=armv8 env=tessera "
	       "unit=instructions runs=%u batch=%u min=%llu.%llu "
	       "median=%llu.%llu max=%llu.%llu clock=monotonic res=1\n",
	       RUNS, BATCH, (unsigned long long)per[0] / 10,
	       (unsigned long long)per[0] % 10,
	       (unsigned long long)per[RUNS / 2] / 10,
	       (unsigned long long)per[RUNS / 2] % 10,
	       (unsigned long long)per[RUNS - 1] / 10,
	       (unsigned long long)per[RUNS - 1] % 10);
	return 0;
}
