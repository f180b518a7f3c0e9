/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The VM description validator: one pure function from (blob, board,
 * resources of the caller) to "ok" or an error naming the VM, the field and
 * the reason. The same file is compiled into the hypervisor (boot and the
 * create hypercall) and into the host tools, so it is freestanding and never
 * trusts a byte of the blob before checking it.
 */
#ifndef TESSERA_CORE_VMDESC_H
#define TESSERA_CORE_VMDESC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tessera/platform_desc.h>
#include <tessera/vmdesc.h>

/*
 * Why a description was rejected. The numbers are stable so that tests and
 * tools can compare them; docs/config.md lists the message of each.
 */
enum vmdesc_reason {
	VMDESC_OK = 0,
	/* layout */
	VMDESC_E_ARGS,	     /* no blob or no platform given */
	VMDESC_E_BLOB_ALIGN, /* the blob is not 8-byte aligned in memory */
	VMDESC_E_TRUNCATED,  /* shorter than its header or its total_size */
	VMDESC_E_MAGIC,
	VMDESC_E_VERSION,
	VMDESC_E_KIND,
	VMDESC_E_SIZE,	       /* total_size smaller than the header */
	VMDESC_E_TOO_MANY,     /* count above VMDESC_MAX_* */
	VMDESC_E_EMPTY_OFFSET, /* count 0 but offset set */
	VMDESC_E_MISALIGNED,   /* array offset not a multiple of VMDESC_ALIGN */
	VMDESC_E_HEADER_OVERLAP, /* array or image inside the header */
	VMDESC_E_BOUNDS,	 /* array beyond the end of the blob */
	VMDESC_E_IMAGE_ALIGN,	 /* image offset not a multiple of
				    VMDESC_IMAGE_ALIGN */
	VMDESC_E_IMAGE_BOUNDS,	 /* image bytes beyond the end of the blob */
	/* fields */
	VMDESC_E_FLAGS,	   /* unknown flag bits */
	VMDESC_E_RESERVED, /* reserved field not zero */
	VMDESC_E_COUNT,	   /* no VM, or not exactly one in a single-VM blob */
	VMDESC_E_PLATFORM, /* built for another board */
	VMDESC_E_NAME,	   /* empty, unterminated, unprintable, dirty padding */
	VMDESC_E_NAME_DUP,
	VMDESC_E_ZERO_SIZE,
	VMDESC_E_PAGE_ALIGN, /* address or size not a page multiple */
	VMDESC_E_WRAP,	     /* base + size wraps around */
	VMDESC_E_IPA_RANGE,  /* beyond the board's guest-physical space */
	VMDESC_E_PERMS,	     /* no access, or write without read */
	VMDESC_E_PA_UNUSED, /* pa set on a region without VMDESC_MEM_FIXED_PA */
	VMDESC_E_IPA_OVERLAP, /* two ranges of one VM's guest-physical space */
	VMDESC_E_INTC_WINDOW, /* inside the emulated interrupt controller */
	VMDESC_E_PA_OVERLAP,  /* fixed physical memory used twice */
	VMDESC_E_HYP_MEMORY,  /* inside the hypervisor's own memory */
	VMDESC_E_NOT_RAM,     /* fixed physical memory outside board RAM */
	VMDESC_E_NO_MEMORY, /* all VMs together need more RAM than the board has
			     */
	VMDESC_E_NOT_DEVICE,   /* MMIO range not on the board */
	VMDESC_E_DEVICE_TAKEN, /* MMIO range given twice */
	VMDESC_E_IRQ_RANGE,    /* interrupt not assignable on the board */
	VMDESC_E_IRQ_HYP,      /* the hypervisor's own interrupt */
	VMDESC_E_IRQ_TAKEN,    /* interrupt given twice */
	VMDESC_E_IRQ_VIRTUAL,  /* same number as the VM's console or a doorbell
				*/
	VMDESC_E_VCPUS,	       /* zero, or not the number of affinity bits */
	VMDESC_E_CPU_RANGE,    /* CPU beyond the board's */
	VMDESC_E_CPU_CONFLICT, /* physical CPU shared outside a VM-stack */
	VMDESC_E_ENTRY,	       /* entry not in an executable region */
	VMDESC_E_IMAGE_SOURCE, /* unknown image source, or offset on in-place */
	VMDESC_E_IMAGE_OUTSIDE,	 /* image not inside the VM's memory */
	VMDESC_E_IMAGE_IN_PLACE, /* in-place image at boot outside fixed memory
				  */
	VMDESC_E_IMAGE_OVERLAP,
	VMDESC_E_COLOR_RANGE,	 /* color beyond the board's */
	VMDESC_E_COLOR_CONFLICT, /* colors shared without VMDESC_VM_SHARE_COLORS
				  */
	VMDESC_E_COLOR_FIXED,	 /* colors asked for fixed physical memory */
	VMDESC_E_REF_DANGLING,	 /* tee / parent / shmem index out of range */
	VMDESC_E_REF_SELF,
	VMDESC_E_REF_CYCLE,
	VMDESC_E_TEE_NOT_TEE, /* tee names a VM without VMDESC_VM_TEE */
	VMDESC_E_TEE_HAS_TEE, /* a TEE served by a TEE */
	VMDESC_E_TEE_SHARED,  /* a TEE VM named by two VMs */
	VMDESC_E_TEE_OVERLAP, /* client memory where its TEE has memory,
				 devices, its console or shared memory */
	VMDESC_E_CONSOLE,     /* unknown type, or settings without a console */
	VMDESC_E_IPC_DUP,     /* the same shared memory linked twice */
	/* run time (single-VM blobs) */
	VMDESC_E_RUNTIME_PA,  /* region not taken from the parent (no FIXED_PA)
			       */
	VMDESC_E_RUNTIME_REF, /* tee / parent / hyp_colors at run time */
	VMDESC_E_NOT_PARENT_MEMORY,
	VMDESC_E_NOT_PARENT_DEVICE,
	VMDESC_E_NOT_PARENT_IRQ,
	VMDESC_E_NOT_PARENT_CPU,
	VMDESC_E_NOT_PARENT_COLORS,
	VMDESC_E_COUNT_OF_REASONS
};

