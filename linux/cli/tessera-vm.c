// SPDX-License-Identifier: Apache-2.0
/*
 * tessera-vm: child VMs from a Linux shell, through /dev/tessera (tessera.ko,
 * docs/dynamic-vms.md).
 *
 *	tessera-vm create [--arg N] DESC IMAGE
 *	                               prints the new child's id; --arg sets
 *	                               the description's boot_arg (x0 at entry)
 *	tessera-vm run ID [VCPU]       runs it until it yields, stops or its
 *	                               vCPU is off: "yielded VALUE", "stopped",
 *	                               "vcpu off"
 *	tessera-vm destroy ID
 *	tessera-vm list                every child of this VM
 *	tessera-vm info ID
 *	tessera-vm measure ID          SHA-256 of its description and initial
 *	                               memory, in hex
 *	tessera-vm stats               the hypervisor's free pages and VMs
 *	tessera-vm ipc-peek DEV        mmap a /dev/tessera-ipcN read-only and
 *	                               print its mailboxes (docs/ipc.md)
 *	tessera-vm ipc-poll DEV MS     poll it for a message or a doorbell for
 *	                               up to MS milliseconds: "in", "pri",
 *	                               "nothing"
 *	tessera-vm ipc-notify DEV      ring the link's peers: "rang N"
 *
 * Exit status: 0 done, 1 the operation failed, 2 usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <tessera/hypercall.h>
#include <tessera/ipc.h>
#include <tessera/vmdesc.h>

#include "tessera-ioctl.h"

static const char *prog = "tessera-vm";

static void usage(void)
{
	fprintf(stderr,
		"usage: %s create [--arg N] DESC IMAGE | run ID [VCPU] | "
		"destroy ID | "
		"list | info ID | measure ID | stats | ipc-peek DEV | "
		"ipc-poll DEV MS | ipc-notify DEV\n",
		prog);
	exit(2);
}

static const char *hs_name(int status)
{
	switch (status) {
	case HS_OK:
		return "OK";
	case HS_NOT_SUPPORTED:
		return "NOT_SUPPORTED";
	case HS_INVALID:
		return "INVALID";
	case HS_DENIED:
		return "DENIED";
	case HS_NO_MEMORY:
		return "NO_MEMORY";
	case HS_BUSY:
		return "BUSY";
	case HS_NOT_FOUND:
		return "NOT_FOUND";
	case HS_BAD_DESC:
		return "BAD_DESC";
	default:
		return "unknown status";
	}
}

/* What went wrong, in words, for the error the driver or hypervisor gave. */
static const char *why(const char *op, int err, int hs)
{
	if (hs == HS_BAD_DESC)
		return "the hypervisor refused the description (its reason is "
		       "on the machine console: \"create refused: ...\")";
	if (hs == HS_DENIED && !strcmp(op, "create"))
		return "the hypervisor refused: memory not ours to give, or "
		       "the VM-stack is at its depth limit";
	if (hs == HS_DENIED)
		return "the hypervisor refused: not this VM's child, or the "
		       "wrong vCPU";
	if (hs == HS_NO_MEMORY)
		return "the hypervisor is out of memory or VM slots";
	switch (err) {
	case ENOENT:
		return "no such child of this VM";
	case EBUSY:
		return "the child is being run (a RUN is in progress)";
	case ENOEXEC:
		return "not a single-VM Tessera description (magic, version, "
		       "kind or VM count)";
	case EINVAL:
		return !strcmp(op, "create")
			   ? "malformed description: each region must be "
			     "RAM_FIXED with pa 0 (the driver fills it in), "
			     "and an image needs an IMAGE_IN_PLACE inside "
			     "the memory"
			   : "invalid argument";
	case E2BIG:
		return "the child's memory exceeds the driver's limit "
		       "(tessera.ko max_child_mib) or splits into too many "
		       "regions";
	case EFBIG:
		return "the image is larger than the description's "
		       "IMAGE_IN_PLACE size";
	case ENOMEM:
		return "Linux has no memory to give the child";
	case ENXIO:
		return "the Linux CPU the child is stacked on is offline";
	case EINTR:
		return "interrupted by a signal; the child is paused, run it "
		       "again";
	}
	return strerror(err);
}

