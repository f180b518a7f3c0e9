// SPDX-License-Identifier: Apache-2.0
/*
 * A VM's device tree from its description (docs/guests.md, "What the tree
 * contains"), written with libfdt's sequential-write functions.
 *
 * The tree names only what the description gives the VM: its memory, its
 * vCPUs, the emulated interrupt controller, timer and console at the
 * addresses the VM sees, its shared memory, and its pass-through devices.
 * A device's node is copied from the board's own tree (the one QEMU emits,
 * src/platform/<board>/qemu.dtb.dts) when the board table lists it, the VM
 * is given all of its MMIO and owns every interrupt it raises; otherwise the
 * device is left out and the caller is told. Interrupt numbers are the
 * board's (interrupts are mapped one to one), phandles are the VM tree's.
 *
 * Phandles are fixed numbers, so the same description always gives the same
 * bytes: `tessera-config dtb` reproduces what mkconfig embedded.
 */
#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vmdesc.h"
#include "vmdtb.h"

/* The boards' trees, compiled by dtc and embedded by tools/tools.mk. */
struct board_tree {
	const char *name;
	const unsigned char *start;
	const unsigned char *end;
};
extern const struct board_tree vmdtb_board_trees[];

enum arch { ARM64 = 1, RISCV64 };

/* Where a board's VMs see their interrupt controller. */
struct board {
	const char *name;
	enum arch arch;
	uint64_t gicd, gicr, gicc; /* Arm (platform_gic in platform.c) */
	uint64_t plic, plic_size;  /* RISC-V */
};

static const struct board boards[] = {
    {.name = "qemu-aarch64-virt",
     .arch = ARM64,
     .gicd = 0x08000000,
     .gicr = 0x080a0000,
     .gicc = 0x08010000},
    {.name = "qemu-riscv64-virt",
     .arch = RISCV64,
     .plic = 0x0c000000,
     .plic_size = 0x600000},
};

#define GICD_SIZE    0x10000u
#define GICR_FRAME   0x20000u /* one redistributor per vCPU */
#define GICC_SIZE    0x2000u  /* the GICV frame the hypervisor maps */
#define GIC_SPI	     0u
#define GIC_PPI	     1u
#define IRQ_EDGE     1u
#define IRQ_LEVEL    4u
#define CLK24_HZ     24000000u
#define UART_HZ	     3686400u
#define TIMEBASE_HZ  10000000u
#define RV_IRQ_M_EXT 11u
#define RV_IRQ_S_EXT 9u

/* Phandles of the VM's tree. */
#define PH_INTC	    1u
#define PH_CLK24    2u
#define PH_CLOCKS   8u	/* + n: fixed clocks copied from the board */
#define PH_CPU_INTC 64u /* + vCPU index (RISC-V) */

#define MAX_COPIES 64u
#define MAX_CLOCKS 8u
#define MAX_CELLS  256u /* a property written from numbers: 64 harts x 4 */

struct copy {
	int node;	/* offset in the board's tree */
	uint64_t shift; /* ipa - pa of the VM device holding it (mod 2^64) */
	uint64_t ipa;	/* where the VM sees its first registers */
};

struct clock {
	uint32_t board_phandle;
	uint32_t phandle; /* in the VM's tree */
	int node;	  /* offset in the board's tree, -1: our apb-pclk */
};

struct gen {
	void *fdt;
	int err; /* first libfdt error; later writes are skipped */
	const struct vmdesc_header *h;
	const struct vmdesc_vm *vm;
	uint32_t index;
	const struct platform_desc *plat;
	const struct board *b;
	const void *bt; /* the board's tree */
	const struct vmdtb_options *o;
	uint32_t board_intc; /* phandle of the board's interrupt controller */
	struct copy copies[MAX_COPIES];
	unsigned ncopies;
	struct clock clocks[MAX_CLOCKS];
	unsigned nclocks;
	bool clk24; /* the VM's tree needs the 24 MHz apb-pclk */
	char *msg;
	size_t n;
};

static int fail(struct gen *g, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int fail(struct gen *g, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(g->msg, g->n, fmt, ap);
	va_end(ap);
	return -1;
}

static void note(struct gen *g, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void note(struct gen *g, const char *fmt, ...)
{
	char text[256];
	va_list ap;
	int used;

	if (!g->o->note)
		return;
	used =
	    snprintf(text, sizeof(text), "vm %u (%s): ", g->index, g->vm->name);
	if (used < 0 || (size_t)used >= sizeof(text))
		used = 0;
	va_start(ap, fmt);
	vsnprintf(text + used, sizeof(text) - (size_t)used, fmt, ap);
	va_end(ap);
	g->o->note(g->o->note_ctx, text);
}

/* ---- the board's tree ---- */

const void *vmdtb_board_tree(const char *board)
{
	for (const struct board_tree *t = vmdtb_board_trees; t->name; t++)
		if (!strcmp(t->name, board) && t->end > t->start &&
		    fdt_check_header(t->start) == 0 &&
		    fdt_totalsize(t->start) <= (size_t)(t->end - t->start))
			return t->start;
	return NULL;
}

static const struct board *board_find(const char *name)
{
	for (size_t i = 0; i < sizeof(boards) / sizeof(boards[0]); i++)
		if (!strcmp(boards[i].name, name))
			return &boards[i];
	return NULL;
}

/* Does a string-list property hold `s`? */
static bool has_string(const void *fdt, int node, const char *prop,
		       const char *s)
{
	return fdt_stringlist_search(fdt, node, prop, s) >= 0;
}

static uint32_t get_u32(const void *fdt, int node, const char *prop,
			uint32_t dflt)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, prop, &len);

	return p && len == 4 ? fdt32_to_cpu(*p) : dflt;
}

