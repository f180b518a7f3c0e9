/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Tessera VM description blob, format version 1 (documented in docs/config.md).
 *
 * One self-contained, little-endian, pointer-free blob describes either a whole
 * platform configuration (every VM built at boot, shared-memory regions) or a
 * single VM (the argument of the run-time create hypercall). Every array is a
 * (count, offset) pair whose offset is relative to the start of the blob, so a
 * blob can be copied anywhere and checked without trusting anything inside it.
 * Records have fixed sizes and natural alignment; growing a record means a new
 * format version, never a silent layout change.
 *
 * This header is shared by the hypervisor, the host tools and the guests, so it
 * uses only fixed-width types.
 */
#ifndef TESSERA_VMDESC_H
#define TESSERA_VMDESC_H

#include <stdint.h>

#define VMDESC_MAGIC   0x41525354u /* "TSRA" read as little-endian bytes */
#define VMDESC_VERSION 1u

/* Every array in a blob starts on this alignment. */
#define VMDESC_ALIGN 8u
/* Images inside a blob start on a page boundary so they can be mapped in place.
 */
#define VMDESC_IMAGE_ALIGN 4096u

#define VMDESC_MAX_VMS	   16u
#define VMDESC_MAX_REGIONS 16u
#define VMDESC_MAX_DEVICES 16u
#define VMDESC_MAX_IRQS	   64u
#define VMDESC_MAX_IMAGES  4u
#define VMDESC_MAX_IPCS	   8u
#define VMDESC_MAX_SHMEM   16u
#define VMDESC_NAME_MAX	   32u	       /* including the terminating NUL */
#define VMDESC_NONE	   0xffffffffu /* "no reference" in index fields */

enum vmdesc_kind {
	VMDESC_KIND_PLATFORM = 1, /* a whole boot configuration */
	VMDESC_KIND_VM = 2,	  /* exactly one VM, for the create hypercall */
};

struct vmdesc_array {
	uint32_t count;
	uint32_t offset; /* from the start of the blob; 0 when count is 0 */
};

struct vmdesc_header {
	uint32_t magic;
	uint16_t version;
	uint16_t kind; /* enum vmdesc_kind */
	uint32_t total_size;
	uint32_t flags;			/* must be 0 in version 1 */
	char platform[VMDESC_NAME_MAX]; /* e.g. "qemu-aarch64-virt" */
	struct vmdesc_array vms;	/* struct vmdesc_vm */
	struct vmdesc_array shmem;	/* struct vmdesc_shmem */
	uint64_t hyp_colors;  /* cache colors of the hypervisor itself, 0 = not
				 colored */
	uint32_t reserved[4]; /* must be 0 */
};

/* Memory region permissions, as the guest sees them through stage 2. */
#define VMDESC_MEM_R   (1u << 0)
#define VMDESC_MEM_W   (1u << 1)
#define VMDESC_MEM_X   (1u << 2)
#define VMDESC_MEM_RWX (VMDESC_MEM_R | VMDESC_MEM_W | VMDESC_MEM_X)
/* The region sits at the physical address in `pa` instead of allocated memory.
 */
#define VMDESC_MEM_FIXED_PA  (1u << 3)
#define VMDESC_MEM_FLAGS_ALL (VMDESC_MEM_RWX | VMDESC_MEM_FIXED_PA)

struct vmdesc_region {
	uint64_t ipa;  /* guest-physical base, page aligned */
	uint64_t size; /* page multiple, non-zero */
	uint64_t pa;   /* physical base when VMDESC_MEM_FIXED_PA, else 0 */
	uint32_t flags;
	uint32_t reserved; /* must be 0 */
};

/* A pass-through MMIO range, mapped at ipa (usually equal to pa). */
struct vmdesc_device {
	uint64_t pa;
	uint64_t ipa;
	uint64_t size;
	uint32_t flags;	   /* must be 0 in version 1 */
	uint32_t reserved; /* must be 0 */
};