static void fail(const char *op, int err, int hs)
{
	if (hs)
		fprintf(stderr, "%s: %s: %s (%s, hypervisor status %s %d)\n",
			prog, op, why(op, err, hs), strerror(err), hs_name(hs),
			hs);
	else
		fprintf(stderr, "%s: %s: %s\n", prog, op, why(op, err, hs));
	exit(1);
}

static int dev_open(void)
{
	int fd = open(TESSERA_DEVICE, O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		int e = errno;

		fprintf(
		    stderr, "%s: %s: %s%s\n", prog, TESSERA_DEVICE, strerror(e),
		    e == ENOENT ? " (is tessera.ko loaded? insmod tessera.ko)"
				: "");
		exit(1);
	}
	return fd;
}

static uint64_t parse_number(const char *s)
{
	char *end;
	uint64_t v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s || *end) {
		fprintf(stderr, "%s: %s: not a number\n", prog, s);
		exit(2);
	}
	return v;
}

/* A whole file in memory (the blob is read in 8-byte-aligned storage). */
static void *slurp(const char *path, size_t *size, size_t max)
{
	struct stat st;
	void *buf;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t done = 0;

	if (fd < 0 || fstat(fd, &st)) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		exit(1);
	}
	if (!S_ISREG(st.st_mode) || (size_t)st.st_size > max) {
		fprintf(stderr, "%s: %s: %s\n", prog, path,
			S_ISREG(st.st_mode) ? "too large" : "not a file");
		exit(1);
	}
	buf = aligned_alloc(8, ((size_t)st.st_size + 8) & ~(size_t)7);
	if (!buf) {
		fprintf(stderr, "%s: out of memory\n", prog);
		exit(1);
	}
	while (done < (size_t)st.st_size) {
		ssize_t n = read(fd, (char *)buf + done, st.st_size - done);

		if (n <= 0) {
			fprintf(stderr, "%s: %s: %s\n", prog, path,
				n ? strerror(errno) : "short read");
			exit(1);
		}
		done += (size_t)n;
	}
	close(fd);
	*size = done;
	return buf;
}

/* Set the boot_arg of a single-VM description's VM (before create). */
static void set_boot_arg(void *desc, size_t size, uint64_t arg)
{
	struct vmdesc_header *h = desc;
	struct vmdesc_vm *vm;

	if (size < sizeof(*h) || h->magic != VMDESC_MAGIC ||
	    h->kind != VMDESC_KIND_VM || h->vms.count != 1 ||
	    h->vms.offset % 8 || h->vms.offset > size ||
	    size - h->vms.offset < sizeof(*vm)) {
		fprintf(stderr,
			"%s: create --arg: not a single-VM description\n",
			prog);
		exit(1);
	}
	vm = (struct vmdesc_vm *)((char *)desc + h->vms.offset);
	vm->boot_arg = arg;
}

static int cmd_create(int fd, const char *desc_path, const char *image_path,
		      const char *arg)
{
	struct tessera_create a = {0};
	size_t desc_size, image_size;
	void *desc = slurp(desc_path, &desc_size, TESSERA_DESC_MAX);
	void *image = slurp(image_path, &image_size, (size_t)1 << 30);

	if (arg)
		set_boot_arg(desc, desc_size, parse_number(arg));

	a.desc = (uintptr_t)desc;
	a.desc_size = (uint32_t)desc_size;
	a.image = (uintptr_t)image;
	a.image_size = image_size;
	if (ioctl(fd, TESSERA_IOC_CREATE, &a))
		fail("create", errno, a.hs_status);
	printf("%" PRIu64 "\n", (uint64_t)a.id);
	return 0;
}

