/* SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0 */
/*
 * /dev/tessera: the interface of Tessera's Linux driver (linux/driver) to
 * user space (linux/cli/tessera-vm), docs/dynamic-vms.md.
 *
 * Every structure has a fixed layout with 64-bit fields for pointers, the
 * same for 32- and 64-bit callers. `hs_status` reports the hypervisor's own
 * status (HS_* of <tessera/hypercall.h>) of the call behind the ioctl, 0
 * when the driver failed before calling it; the ioctl's errno says the same
 * in Linux terms:
 *
 *	HS_NOT_SUPPORTED  EOPNOTSUPP	HS_NO_MEMORY  ENOSPC
 *	HS_INVALID        EINVAL	HS_BUSY       EBUSY
 *	HS_DENIED         EPERM		HS_NOT_FOUND  ENOENT
 *	HS_BAD_DESC       ENOEXEC	other         EIO
 *
 * The driver's own refusals use the same errnos where the meaning is the
 * same (ENOENT: not a child of this driver; EINVAL: a malformed argument),
 * ENOMEM when Linux has no memory to give, E2BIG for a child larger than
 * the driver's limit, EFBIG for an image larger than its place, EINTR for
 * a RUN ended by a signal (the child stays as it was; RUN it again).
 */
#ifndef TESSERA_IOCTL_H
#define TESSERA_IOCTL_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <linux/ioctl.h>
#include <linux/types.h>
#endif

#define TESSERA_DEVICE	   "/dev/tessera"
#define TESSERA_NAME_MAX   32	       /* = VMDESC_NAME_MAX */
#define TESSERA_DESC_MAX   (16 * 1024) /* the hypervisor's limit */
#define TESSERA_DIGEST_LEN 32	       /* SHA-256 */

/* CREATE: a child from a single-VM description and an image. */
struct tessera_create {
	__u64 desc;	  /* in: user address of the description */
	__u32 desc_size;  /* in: its size in bytes, at most TESSERA_DESC_MAX */
	__u32 flags;	  /* in: 0 */
	__u64 image;	  /* in: user address of the image, 0 for none */
	__u64 image_size; /* in: bytes */
	__u64 id;	  /* out: the child's id */
	__u64 mem_size;	  /* out: bytes of memory given to it */
	__s32 hs_status;  /* out */
	__u32 regions;	  /* out: memory regions after the driver's split */
};

/* How a RUN ended (the HC_INVOKE_* values except INTERRUPTED). */
enum tessera_run_end {
	TESSERA_RUN_YIELDED = 0, /* `value` is what the child yielded */
	TESSERA_RUN_STOPPED = 2, /* the child faulted or powered off */
	TESSERA_RUN_VCPU_OFF = 3 /* that vCPU of the child is off */
};

/* RUN: invoke a child vCPU until it yields, stops or its vCPU is off. */
struct tessera_run {
	__u64 id;	  /* in */
	__u32 vcpu;	  /* in: the child's vCPU */
	__u32 end;	  /* out: enum tessera_run_end */
	__u64 value;	  /* out: the yielded value */
	__u64 interrupts; /* out: invokes cut short by Linux's interrupts */
	__s32 hs_status;  /* out */
	__u32 cpu;	  /* out: the Linux CPU it ran on */
};

/* DESTROY: the hypervisor zeroes the child's memory and gives it back. */
struct tessera_destroy {
	__u64 id;	 /* in */
	__s32 hs_status; /* out */
	__u32 pad;
};

/* MEASURE: SHA-256 of the description and the child's initial memory. */
struct tessera_measure {
	__u64 id;			 /* in */
	__u8 digest[TESSERA_DIGEST_LEN]; /* out */
	__s32 hs_status;		 /* out */
	__u32 pad;
};

/* What the driver knows of one child (INFO by id, LIST all of them). */
enum tessera_child_state {
	TESSERA_CHILD_READY = 0,   /* created; runs when RUN invokes it */
	TESSERA_CHILD_RUNNING = 1, /* a RUN is invoking it now */
	TESSERA_CHILD_STOPPED = 2, /* it faulted or powered off */
};

struct tessera_child_info {
	__u64 id;
	char name[TESSERA_NAME_MAX];
	__u64 mem_size;	  /* bytes of memory it holds */
	__u64 mem_pa;	  /* guest-physical base of its first region (ours) */
	__u64 runs;	  /* RUNs that ended with it yielding */
	__u64 last_value; /* the last value it yielded */
	__u32 vcpus;
	__u32 state;   /* enum tessera_child_state */
	__u32 regions; /* physically contiguous pieces of its memory */
	__u32 pad;
};

struct tessera_list {
	__u64 children; /* in: user address of struct tessera_child_info[] */
	__u32 max;	/* in: entries there */
	__u32 count;	/* out: children in all (may exceed max) */
};

/* STATS: the hypervisor's and this VM's view. */
struct tessera_stats {
	__u64 free_pages;  /* the hypervisor's free pages (HC_HYP_STATS) */
	__u64 vms;	   /* VMs in use, every VM of the machine */
	__u64 vm_id;	   /* this VM's id (HC_VM_INFO) */
	__u32 vcpus;	   /* this VM's vCPUs */
	__u32 children;	   /* this driver's children */
	__u64 child_bytes; /* memory given to them */
	__s32 hs_status;   /* out */
	__u32 pad;
};

#define TESSERA_IOC_MAGIC  0xB7
#define TESSERA_IOC_CREATE _IOWR(TESSERA_IOC_MAGIC, 0x00, struct tessera_create)
#define TESSERA_IOC_RUN	   _IOWR(TESSERA_IOC_MAGIC, 0x01, struct tessera_run)
#define TESSERA_IOC_DESTROY \
	_IOWR(TESSERA_IOC_MAGIC, 0x02, struct tessera_destroy)
#define TESSERA_IOC_MEASURE \
	_IOWR(TESSERA_IOC_MAGIC, 0x03, struct tessera_measure)
#define TESSERA_IOC_INFO \
	_IOWR(TESSERA_IOC_MAGIC, 0x04, struct tessera_child_info)
#define TESSERA_IOC_LIST  _IOWR(TESSERA_IOC_MAGIC, 0x05, struct tessera_list)
#define TESSERA_IOC_STATS _IOR(TESSERA_IOC_MAGIC, 0x06, struct tessera_stats)
/*
 * On /dev/tessera-ipcN (docs/ipc.md): ring the doorbells of every other VM
 * on the link, for users of mmap who keep their own protocol. The return
 * value is the number of doorbells raised.
 */
#define TESSERA_IOC_IPC_NOTIFY _IO(TESSERA_IOC_MAGIC, 0x07)

#endif