/* A physical interrupt owned by the VM; the guest sees the same number. */
struct vmdesc_irq {
	uint32_t id;	/* INTID on Arm (SPIs only), PLIC source on RISC-V */
	uint32_t flags; /* must be 0 in version 1 */
};

enum vmdesc_image_source {
	/* The bytes are inside this blob at [offset, offset + size). */
	VMDESC_IMAGE_BLOB = 1,
	/*
	 * The bytes are already in the VM's memory (the current contents of the
	 * parent's memory handed over at create); nothing is copied.
	 */
	VMDESC_IMAGE_IN_PLACE = 2,
};

struct vmdesc_image {
	uint64_t ipa;	 /* where the image lands in the VM's memory */
	uint64_t size;	 /* bytes */
	uint32_t source; /* enum vmdesc_image_source */
	uint32_t
	    offset; /* VMDESC_IMAGE_BLOB: offset in the blob, page aligned */
};

/* Access of one VM to a shared-memory region, with its doorbell. */
#define VMDESC_IPC_RO (1u << 0)
struct vmdesc_ipc {
	uint32_t shmem;	   /* index into the header's shmem array */
	uint32_t flags;	   /* VMDESC_IPC_RO */
	uint64_t ipa;	   /* where the region appears in this VM */
	uint32_t doorbell; /* virtual interrupt raised on notify, 0 = none */
	uint32_t reserved; /* must be 0 */
};

/* Guest-physical window of an emulated console: one page. */
#define VMDESC_CONSOLE_SIZE 4096u

enum vmdesc_console {
	VMDESC_CONSOLE_NONE = 0,
	VMDESC_CONSOLE_PL011 = 1,   /* emulated Arm PL011 */
	VMDESC_CONSOLE_NS16550 = 2, /* emulated NS16550A (RISC-V) */
};

/* VM flags. This VM is a trusted OS serving other VMs: */
#define VMDESC_VM_TEE (1u << 0)
/* Overlapping cache colors with another VM are intended, not a mistake. */
#define VMDESC_VM_SHARE_COLORS (1u << 1)
/* Console input goes to this VM at boot (the first such VM wins). */
#define VMDESC_VM_CONSOLE_INPUT (1u << 2)
#define VMDESC_VM_FLAGS_ALL \
	(VMDESC_VM_TEE | VMDESC_VM_SHARE_COLORS | VMDESC_VM_CONSOLE_INPUT)

struct vmdesc_vm {
	char name[VMDESC_NAME_MAX]; /* NUL-terminated, printable */
	uint32_t flags;
	uint32_t vcpus; /* number of vCPUs */
	uint64_t
	    cpu_affinity;  /* physical CPUs, one bit each; popcount == vcpus */
	uint64_t entry;	   /* guest-physical entry point of vCPU 0 */
	uint64_t boot_arg; /* x0 / a1 at entry (e.g. the DTB's guest-physical
			      address) */
	uint64_t colors;   /* cache colors, 0 = not colored */
	struct vmdesc_array regions; /* struct vmdesc_region */
	struct vmdesc_array devices; /* struct vmdesc_device */
	struct vmdesc_array irqs;    /* struct vmdesc_irq */
	struct vmdesc_array images;  /* struct vmdesc_image */
	struct vmdesc_array ipcs;    /* struct vmdesc_ipc */
	uint32_t console;	     /* enum vmdesc_console */
	uint32_t console_irq; /* virtual interrupt of the emulated console */
	uint64_t console_ipa; /* guest-physical base of the emulated console */
	uint32_t tee; /* index of the TEE VM serving this VM, or VMDESC_NONE */
	uint32_t parent;      /* index of the parent VM (static VM-stack), or
				 VMDESC_NONE */
	uint32_t reserved[4]; /* must be 0 */
};

struct vmdesc_shmem {
	char name[VMDESC_NAME_MAX];
	uint64_t size;	 /* page multiple */
	uint64_t pa;	 /* fixed physical base, 0 = allocated */
	uint64_t colors; /* 0 = not colored */
};

#endif