static int cmd_run(int fd, uint64_t id, uint32_t vcpu)
{
	struct tessera_run a = {.id = id, .vcpu = vcpu};

	if (ioctl(fd, TESSERA_IOC_RUN, &a))
		fail("run", errno, a.hs_status);
	switch (a.end) {
	case TESSERA_RUN_YIELDED:
		printf("yielded %" PRIu64 "\n", (uint64_t)a.value);
		break;
	case TESSERA_RUN_STOPPED:
		printf("stopped\n");
		break;
	case TESSERA_RUN_VCPU_OFF:
		printf("vcpu off\n");
		break;
	default:
		printf("ended %u\n", a.end);
	}
	return 0;
}

static int cmd_destroy(int fd, uint64_t id)
{
	struct tessera_destroy a = {.id = id};

	if (ioctl(fd, TESSERA_IOC_DESTROY, &a))
		fail("destroy", errno, a.hs_status);
	return 0;
}

static int cmd_measure(int fd, uint64_t id)
{
	struct tessera_measure a = {.id = id};

	if (ioctl(fd, TESSERA_IOC_MEASURE, &a))
		fail("measure", errno, a.hs_status);
	for (unsigned i = 0; i < TESSERA_DIGEST_LEN; i++)
		printf("%02x", a.digest[i]);
	printf("\n");
	return 0;
}

static const char *state_name(uint32_t s)
{
	return s == TESSERA_CHILD_RUNNING   ? "running"
	       : s == TESSERA_CHILD_STOPPED ? "stopped"
					    : "ready";
}

static void info_print(const struct tessera_child_info *c)
{
	char mem[32];

	snprintf(mem, sizeof(mem), "%" PRIu64 " KiB/%u",
		 (uint64_t)c->mem_size / 1024, c->regions);
	printf("%-10" PRIu64 " %-20.32s %5u %14s  0x%-10" PRIx64
	       " %-8s %" PRIu64 "\n",
	       (uint64_t)c->id, c->name, c->vcpus, mem, (uint64_t)c->mem_pa,
	       state_name(c->state), (uint64_t)c->runs);
}

static void info_header(void)
{
	printf("%-10s %-20s %5s %14s  %-12s %-8s %s\n", "ID", "NAME", "VCPUS",
	       "MEMORY/PIECES", "AT", "STATE", "YIELDS");
}

static int cmd_info(int fd, uint64_t id)
{
	struct tessera_child_info c = {.id = id};

	if (ioctl(fd, TESSERA_IOC_INFO, &c))
		fail("info", errno, 0);
	info_header();
	info_print(&c);
	return 0;
}

static int cmd_list(int fd)
{
	struct tessera_child_info *v = NULL;
	struct tessera_list a = {0};

	/* Ask for the count, then for that many (children may come and go). */
	for (;;) {
		if (ioctl(fd, TESSERA_IOC_LIST, &a))
			fail("list", errno, 0);
		/* Whatever the driver answers, a NULL array is never read. */
		if (a.count <= a.max && (v || !a.count))
			break;
		free(v);
		a.max = a.count + 4;
		v = calloc(a.max, sizeof(*v));
		if (!v) {
			fprintf(stderr, "%s: out of memory\n", prog);
			exit(1);
		}
		a.children = (uintptr_t)v;
	}
	info_header();
	for (uint32_t i = 0; i < a.count; i++)
		info_print(&v[i]);
	free(v);
	return 0;
}

static int cmd_stats(int fd)
{
	struct tessera_stats a = {0};

	if (ioctl(fd, TESSERA_IOC_STATS, &a))
		fail("stats", errno, a.hs_status);
	printf("free-pages %" PRIu64 " vms %" PRIu64 " self %" PRIu64
	       " vcpus %u children %u child-bytes %" PRIu64 "\n",
	       (uint64_t)a.free_pages, (uint64_t)a.vms, (uint64_t)a.vm_id,
	       a.vcpus, a.children, (uint64_t)a.child_bytes);
	return 0;
}