/* `cells` big-endian cells at p as one number (1 or 2 cells). */
static uint64_t read_cells(const fdt32_t *p, int cells)
{
	uint64_t v = 0;

	for (int i = 0; i < cells; i++)
		v = v << 32 | fdt32_to_cpu(p[i]);
	return v;
}

/*
 * A node's reg is a physical address when every bus above it maps its
 * addresses one to one (an empty `ranges`, like QEMU's /soc).
 */
static bool physical(const void *fdt, int node)
{
	for (int p = fdt_parent_offset(fdt, node); p > 0;
	     p = fdt_parent_offset(fdt, p)) {
		int len;

		if (!fdt_getprop(fdt, p, "ranges", &len) || len != 0)
			return false;
	}
	return true;
}

/* The interrupt parent a node's interrupts go to (0: none named). */
static uint32_t irq_parent(const void *fdt, int node)
{
	for (int p = node; p >= 0; p = fdt_parent_offset(fdt, p)) {
		uint32_t ph = get_u32(fdt, p, "interrupt-parent", 0);

		if (ph)
			return ph;
		if (p == 0)
			break;
	}
	return 0;
}

/* ---- what the VM owns ---- */

static bool owns_irq(const struct gen *g, uint32_t id)
{
	for (uint32_t i = 0; i < g->vm->irqs.count; i++)
		if (vmdesc_irq(g->h, g->vm, i)->id == id)
			return true;
	return false;
}

/* The VM device holding [pa, pa + size), or NULL. */
static const struct vmdesc_device *device_holding(const struct gen *g,
						  uint64_t pa, uint64_t size)
{
	for (uint32_t i = 0; i < g->vm->devices.count; i++) {
		const struct vmdesc_device *d = vmdesc_device(g->h, g->vm, i);

		if (pa >= d->pa && size <= d->size &&
		    pa - d->pa <= d->size - size)
			return d;
	}
	return NULL;
}

static bool touches_vm_device(const struct gen *g, uint64_t pa, uint64_t size)
{
	for (uint32_t i = 0; i < g->vm->devices.count; i++) {
		const struct vmdesc_device *d = vmdesc_device(g->h, g->vm, i);

		if (pa < d->pa + d->size && d->pa < pa + size)
			return true;
	}
	return false;
}

static bool board_device(const struct gen *g, uint64_t base)
{
	for (uint32_t i = 0; i < g->plat->device_count; i++)
		if (g->plat->devices[i].base == base)
			return true;
	return false;
}

/* ---- which board devices the VM's tree describes ---- */

/* Properties that name other nodes of the board's tree. */
static const char *const foreign_refs[] = {
    "interrupts-extended",
    "interrupt-map",
    "gpios",
    "resets",
    "power-domains",
    "dmas",
    "iommus",
    "msi-parent",
    "msi-map",
    "memory-region",
    "phys",
    "pinctrl-0",
};

/* The reason a device cannot be described with the VM's interrupts. */
static const char *check_irqs(const struct gen *g, int node, char *why,
			      size_t n)
{
	int cells = g->b->arch == ARM64 ? 3 : 1, len;
	const fdt32_t *p = fdt_getprop(g->bt, node, "interrupts", &len);
	uint32_t parent = irq_parent(g->bt, node);

	if (!p)
		return NULL;
	if (parent && parent != g->board_intc)
		return "its interrupts go to another controller";
	if (len % (4 * cells))
		return "its interrupts are not in the board's format";
	for (int i = 0; i < len / 4; i += cells) {
		uint32_t id = fdt32_to_cpu(p[i]);

		if (g->b->arch == ARM64) {
			if (id != GIC_SPI)
				return "it raises a per-CPU interrupt";
			id = fdt32_to_cpu(p[i + 1]) + 32;
		}
		if (!owns_irq(g, id)) {
			snprintf(why, n, "interrupt %u is not the VM's", id);
			return why;
		}
	}
	return NULL;
}