struct vmdesc_error {
	int vm; /* index of the VM at fault, or -1 (header, shared memory) */
	enum vmdesc_reason code;
	char vm_name[VMDESC_NAME_MAX]; /* "" until the names are known good */
	char field[32];		       /* e.g. "regions[2].size" */
	char reason[96];	       /* e.g. "not a multiple of 4096" */
};

struct vmdesc_range {
	uint64_t base;
	uint64_t size;
};

/*
 * What a run-time create may draw from: the resources of the calling parent.
 * A single-VM description is written in the parent's terms: its physical
 * addresses (region and shared-memory pa, device pa) are the parent's
 * guest-physical addresses, and its cpu_affinity bits are the parent's vCPUs.
 */
struct vmdesc_owner_view {
	/*
	 * Host tools checking a single-VM blob do not know the parent: every
	 * check that needs it is skipped. The hypervisor never sets this.
	 */
	bool unknown;
	uint32_t memory_count;
	uint32_t device_count;
	uint32_t irq_count;
	uint32_t vcpus;
	const struct vmdesc_range *memory;  /* the parent's RAM, parent IPA */
	const struct vmdesc_range *devices; /* the parent's MMIO, parent IPA */
	const uint32_t *irqs; /* the parent's physical interrupts */
	uint64_t colors;      /* 0 = the parent is not colored */
};

/*
 * The structure only: header, array bounds and alignment, image extents.
 * After it succeeds the accessors below are safe; vmdesc_validate() runs it
 * first. Returns 0 or HS_BAD_DESC with `err` (may be NULL) filled.
 */
int vmdesc_check_layout(const void *blob, uint32_t size,
			struct vmdesc_error *err);

/*
 * Everything. `parent` NULL: a boot configuration (kind PLATFORM). Non-NULL:
 * a run-time create (kind VM) checked against the parent's resources.
 * Returns 0, HS_BAD_DESC, or HS_INVALID when blob or plat is NULL.
 */
int vmdesc_validate(const void *blob, uint32_t size,
		    const struct platform_desc *plat,
		    const struct vmdesc_owner_view *parent,
		    struct vmdesc_error *err);

/* "vm 1 (linux): regions[2].size: not a multiple of 4096", always terminated.
 */
void vmdesc_error_format(const struct vmdesc_error *e, char *buf, size_t n);
/* The fixed text of a reason, without the details an error may add. */
const char *vmdesc_reason_text(enum vmdesc_reason r);

/* Cache colors of the board: llc.size / (llc.ways * 4096), at most 64. */
uint32_t vmdesc_color_count(const struct platform_desc *plat);
/*
 * Bytes from ram[0].base the hypervisor keeps: its image and pools, plus a
 * built-in blob of `blob_size` bytes rounded up to 2 MiB.
 */
uint64_t vmdesc_hyp_reserved(const struct platform_desc *plat,
			     uint32_t blob_size);

/*
 * Accessors for a blob that passed vmdesc_check_layout(): NULL when the index
 * is out of range, never a pointer outside the blob.
 */
const struct vmdesc_header *vmdesc_header(const void *blob);
const struct vmdesc_vm *vmdesc_vm(const struct vmdesc_header *h, uint32_t i);
const struct vmdesc_shmem *vmdesc_shmem(const struct vmdesc_header *h,
					uint32_t i);
const struct vmdesc_region *vmdesc_region(const struct vmdesc_header *h,
					  const struct vmdesc_vm *vm,
					  uint32_t i);
const struct vmdesc_device *vmdesc_device(const struct vmdesc_header *h,
					  const struct vmdesc_vm *vm,
					  uint32_t i);
const struct vmdesc_irq *vmdesc_irq(const struct vmdesc_header *h,
				    const struct vmdesc_vm *vm, uint32_t i);
const struct vmdesc_image *vmdesc_image(const struct vmdesc_header *h,
					const struct vmdesc_vm *vm, uint32_t i);
const struct vmdesc_ipc *vmdesc_ipc(const struct vmdesc_header *h,
				    const struct vmdesc_vm *vm, uint32_t i);
/* The bytes of a VMDESC_IMAGE_BLOB image, NULL for other sources. */
const void *vmdesc_image_data(const struct vmdesc_header *h,
			      const struct vmdesc_image *img);

#endif