static int ipc_open(const char *path, int flags)
{
	int fd = open(path, flags);

	if (fd < 0) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		exit(1);
	}
	return fd;
}

static int cmd_ipc_peek(const char *path)
{
	int fd = ipc_open(path, O_RDONLY);
	const struct tessera_ipc_page *p =
	    mmap(NULL, sizeof(*p), PROT_READ, MAP_SHARED, fd, 0);

	if (p == MAP_FAILED) {
		fprintf(stderr, "%s: mmap %s: %s\n", prog, path,
			strerror(errno));
		return 1;
	}
	for (int i = 0; i < 2; i++)
		printf("box %d seq %" PRIu32 " ack %" PRIu32 " len %" PRIu32
		       "%s",
		       i, p->box[i].seq, p->box[i].ack, p->box[i].len,
		       i ? "\n" : ", ");
	return 0;
}

static int cmd_ipc_poll(const char *path, const char *ms)
{
	struct pollfd pfd = {.fd = ipc_open(path, O_RDONLY),
			     .events = POLLIN | POLLPRI};
	uint64_t timeout = parse_number(ms);
	int n = poll(&pfd, 1, timeout > INT_MAX ? INT_MAX : (int)timeout);

	if (n < 0) {
		fprintf(stderr, "%s: poll: %s\n", prog, strerror(errno));
		return 1;
	}
	printf("%s%s%s\n", pfd.revents & POLLIN ? "in " : "",
	       pfd.revents & POLLPRI ? "pri " : "", n ? "" : "nothing");
	return 0;
}

static int cmd_ipc_notify(const char *path)
{
	int n = ioctl(ipc_open(path, O_RDONLY), TESSERA_IOC_IPC_NOTIFY);

	if (n < 0) {
		fprintf(stderr, "%s: notify: %s\n", prog, strerror(errno));
		return 1;
	}
	printf("rang %d\n", n);
	return 0;
}

int main(int argc, char **argv)
{
	const char *cmd;

	if (argc < 2)
		usage();
	cmd = argv[1];
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help")) {
		printf(
		    "usage: %s create [--arg N] DESC IMAGE | run ID [VCPU] | "
		    "destroy ID | list | info ID | measure ID | stats | "
		    "ipc-peek DEV | ipc-poll DEV MS | ipc-notify DEV\n",
		    prog);
		return 0;
	}
	if (!strcmp(cmd, "create") && argc == 4)
		return cmd_create(dev_open(), argv[2], argv[3], NULL);
	if (!strcmp(cmd, "create") && argc == 6 && !strcmp(argv[2], "--arg"))
		return cmd_create(dev_open(), argv[4], argv[5], argv[3]);
	if (!strcmp(cmd, "run") && (argc == 3 || argc == 4))
		return cmd_run(dev_open(), parse_number(argv[2]),
			       argc == 4 ? (uint32_t)parse_number(argv[3]) : 0);
	if (!strcmp(cmd, "destroy") && argc == 3)
		return cmd_destroy(dev_open(), parse_number(argv[2]));
	if (!strcmp(cmd, "measure") && argc == 3)
		return cmd_measure(dev_open(), parse_number(argv[2]));
	if (!strcmp(cmd, "info") && argc == 3)
		return cmd_info(dev_open(), parse_number(argv[2]));
	if (!strcmp(cmd, "list") && argc == 2)
		return cmd_list(dev_open());
	if (!strcmp(cmd, "stats") && argc == 2)
		return cmd_stats(dev_open());
	if (!strcmp(cmd, "ipc-peek") && argc == 3)
		return cmd_ipc_peek(argv[2]);
	if (!strcmp(cmd, "ipc-poll") && argc == 4)
		return cmd_ipc_poll(argv[2], argv[3]);
	if (!strcmp(cmd, "ipc-notify") && argc == 3)
		return cmd_ipc_notify(argv[2]);
	usage();
}
