/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Device trees generated from VM descriptions (docs/guests.md): a VM's tree
 * names exactly what its description gives it, at the addresses and with
 * the interrupt numbers it sees. Host side, built on Debian's libfdt; used
 * by mkconfig (trees embedded at build time) and by `tessera-config dtb`.
 *
 * Every function here expects a blob that passed vmdesc_validate() against
 * `plat`: it trusts the counts, ranges and references the validator checked.
 */
#ifndef TESSERA_TOOLS_VMDTB_H
#define TESSERA_TOOLS_VMDTB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tessera/platform_desc.h>
#include <tessera/vmdesc.h>

#define VMDTB_MAX_STACK 16u

struct vmdtb_range {
	uint64_t base;
	uint64_t size;
};

/* What the description does not say: it is decided at run time or is a
 * guest's business. */
struct vmdtb_options {
	/*
	 * Arm: the interrupt controller the VM sees, 2 or 3 (0: 3). The
	 * hypervisor emulates the version the hardware has, so this must
	 * match the machine the image runs on.
	 */
	unsigned gic;
	/* RISC-V: leave Sstc out of riscv,isa (the hart lacks it). */
	bool no_sstc;
	const char *bootargs; /* NULL: no /chosen/bootargs */
	/* Index of the VM's image that is its initrd, or VMDESC_NONE. */
	uint32_t initrd;
	/*
	 * VM-stack: parts of the VM's memory it keeps for the children it
	 * creates (HC_VM_CREATE), reserved in its tree so its OS leaves them
	 * alone. Inside its regions, page aligned (mkconfig checks).
	 */
	struct vmdtb_range stack[VMDTB_MAX_STACK];
	unsigned nstack;
	/* Told what is left out of the tree and why; may be NULL. */
	void (*note)(void *ctx, const char *text);
	void *note_ctx;
};

/* The defaults: GICv3, Sstc, no bootargs, no initrd, no notes. */
void vmdtb_options_init(struct vmdtb_options *o);

/*
 * The tree of VM `vm` of a validated blob, as a malloc()ed flattened device
 * tree in *fdt (size in *size). 0, or -1 with the reason in msg.
 */
int vmdtb_generate(const void *blob, uint32_t vm,
		   const struct platform_desc *plat,
		   const struct vmdtb_options *o, void **fdt, size_t *size,
		   char *msg, size_t n);

/*
 * The VM's device tree inside the blob: the VMDESC_IMAGE_BLOB image loaded
 * at boot_arg, if its bytes are a flattened device tree. NULL otherwise.
 */
const void *vmdtb_embedded(const void *blob, uint32_t vm, size_t *size);

/*
 * Options as a tree states them: bootargs, the initrd (the image at
 * linux,initrd-start), VM-stack memory, the GIC version, Sstc. Regenerating
 * with them gives back a generated tree byte for byte. `o->bootargs` points
 * into `fdt`.
 */
void vmdtb_options_from_tree(const void *fdt, const void *blob, uint32_t vm,
			     struct vmdtb_options *o);

/* The board's own device tree (src/platform/<board>/qemu.dtb.dts), or NULL.
 */
const void *vmdtb_board_tree(const char *board);

#endif