/* Map the board's fixed clocks a device uses to clocks of the VM's tree. */
static const char *plan_clocks(struct gen *g, int node)
{
	int len;
	const fdt32_t *p = fdt_getprop(g->bt, node, "clocks", &len);

	for (int i = 0; p && i < len / 4; i++) {
		uint32_t ph = fdt32_to_cpu(p[i]);
		int clk = fdt_node_offset_by_phandle(g->bt, ph);
		unsigned k;

		if (clk < 0 ||
		    !has_string(g->bt, clk, "compatible", "fixed-clock") ||
		    get_u32(g->bt, clk, "#clock-cells", 1) != 0)
			return "it uses a clock that is not a fixed clock";
		if (get_u32(g->bt, clk, "clock-frequency", 0) == CLK24_HZ) {
			g->clk24 = true;
			continue;
		}
		for (k = 0; k < g->nclocks; k++)
			if (g->clocks[k].board_phandle == ph)
				break;
		if (k < g->nclocks)
			continue;
		if (g->nclocks == MAX_CLOCKS)
			return "it needs too many clocks";
		g->clocks[g->nclocks] =
		    (struct clock){ph, PH_CLOCKS + g->nclocks, clk};
		g->nclocks++;
	}
	return NULL;
}

/* Why a board node inside the VM's devices cannot be described, or NULL. */
static const char *describable(struct gen *g, int node, const fdt32_t *reg,
			       int entries, int ac, int sc, char *why, size_t n)
{
	int len;

	if (!board_device(g, read_cells(reg, ac)))
		return "the board's table does not list it";
	for (int e = 0; e < entries; e++) {
		const fdt32_t *r = reg + e * (ac + sc);

		if (!device_holding(g, read_cells(r, ac),
				    read_cells(r + ac, sc)))
			return "the VM is not given all of its registers";
	}
	if (fdt_first_subnode(g->bt, node) >= 0)
		return "it has child nodes";
	for (size_t i = 0; i < sizeof(foreign_refs) / sizeof(foreign_refs[0]);
	     i++)
		if (fdt_getprop(g->bt, node, foreign_refs[i], &len))
			return "it refers to other devices";
	if (check_irqs(g, node, why, n))
		return why;
	return plan_clocks(g, node);
}

/* Copied nodes in the order of the addresses the VM sees them at. */
static int by_address(const void *a, const void *b)
{
	const struct copy *x = a, *y = b;

	return x->ipa < y->ipa ? -1 : x->ipa > y->ipa;
}

/* Every board node the VM's devices hold, or a note why not. */
static int plan_devices(struct gen *g)
{
	for (int node = fdt_next_node(g->bt, 0, NULL); node >= 0;
	     node = fdt_next_node(g->bt, node, NULL)) {
		int parent = fdt_parent_offset(g->bt, node), len;
		const fdt32_t *reg = fdt_getprop(g->bt, node, "reg", &len);
		int ac = fdt_address_cells(g->bt, parent);
		int sc = fdt_size_cells(g->bt, parent);
		const char *name = fdt_get_name(g->bt, node, NULL);
		const struct vmdesc_device *d;
		uint64_t pa, size;
		char why[64];
		const char *bad;

		if (!reg || ac < 1 || ac > 2 || sc < 1 || sc > 2 ||
		    len < 4 * (ac + sc) || len % (4 * (ac + sc)) ||
		    !physical(g->bt, node))
			continue;
		pa = read_cells(reg, ac);
		size = read_cells(reg + ac, sc);
		if (!touches_vm_device(g, pa, size))
			continue;
		bad = describable(g, node, reg, len / (4 * (ac + sc)), ac, sc,
				  why, sizeof(why));
		if (bad) {
			note(g, "%s (0x%llx) left out of the tree: %s", name,
			     (unsigned long long)pa, bad);
			continue;
		}
		if (g->ncopies == MAX_COPIES)
			return fail(g, "more than %u devices to describe",
				    MAX_COPIES);
		d = device_holding(g, pa, size);
		g->copies[g->ncopies++] =
		    (struct copy){node, d->ipa - d->pa, pa + d->ipa - d->pa};
	}
	qsort(g->copies, g->ncopies, sizeof(g->copies[0]), by_address);
	return 0;
}

/* ---- writing ---- */

static void ok(struct gen *g, int rc)
{
	if (rc < 0 && !g->err)
		g->err = rc;
}

static void begin(struct gen *g, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void begin(struct gen *g, const char *fmt, ...)
{
	char name[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	if (!g->err)
		ok(g, fdt_begin_node(g->fdt, name));
}

static void end(struct gen *g)
{
	if (!g->err)
		ok(g, fdt_end_node(g->fdt));
}

static void prop(struct gen *g, const char *name, const void *v, int len)
{
	if (!g->err)
		ok(g, fdt_property(g->fdt, name, v, len));
}

static void prop_empty(struct gen *g, const char *name)
{
	prop(g, name, NULL, 0);
}

static void prop_str(struct gen *g, const char *name, const char *s)
{
	prop(g, name, s, (int)strlen(s) + 1);
}

static void prop_cells(struct gen *g, const char *name, const uint32_t *v,
		       unsigned n)
{
	fdt32_t cells[MAX_CELLS];

	if (n > MAX_CELLS)
		n = MAX_CELLS;
	for (unsigned i = 0; i < n; i++)
		cells[i] = cpu_to_fdt32(v[i]);
	prop(g, name, cells, (int)(4 * n));
}

static void prop_u32(struct gen *g, const char *name, uint32_t v)
{
	prop_cells(g, name, &v, 1);
}

static void prop_u64(struct gen *g, const char *name, uint64_t v)
{
	uint32_t cells[2] = {(uint32_t)(v >> 32), (uint32_t)v};

	prop_cells(g, name, cells, 2);
}

/* Two address and two size cells, as the VM's root has them. */
static void prop_reg(struct gen *g, uint64_t base, uint64_t size)
{
	uint32_t cells[4] = {(uint32_t)(base >> 32), (uint32_t)base,
			     (uint32_t)(size >> 32), (uint32_t)size};

	prop_cells(g, "reg", cells, 4);
}

/*
 * One interrupt specifier of the VM's controller for a shared interrupt. On
 * Arm every node inherits the root's interrupt-parent, the GIC. RISC-V trees
 * have none at the root, as QEMU's: the harts' own controllers must not
 * appear to be the PLIC's children (Linux then finds no root controller),
 * so each device names the PLIC.
 */
static void prop_irq(struct gen *g, uint32_t id, uint32_t flags)
{
	if (g->b->arch == ARM64) {
		uint32_t cells[3] = {GIC_SPI, id - 32, flags};

		prop_cells(g, "interrupts", cells, 3);
	} else {
		prop_u32(g, "interrupt-parent", PH_INTC);
		prop_u32(g, "interrupts", id);
	}
}

static unsigned gic_version(const struct gen *g)
{
	return g->o->gic == 2 ? 2 : 3;
}

static uint64_t console_node(const struct gen *g, char *path, size_t n)
{
	snprintf(path, n, "/%s@%llx",
		 g->vm->console == VMDESC_CONSOLE_PL011 ? "pl011" : "serial",
		 (unsigned long long)g->vm->console_ipa);
	return g->vm->console_ipa;
}

static void write_chosen(struct gen *g)
{
	begin(g, "chosen");
	if (g->o->bootargs)
		prop_str(g, "bootargs", g->o->bootargs);
	if (g->vm->console != VMDESC_CONSOLE_NONE) {
		char path[64];

		console_node(g, path, sizeof(path));
		prop_str(g, "stdout-path", path);
	}
	if (g->o->initrd != VMDESC_NONE) {
		const struct vmdesc_image *img =
		    vmdesc_image(g->h, g->vm, g->o->initrd);

		prop_u64(g, "linux,initrd-start", img->ipa);
		prop_u64(g, "linux,initrd-end", img->ipa + img->size);
	}
	end(g);
}

static void write_aliases(struct gen *g)
{
	char path[64];

	if (g->vm->console == VMDESC_CONSOLE_NONE)
		return;
	console_node(g, path, sizeof(path));
	begin(g, "aliases");
	prop_str(g, "serial0", path);
	end(g);
}

/*
 * The harts' ISA as the board's tree states it, without what a VM does not
 * have: the H extension (no nested virtualization) and, when asked, Sstc.
 */
static int riscv_isa(struct gen *g, char *isa, size_t n)
{
	int cpus = fdt_path_offset(g->bt, "/cpus"), cpu, len;
	const char *board_isa = NULL;
	size_t o = 0;

	fdt_for_each_subnode(cpu, g->bt, cpus)
	{
		board_isa = fdt_getprop(g->bt, cpu, "riscv,isa", &len);
		if (board_isa && len > 0 && !board_isa[len - 1])
			break;
		board_isa = NULL;
	}
	if (!board_isa || strncmp(board_isa, "rv64", 4) ||
	    strlen(board_isa) >= n)
		return fail(g, "the board's tree has no rv64 riscv,isa");
	for (const char *p = board_isa; *p;) {
		size_t tok = strcspn(p + 1, "_") + 1; /* "rv64imafdch", "_x" */

		if (p == board_isa) {
			for (size_t i = 0; i < tok; i++)
				if (i < 4 || p[i] != 'h')
					isa[o++] = p[i];
		} else if (!(g->o->no_sstc && tok == 5 &&
			     !strncmp(p, "_sstc", 5))) {
			memcpy(isa + o, p, tok);
			o += tok;
		}
		p += tok;
	}
	isa[o] = '\0';
	return 0;
}

/*
 * The same ISA in the newer binding's terms (riscv,isa-base and the string
 * list riscv,isa-extensions), which Linux prefers to riscv,isa: "rv64imac_zba"
 * gives "i", "m", "a", "c", "zba".
 */
static void prop_isa_extensions(struct gen *g, const char *isa)
{
	char list[256];
	size_t o = 0;

	for (const char *p = isa + 4; *p && *p != '_' && o + 2 <= sizeof(list);
	     p++) {
		list[o++] = *p;
		list[o++] = '\0';
	}
	for (const char *p = strchr(isa, '_'); p && *p; p += strcspn(p, "_")) {
		size_t n = strcspn(++p, "_");

		if (o + n + 1 > sizeof(list))
			break;
		memcpy(list + o, p, n);
		o += n;
		list[o++] = '\0';
	}
	prop_str(g, "riscv,isa-base", "rv64i");
	prop(g, "riscv,isa-extensions", list, (int)o);
}

static void write_cpus(struct gen *g, const char *isa)
{
	begin(g, "cpus");
	prop_u32(g, "#address-cells", 1);
	prop_u32(g, "#size-cells", 0);
	if (g->b->arch == RISCV64)
		prop_u32(g, "timebase-frequency", TIMEBASE_HZ);
	for (uint32_t i = 0; i < g->vm->vcpus; i++) {
		begin(g, "cpu@%x", i);
		prop_str(g, "device_type", "cpu");
		prop_u32(g, "reg", i);
		if (g->b->arch == ARM64) {
			/* MPIDR affinity = the vCPU's index. */
			prop_str(g, "compatible", "arm,armv8");
			prop_str(g, "enable-method", "psci");
		} else {
			/* Hart id = the vCPU's index. */
			prop_str(g, "status", "okay");
			prop_str(g, "compatible", "riscv");
			prop_str(g, "riscv,isa", isa);
			prop_isa_extensions(g, isa);
			prop_str(g, "mmu-type", "riscv,sv39");
			begin(g, "interrupt-controller");
			prop_str(g, "compatible", "riscv,cpu-intc");
			prop_u32(g, "#address-cells", 0);
			prop_u32(g, "#interrupt-cells", 1);
			prop_empty(g, "interrupt-controller");
			prop_u32(g, "phandle", PH_CPU_INTC + i);
			end(g);
		}
		end(g);
	}
	end(g);
}

static void write_memory(struct gen *g)
{
	for (uint32_t i = 0; i < g->vm->regions.count; i++) {
		const struct vmdesc_region *r = vmdesc_region(g->h, g->vm, i);

		begin(g, "memory@%llx", (unsigned long long)r->ipa);
		prop_str(g, "device_type", "memory");
		prop_reg(g, r->ipa, r->size);
		end(g);
	}
}

/*
 * Memory the guest must not allocate from: regions it cannot write (kept,
 * readable through the linear map unless not readable at all), memory it
 * keeps for its VM-stack children (never mapped: it is taken away from the
 * VM while a child has it) and the shared-memory windows (outside its memory
 * nodes, never mapped by the kernel on its own: a driver maps them through
 * the node).
 */
/* The VM's side of a region's message mode: its rank among the region's VMs.
 */
static uint32_t shmem_side(const struct gen *g, uint32_t shmem)
{
	uint32_t side = 0;

	for (uint32_t v = 0; v < g->index; v++) {
		const struct vmdesc_vm *vm = vmdesc_vm(g->h, v);

		for (uint32_t k = 0; k < vm->ipcs.count; k++)
			side += vmdesc_ipc(g->h, vm, k)->shmem == shmem;
	}
	return side;
}

static void write_reserved(struct gen *g)
{
	bool any = g->vm->ipcs.count > 0 || g->o->nstack > 0;

	for (uint32_t i = 0; i < g->vm->regions.count; i++)
		if (!(vmdesc_region(g->h, g->vm, i)->flags & VMDESC_MEM_W))
			any = true;
	if (!any)
		return;
	begin(g, "reserved-memory");
	prop_u32(g, "#address-cells", 2);
	prop_u32(g, "#size-cells", 2);
	prop_empty(g, "ranges");
	for (uint32_t i = 0; i < g->vm->regions.count; i++) {
		const struct vmdesc_region *r = vmdesc_region(g->h, g->vm, i);

		if (r->flags & VMDESC_MEM_W)
			continue;
		begin(g, "rom@%llx", (unsigned long long)r->ipa);
		prop_reg(g, r->ipa, r->size);
		if (!(r->flags & VMDESC_MEM_R))
			prop_empty(g, "no-map");
		end(g);
	}
	for (unsigned i = 0; i < g->o->nstack && i < VMDTB_MAX_STACK; i++) {
		begin(g, "vm-stack@%llx",
		      (unsigned long long)g->o->stack[i].base);
		prop_str(g, "compatible", "tessera,vm-stack");
		prop_reg(g, g->o->stack[i].base, g->o->stack[i].size);
		prop_empty(g, "no-map");
		end(g);
	}
	for (uint32_t i = 0; i < g->vm->ipcs.count; i++) {
		const struct vmdesc_ipc *c = vmdesc_ipc(g->h, g->vm, i);
		const struct vmdesc_shmem *s = vmdesc_shmem(g->h, c->shmem);
		char name[VMDESC_NAME_MAX];

		memcpy(name, s->name, sizeof(name));
		name[sizeof(name) - 1] = '\0';
		begin(g, "shmem@%llx", (unsigned long long)c->ipa);
		prop_str(g, "compatible", "tessera,shmem");
		prop_reg(g, c->ipa, s->size);
		prop_empty(g, "no-map");
		prop_str(g, "label", name);
		prop_u32(g, "tessera,ipc", i); /* HC_IPC_NOTIFY's argument */
		prop_u32(g, "tessera,side", shmem_side(g, c->shmem));
		if (c->flags & VMDESC_IPC_RO)
			prop_empty(g, "tessera,read-only");
		if (c->doorbell)
			prop_irq(g, c->doorbell, IRQ_EDGE);
		end(g);
	}
	end(g);
}

static void write_firmware(struct gen *g)
{
	static const char psci[] = "arm,psci-1.0\0arm,psci-0.2";

	if (g->b->arch != ARM64)
		return;
	/* Tessera answers PSCI on both conduits. */
	begin(g, "psci");
	prop(g, "compatible", psci, sizeof(psci));
	prop_str(g, "method", "smc");
	end(g);
	if (g->vm->tee == VMDESC_NONE)
		return;
	begin(g, "firmware");
	begin(g, "optee");
	prop_str(g, "compatible", "linaro,optee-tz");
	prop_str(g, "method", "smc");
	end(g);
	end(g);
}

static void write_gic(struct gen *g)
{
	uint32_t n = g->vm->vcpus;
	uint64_t second = gic_version(g) == 3 ? g->b->gicr : g->b->gicc;
	uint64_t second_size =
	    gic_version(g) == 3 ? (uint64_t)GICR_FRAME * n : GICC_SIZE;
	uint32_t reg[8] = {(uint32_t)(g->b->gicd >> 32),
			   (uint32_t)g->b->gicd,
			   0,
			   GICD_SIZE,
			   (uint32_t)(second >> 32),
			   (uint32_t)second,
			   (uint32_t)(second_size >> 32),
			   (uint32_t)second_size};
	/* GICv2 PPIs name the CPUs they reach (bits 15:8). */
	uint32_t ppi =
	    IRQ_LEVEL |
	    (gic_version(g) == 2 ? (((1u << (n < 8 ? n : 8)) - 1) << 8) : 0);
	uint32_t timer[12] = {GIC_PPI, 13, ppi, GIC_PPI, 14, ppi,
			      GIC_PPI, 11, ppi, GIC_PPI, 10, ppi};

	begin(g, "interrupt-controller@%llx", (unsigned long long)g->b->gicd);
	prop_str(g, "compatible",
		 gic_version(g) == 3 ? "arm,gic-v3" : "arm,cortex-a15-gic");
	prop_u32(g, "#address-cells", 0);
	prop_u32(g, "#interrupt-cells", 3);
	prop_empty(g, "interrupt-controller");
	prop_cells(g, "reg", reg, 8);
	prop_u32(g, "phandle", PH_INTC);
	end(g);
	/* Secure and non-secure physical, virtual, hypervisor timer PPIs. */
	begin(g, "timer");
	prop_str(g, "compatible", "arm,armv8-timer");
	prop_cells(g, "interrupts", timer, 12);
	end(g);
}

/* One S-mode context per vCPU: context 2i + 1 (2i is an absent M-mode one),
 * as QEMU numbers a board's harts and src/arch/riscv/vplic.c a VM's. */
static void write_plic(struct gen *g)
{
	static const char compat[] = "sifive,plic-1.0.0\0riscv,plic0";
	uint32_t ext[4 * 64];
	uint32_t n = g->vm->vcpus;

	if (n > 64) /* the validator allows no more */
		n = 64;

	for (uint32_t i = 0; i < n; i++) {
		ext[4 * i] = PH_CPU_INTC + i;
		ext[4 * i + 1] = RV_IRQ_M_EXT;
		ext[4 * i + 2] = PH_CPU_INTC + i;
		ext[4 * i + 3] = RV_IRQ_S_EXT;
	}
	begin(g, "plic@%llx", (unsigned long long)g->b->plic);
	prop(g, "compatible", compat, sizeof(compat));
	prop_u32(g, "#address-cells", 0);
	prop_u32(g, "#interrupt-cells", 1);
	prop_empty(g, "interrupt-controller");
	prop_reg(g, g->b->plic, g->b->plic_size);
	prop_u32(g, "riscv,ndev", g->plat->irq_first + g->plat->irq_count - 1);
	prop_cells(g, "interrupts-extended", ext, 4 * n);
	prop_u32(g, "phandle", PH_INTC);
	end(g);
}

static void write_clocks(struct gen *g)
{
	if (g->clk24) {
		begin(g, "apb-pclk");
		prop_str(g, "compatible", "fixed-clock");
		prop_u32(g, "#clock-cells", 0);
		prop_u32(g, "clock-frequency", CLK24_HZ);
		prop_str(g, "clock-output-names", "clk24mhz");
		prop_u32(g, "phandle", PH_CLK24);
		end(g);
	}
	for (unsigned k = 0; k < g->nclocks; k++) {
		int node = g->clocks[k].node, off;

		begin(g, "%s", fdt_get_name(g->bt, node, NULL));
		fdt_for_each_property_offset(off, g->bt, node)
		{
			const char *name;
			int len;
			const void *v =
			    fdt_getprop_by_offset(g->bt, off, &name, &len);

			if (strcmp(name, "phandle") &&
			    strcmp(name, "linux,phandle"))
				prop(g, name, v, len);
		}
		prop_u32(g, "phandle", g->clocks[k].phandle);
		end(g);
	}
}

static void write_console(struct gen *g)
{
	static const char pl011[] = "arm,pl011\0arm,primecell";
	static const char clock_names[] = "uartclk\0apb_pclk";
	char path[64];
	uint64_t ipa = console_node(g, path, sizeof(path));

	if (g->vm->console == VMDESC_CONSOLE_NONE)
		return;
	begin(g, "%s", path + 1);
	if (g->vm->console == VMDESC_CONSOLE_PL011) {
		const uint32_t clocks[2] = {PH_CLK24, PH_CLK24};

		prop(g, "compatible", pl011, sizeof(pl011));
		prop_reg(g, ipa, VMDESC_CONSOLE_SIZE);
		prop_irq(g, g->vm->console_irq, IRQ_LEVEL);
		prop_cells(g, "clocks", clocks, 2);
		prop(g, "clock-names", clock_names, sizeof(clock_names));
	} else {
		prop_str(g, "compatible", "ns16550a");
		prop_reg(g, ipa, VMDESC_CONSOLE_SIZE);
		prop_irq(g, g->vm->console_irq, IRQ_LEVEL);
		prop_u32(g, "clock-frequency", UART_HZ);
		prop_u32(g, "reg-shift", 0);
	}
	end(g);
}

/* reg of a board node, moved to where the VM sees it. */
static void copy_reg(struct gen *g, int node, const struct copy *c)
{
	int parent = fdt_parent_offset(g->bt, node), len;
	int ac = fdt_address_cells(g->bt, parent);
	int sc = fdt_size_cells(g->bt, parent);
	const fdt32_t *reg = fdt_getprop(g->bt, node, "reg", &len);
	int entries = len / (4 * (ac + sc));
	uint32_t cells[4 * 16];

	if (entries > 16)
		entries = 16;
	for (int e = 0; e < entries; e++) {
		uint64_t base = read_cells(reg + e * (ac + sc), ac) + c->shift;
		uint64_t size = read_cells(reg + e * (ac + sc) + ac, sc);

		cells[4 * e] = (uint32_t)(base >> 32);
		cells[4 * e + 1] = (uint32_t)base;
		cells[4 * e + 2] = (uint32_t)(size >> 32);
		cells[4 * e + 3] = (uint32_t)size;
	}
	prop_cells(g, "reg", cells, 4 * (unsigned)entries);
}

static void copy_clocks(struct gen *g, const fdt32_t *v, int len)
{
	uint32_t cells[16];
	int n = len / 4 < 16 ? len / 4 : 16;

	for (int i = 0; i < n; i++) {
		uint32_t ph = fdt32_to_cpu(v[i]);

		cells[i] = PH_CLK24;
		for (unsigned k = 0; k < g->nclocks; k++)
			if (g->clocks[k].board_phandle == ph)
				cells[i] = g->clocks[k].phandle;
	}
	prop_cells(g, "clocks", cells, (unsigned)n);
}

static void copy_device(struct gen *g, const struct copy *c)
{
	const char *name = fdt_get_name(g->bt, c->node, NULL);
	int len, off, stem = (int)strcspn(name, "@");

	begin(g, "%.*s@%llx", stem, name, (unsigned long long)c->ipa);
	fdt_for_each_property_offset(off, g->bt, c->node)
	{
		const char *p;
		const void *v = fdt_getprop_by_offset(g->bt, off, &p, &len);

		if (!strcmp(p, "phandle") || !strcmp(p, "linux,phandle"))
			continue;
		if (!strcmp(p, "reg"))
			copy_reg(g, c->node, c);
		else if (!strcmp(p, "interrupt-parent"))
			prop_u32(g, p, PH_INTC);
		else if (!strcmp(p, "clocks"))
			copy_clocks(g, v, len);
		else
			prop(g, p, v, len); /* interrupts: the same numbers */
	}
	/* A RISC-V device names its controller (see prop_irq()). */
	if (g->b->arch == RISCV64 &&
	    fdt_getprop(g->bt, c->node, "interrupts", NULL) &&
	    !fdt_getprop(g->bt, c->node, "interrupt-parent", NULL))
		prop_u32(g, "interrupt-parent", PH_INTC);
	end(g);
}

static void write_tree(struct gen *g, const char *isa)
{
	char model[VMDESC_NAME_MAX + 16];

	snprintf(model, sizeof(model), "Tessera VM %.*s", VMDESC_NAME_MAX,
		 g->vm->name);
	ok(g, fdt_finish_reservemap(g->fdt));
	begin(g, "%s", "");
	prop_u32(g, "#address-cells", 2);
	prop_u32(g, "#size-cells", 2);
	prop_str(g, "compatible", "tessera,vm");
	prop_str(g, "model", model);
	if (g->b->arch == ARM64)
		prop_u32(g, "interrupt-parent", PH_INTC);
	write_aliases(g);
	write_chosen(g);
	write_cpus(g, isa);
	write_memory(g);
	write_reserved(g);
	write_firmware(g);
	if (g->b->arch == ARM64)
		write_gic(g);
	else
		write_plic(g);
	write_clocks(g);
	write_console(g);
	for (unsigned i = 0; i < g->ncopies; i++)
		copy_device(g, &g->copies[i]);
	end(g);
	if (!g->err)
		ok(g, fdt_finish(g->fdt));
}

/* ---- entry points ---- */

void vmdtb_options_init(struct vmdtb_options *o)
{
	memset(o, 0, sizeof(*o));
	o->gic = 3;
	o->initrd = VMDESC_NONE;
}

static int setup(struct gen *g)
{
	const char *compat = g->b->arch == ARM64 ? "arm,gic-v3" : "riscv,plic0";
	int intc;

	g->bt = vmdtb_board_tree(g->plat->name);
	if (!g->bt)
		return fail(g, "no device tree of board \"%s\" built in",
			    g->plat->name);
	intc = fdt_node_offset_by_compatible(g->bt, -1, compat);
	g->board_intc = intc < 0 ? 0 : fdt_get_phandle(g->bt, intc);
	if (!g->board_intc)
		return fail(g, "the board's tree has no %s", compat);
	if (g->o->gic != 0 && g->o->gic != 2 && g->o->gic != 3)
		return fail(g, "GIC version %u: 2 or 3", g->o->gic);
	if (g->o->initrd != VMDESC_NONE &&
	    !vmdesc_image(g->h, g->vm, g->o->initrd))
		return fail(g, "initrd: the VM has no image %u", g->o->initrd);
	g->clk24 = g->vm->console == VMDESC_CONSOLE_PL011;
	return plan_devices(g);
}

int vmdtb_generate(const void *blob, uint32_t vm,
		   const struct platform_desc *plat,
		   const struct vmdtb_options *o, void **fdt, size_t *size,
		   char *msg, size_t n)
{
	struct gen g = {.h = vmdesc_header(blob),
			.index = vm,
			.plat = plat,
			.o = o,
			.msg = msg,
			.n = n};
	char isa[256] = "";

	*fdt = NULL;
	*size = 0;
	g.vm = vmdesc_vm(g.h, vm);
	if (!g.vm)
		return fail(&g, "no VM %u", vm);
	g.b = board_find(plat->name);
	if (!g.b)
		return fail(&g, "no device tree layout for board \"%s\"",
			    plat->name);
	if (setup(&g) ||
	    (g.b->arch == RISCV64 && riscv_isa(&g, isa, sizeof(isa))))
		return -1;
	for (int cap = 16384; cap <= 1 << 20; cap *= 2) {
		g.fdt = malloc((size_t)cap);
		g.err = 0;
		if (!g.fdt)
			return fail(&g, "out of memory");
		ok(&g, fdt_create(g.fdt, cap));
		write_tree(&g, isa);
		if (!g.err) {
			*fdt = g.fdt;
			*size = fdt_totalsize(g.fdt);
			return 0;
		}
		free(g.fdt);
		if (g.err != -FDT_ERR_NOSPACE)
			break;
	}
	return fail(&g, "libfdt: %s", fdt_strerror(g.err));
}

const void *vmdtb_embedded(const void *blob, uint32_t vm, size_t *size)
{
	const struct vmdesc_header *h = vmdesc_header(blob);
	const struct vmdesc_vm *v = vmdesc_vm(h, vm);

	for (uint32_t i = 0; v && i < v->images.count; i++) {
		const struct vmdesc_image *img = vmdesc_image(h, v, i);
		const void *data = vmdesc_image_data(h, img);

		if (!data || img->ipa != v->boot_arg ||
		    img->size < FDT_V1_SIZE || fdt_check_header(data) ||
		    fdt_totalsize(data) > img->size)
			continue;
		*size = fdt_totalsize(data);
		return data;
	}
	return NULL;
}

void vmdtb_options_from_tree(const void *fdt, const void *blob, uint32_t vm,
			     struct vmdtb_options *o)
{
	const struct vmdesc_header *h = vmdesc_header(blob);
	const struct vmdesc_vm *v = vmdesc_vm(h, vm);
	int chosen = fdt_path_offset(fdt, "/chosen"), cpus, cpu, len;
	const char *s = fdt_getprop(fdt, chosen, "bootargs", &len);
	const fdt32_t *start;

	if (s && len > 0 && !s[len - 1])
		o->bootargs = s;
	start = fdt_getprop(fdt, chosen, "linux,initrd-start", &len);
	if (start && (len == 4 || len == 8))
		for (uint32_t i = 0; v && i < v->images.count; i++)
			if (vmdesc_image(h, v, i)->ipa ==
			    read_cells(start, len / 4))
				o->initrd = i;
	for (int n = fdt_node_offset_by_compatible(fdt, -1, "tessera,vm-stack");
	     n >= 0 && o->nstack < VMDTB_MAX_STACK;
	     n = fdt_node_offset_by_compatible(fdt, n, "tessera,vm-stack")) {
		const fdt32_t *reg = fdt_getprop(fdt, n, "reg", &len);

		if (reg && len == 16)
			o->stack[o->nstack++] = (struct vmdtb_range){
			    read_cells(reg, 2), read_cells(reg + 2, 2)};
	}
	if (fdt_node_offset_by_compatible(fdt, -1, "arm,cortex-a15-gic") >= 0)
		o->gic = 2;
	cpus = fdt_path_offset(fdt, "/cpus");
	fdt_for_each_subnode(cpu, fdt, cpus)
	{
		const char *isa = fdt_getprop(fdt, cpu, "riscv,isa", &len);

		if (isa && len > 0 && !isa[len - 1]) {
			const char *x = strstr(isa, "_sstc");

			o->no_sstc = !x || (x[5] && x[5] != '_');
			break;
		}
	}
}
