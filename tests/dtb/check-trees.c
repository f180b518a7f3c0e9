// SPDX-License-Identifier: Apache-2.0
/*
 * check-trees: every VM's device tree against its description (make
 * check-trees; docs/guests.md).
 *
 *   check-trees --tool TESSERA_CONFIG --out DIR BLOB...
 *
 * For every VM of every blob: `tessera-config dtb` generates its tree, `dtc`
 * decompiles it without a single warning (DIR/<blob>/<vm>.dts), and the tree
 * is checked against the description, with expectations written here rather
 * than taken from the generator: the memory nodes are exactly the VM's
 * regions, one cpu node per vCPU with ids 0..n-1, the interrupt controller
 * at the board's addresses sized for the vCPUs, the console at its address
 * with its interrupt, every board device the VM owns whole (registers and
 * interrupts) described at its guest-physical address with its interrupts,
 * and no node naming an address or an interrupt the VM does not own. A tree
 * embedded in the blob (the image at boot_arg) gets the same checks; a
 * generated one must equal the regenerated tree byte for byte.
 */
#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/vmdesc.h"

#define ARM_GICD       0x08000000ull
#define ARM_GICR       0x080a0000ull
#define ARM_GICC       0x08010000ull
#define ARM_GICR_FRAME 0x20000ull
#define RV_PLIC	       0x0c000000ull
#define RV_PLIC_SIZE   0x600000ull

struct vmref {
	const struct vmdesc_header *h;
	const struct vmdesc_vm *vm;
	const struct platform_desc *plat;
	const char *what; /* "blob: vm N (name), generated tree" */
	bool arm;
	uint32_t intc; /* phandle of the interrupt controller, 0: none */
	int bad;
};

static void bad(struct vmref *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void bad(struct vmref *r, const char *fmt, ...)
{
	va_list ap;

	printf("FAIL %s: ", r->what);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	r->bad = 1;
}

static void *read_all(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	void *data = NULL;
	long len = -1;

	if (f && !fseek(f, 0, SEEK_END))
		len = ftell(f);
	if (len > 0 && !fseek(f, 0, SEEK_SET) && (data = malloc((size_t)len)) &&
	    fread(data, 1, (size_t)len, f) != (size_t)len) {
		free(data);
		data = NULL;
	}
	if (f)
		(void)fclose(f); /* read only: nothing to lose */
	*size = data ? (size_t)len : 0;
	return data;
}

/* ---- reading the tree ---- */

static uint64_t cells(const fdt32_t *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v = v << 32 | fdt32_to_cpu(p[i]);
	return v;
}

/* reg entry `e` of a node under a 2/2-cell parent; false if there is none. */
static bool reg_at(const void *fdt, int node, int e, uint64_t *base,
		   uint64_t *size)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, "reg", &len);

	if (!p || len < 16 * (e + 1))
		return false;
	*base = cells(p + 4 * e, 2);
	*size = cells(p + 4 * e + 2, 2);
	return true;
}

static uint32_t u32_of(const void *fdt, int node, const char *name,
		       uint32_t dflt)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	return p && len == 4 ? fdt32_to_cpu(*p) : dflt;
}

static bool is_compatible(const void *fdt, int node, const char *c)
{
	return fdt_stringlist_search(fdt, node, "compatible", c) >= 0;
}

/* The phandle a node's interrupts go to, from it or its parents; 0: none. */
static uint32_t irq_parent(const void *fdt, int node)
{
	for (; node >= 0; node = node ? fdt_parent_offset(fdt, node) : -1) {
		uint32_t ph = u32_of(fdt, node, "interrupt-parent", 0);

		if (ph)
			return ph;
	}
	return 0;
}

/* The VM's interrupt number as a specifier names it; 0 if not an SPI. */
static uint32_t irq_id(const struct vmref *r, const fdt32_t *spec)
{
	if (!r->arm)
		return fdt32_to_cpu(spec[0]);
	return fdt32_to_cpu(spec[0]) == 0 ? fdt32_to_cpu(spec[1]) + 32 : 0;
}

/* ---- the description ---- */

static bool owns_irq(const struct vmref *r, uint32_t id)
{
	for (uint32_t i = 0; i < r->vm->irqs.count; i++)
		if (vmdesc_irq(r->h, r->vm, i)->id == id)
			return true;
	return false;
}

static bool doorbell(const struct vmref *r, uint32_t id)
{
	for (uint32_t i = 0; i < r->vm->ipcs.count; i++)
		if (vmdesc_ipc(r->h, r->vm, i)->doorbell == id)
			return true;
	return false;
}

/* The VM device range holding guest-physical [ipa, ipa + size), or NULL. */
static const struct vmdesc_device *device_at(const struct vmref *r,
					     uint64_t ipa, uint64_t size)
{
	for (uint32_t i = 0; i < r->vm->devices.count; i++) {
		const struct vmdesc_device *d = vmdesc_device(r->h, r->vm, i);

		if (ipa >= d->ipa && ipa + size <= d->ipa + d->size)
			return d;
	}
	return NULL;
}

/* ---- the checks ---- */

static void check_memory(struct vmref *r, const void *fdt)
{
	unsigned found = 0, nodes = 0;
	int node;

	fdt_for_each_subnode(node, fdt, 0)
	{
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		uint64_t base, size;

		if (!type || strcmp(type, "memory"))
			continue;
		for (int e = 0; reg_at(fdt, node, e, &base, &size); e++) {
			uint32_t k;

			nodes++;
			for (k = 0; k < r->vm->regions.count; k++) {
				const struct vmdesc_region *g =
				    vmdesc_region(r->h, r->vm, k);

				if (g->ipa == base && g->size == size)
					break;
			}
			if (k == r->vm->regions.count)
				bad(r, "memory 0x%llx + 0x%llx is not a region",
				    (unsigned long long)base,
				    (unsigned long long)size);
			else
				found++;
		}
	}
	if (found != r->vm->regions.count || nodes != found)
		bad(r, "%u memory ranges, %u of them the VM's %u regions",
		    nodes, found, r->vm->regions.count);
}

static void check_cpus(struct vmref *r, const void *fdt)
{
	int cpus = fdt_path_offset(fdt, "/cpus"), node;
	uint64_t seen = 0;
	unsigned n = 0;

	fdt_for_each_subnode(node, fdt, cpus)
	{
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		const char *isa = fdt_getprop(fdt, node, "riscv,isa", NULL);
		uint32_t id = u32_of(fdt, node, "reg", ~0u);

		if (!type || strcmp(type, "cpu"))
			continue;
		n++;
		if (id >= r->vm->vcpus || (seen >> id & 1))
			bad(r, "cpu id %u: not one of 0..%u", id,
			    r->vm->vcpus - 1);
		else
			seen |= 1ull << id;
		if (r->arm) {
			const char *m =
			    fdt_getprop(fdt, node, "enable-method", NULL);

			if (!m || strcmp(m, "psci"))
				bad(r, "cpu %u: enable-method not psci", id);
		} else if (!isa || strncmp(isa, "rv64", 4) ||
			   memchr(isa + 4, 'h', strcspn(isa + 4, "_"))) {
			bad(r, "cpu %u: riscv,isa \"%s\"", id, isa ? isa : "");
		}
	}
	if (n != r->vm->vcpus)
		bad(r, "%u cpus for %u vCPUs", n, r->vm->vcpus);
	if (r->arm) {
		int psci =
		    fdt_node_offset_by_compatible(fdt, -1, "arm,psci-0.2");
		const char *m =
		    psci < 0 ? NULL : fdt_getprop(fdt, psci, "method", NULL);

		if (!m || (strcmp(m, "smc") && strcmp(m, "hvc")))
			bad(r, "no PSCI node with method smc or hvc");
	}
}

static void check_intc(struct vmref *r, const void *fdt)
{
	int v3 = fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v3");
	int v2 = fdt_node_offset_by_compatible(fdt, -1, "arm,cortex-a15-gic");
	int plic = fdt_node_offset_by_compatible(fdt, -1, "riscv,plic0");
	int node = r->arm ? (v3 >= 0 ? v3 : v2) : plic, len;
	uint64_t b0, s0, b1 = 0, s1 = 0;

	r->intc = 0;
	if (node < 0) {
		bad(r, "no interrupt controller");
		return;
	}
	r->intc = fdt_get_phandle(fdt, node);
	if (r->arm &&
	    u32_of(fdt, 0, "interrupt-parent", 0) != fdt_get_phandle(fdt, node))
		bad(r, "the root's interrupt-parent is not the GIC");
	if (!r->arm && fdt_getprop(fdt, 0, "interrupt-parent", NULL))
		bad(r, "interrupt-parent at the root: the harts' controllers "
		       "would be the PLIC's children");
	if (!reg_at(fdt, node, 0, &b0, &s0) ||
	    (r->arm && !reg_at(fdt, node, 1, &b1, &s1)))
		bad(r, "interrupt controller without its registers");
	else if (r->arm && v3 >= 0 &&
		 (b0 != ARM_GICD || b1 != ARM_GICR ||
		  s1 != ARM_GICR_FRAME * r->vm->vcpus))
		bad(r, "GICv3 not at 0x%llx / 0x%llx for %u vCPUs", ARM_GICD,
		    ARM_GICR, r->vm->vcpus);
	else if (r->arm && v3 < 0 && (b0 != ARM_GICD || b1 != ARM_GICC))
		bad(r, "GICv2 not at 0x%llx / 0x%llx", ARM_GICD, ARM_GICC);
	else if (!r->arm && (b0 != RV_PLIC || s0 != RV_PLIC_SIZE))
		bad(r, "PLIC not at 0x%llx", RV_PLIC);
	if (!r->arm && (!fdt_getprop(fdt, node, "interrupts-extended", &len) ||
			len != 16 * (int)r->vm->vcpus))
		bad(r, "PLIC: not two contexts (M, S) per vCPU");
}

static void check_console(struct vmref *r, const void *fdt)
{
	const char *path = fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"),
				       "stdout-path", NULL);
	int node = path ? fdt_path_offset(fdt, path) : -1, len;
	const fdt32_t *irq;
	uint64_t base, size;

	if (r->vm->console == VMDESC_CONSOLE_NONE)
		return;
	if (node < 0) {
		bad(r, "stdout-path does not name the console");
		return;
	}
	irq = fdt_getprop(fdt, node, "interrupts", &len);
	if (!is_compatible(fdt, node,
			   r->vm->console == VMDESC_CONSOLE_PL011 ? "arm,pl011"
								  : "ns16550a"))
		bad(r, "console: not the emulated UART's compatible");
	if (!reg_at(fdt, node, 0, &base, &size) || base != r->vm->console_ipa ||
	    size > VMDESC_CONSOLE_SIZE)
		bad(r, "console: reg is not its page at 0x%llx",
		    (unsigned long long)r->vm->console_ipa);
	if (!irq || len != (r->arm ? 12 : 4) ||
	    irq_id(r, irq) != r->vm->console_irq)
		bad(r, "console: interrupts is not %u", r->vm->console_irq);
}

/* Is guest-physical [base, base + size) inside one of the VM's regions? */
static bool in_memory(const struct vmref *r, uint64_t base, uint64_t size)
{
	for (uint32_t k = 0; k < r->vm->regions.count; k++) {
		const struct vmdesc_region *g = vmdesc_region(r->h, r->vm, k);

		if (base >= g->ipa && base + size <= g->ipa + g->size)
			return true;
	}
	return false;
}

/* How many VMs before this one link region `shmem`: its message-mode side. */
static uint32_t side_of(const struct vmref *r, uint32_t shmem)
{
	uint32_t side = 0;

	for (uint32_t v = 0; vmdesc_vm(r->h, v) != r->vm; v++)
		for (uint32_t k = 0; k < vmdesc_vm(r->h, v)->ipcs.count; k++)
			side +=
			    vmdesc_ipc(r->h, vmdesc_vm(r->h, v), k)->shmem ==
			    shmem;
	return side;
}

static void check_shmem(struct vmref *r, const void *fdt)
{
	int res = fdt_path_offset(fdt, "/reserved-memory"), node;

	/* Memory kept for VM-stack children is the VM's own. */
	fdt_for_each_subnode(node, fdt, res)
	{
		uint64_t base, size;

		if (is_compatible(fdt, node, "tessera,vm-stack") &&
		    (!reg_at(fdt, node, 0, &base, &size) ||
		     !in_memory(r, base, size)))
			bad(r, "%s: not inside the VM's memory",
			    fdt_get_name(fdt, node, NULL));
	}

	for (uint32_t i = 0; i < r->vm->ipcs.count; i++) {
		const struct vmdesc_ipc *c = vmdesc_ipc(r->h, r->vm, i);
		const struct vmdesc_shmem *s = vmdesc_shmem(r->h, c->shmem);
		bool found = false;

		fdt_for_each_subnode(node, fdt, res)
		{
			uint64_t base, size;

			if (!reg_at(fdt, node, 0, &base, &size) ||
			    base != c->ipa || size != s->size)
				continue;
			found = true;
			if (u32_of(fdt, node, "tessera,ipc", ~0u) != i ||
			    u32_of(fdt, node, "tessera,side", ~0u) !=
				side_of(r, c->shmem))
				bad(r,
				    "ipcs[%u]: wrong tessera,ipc or "
				    "tessera,side",
				    i);
		}
		if (!found)
			bad(r, "no reserved-memory node for ipcs[%u]", i);
	}
}

/* Is `node` the console, memory, or part of the platform every VM has? */
static bool vm_own_node(const void *fdt, int node, const struct vmref *r)
{
	const char *type = fdt_getprop(fdt, node, "device_type", NULL);
	const char *name = fdt_get_name(fdt, node, NULL);
	uint64_t base, size;

	if (type && !strcmp(type, "memory"))
		return true;
	if (fdt_getprop(fdt, node, "interrupt-controller", NULL))
		return true;
	if (!strcmp(name, "reserved-memory") || !strcmp(name, "cpus"))
		return true;
	return r->vm->console != VMDESC_CONSOLE_NONE &&
	       reg_at(fdt, node, 0, &base, &size) && base == r->vm->console_ipa;
}

/*
 * Nothing the VM does not own: every other node's registers lie in its
 * device ranges, every interrupt it names is the VM's own.
 */
static void check_nothing_foreign(struct vmref *r, const void *fdt)
{
	int node, depth = 0;

	for (node = fdt_next_node(fdt, 0, &depth); node >= 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		const char *name = fdt_get_name(fdt, node, NULL);
		const fdt32_t *irq;
		uint64_t base, size;
		int len, cellsz = r->arm ? 3 : 1;
		bool timer =
		    r->arm && is_compatible(fdt, node, "arm,armv8-timer");
		bool shm = is_compatible(fdt, node, "tessera,shmem");

		irq = fdt_getprop(fdt, node, "interrupts", &len);
		if (irq && irq_parent(fdt, node) != r->intc)
			bad(r, "%s: interrupts not for the VM's controller",
			    name);
		for (int i = 0; irq && !timer && i + cellsz <= len / 4;
		     i += cellsz) {
			uint32_t id = irq_id(r, irq + i);

			if (!owns_irq(r, id) && !(shm && doorbell(r, id)) &&
			    !(id == r->vm->console_irq &&
			      vm_own_node(fdt, node, r)))
				bad(r, "%s: interrupt %u is not the VM's", name,
				    id);
		}
		if (depth != 1 || vm_own_node(fdt, node, r))
			continue;
		for (int e = 0; reg_at(fdt, node, e, &base, &size); e++)
			if (!device_at(r, base, size))
				bad(r, "%s: 0x%llx is not the VM's device",
				    name, (unsigned long long)base);
	}
}

/* Every board device the VM owns whole is described where the VM sees it. */
static void check_devices(struct vmref *r, const void *fdt)
{
	for (uint32_t k = 0; k < r->plat->device_count; k++) {
		const struct platform_device *p = &r->plat->devices[k];
		const struct vmdesc_device *d = NULL;
		uint64_t ipa, base, size;
		bool all = true, found = false;
		int node;

		for (uint32_t i = 0; i < r->vm->devices.count; i++) {
			const struct vmdesc_device *x =
			    vmdesc_device(r->h, r->vm, i);

			if (p->base >= x->pa &&
			    p->base + p->size <= x->pa + x->size)
				d = x;
		}
		for (uint32_t i = 0; i < p->irq_count; i++)
			all = all && owns_irq(r, p->irq_first + i);
		if (!d || !all)
			continue;
		ipa = p->base - d->pa + d->ipa;
		fdt_for_each_subnode(node, fdt, 0)
		{
			int len;
			const fdt32_t *irq =
			    fdt_getprop(fdt, node, "interrupts", &len);

			if (!reg_at(fdt, node, 0, &base, &size) || base != ipa)
				continue;
			found = true;
			if (size != p->size)
				bad(r, "%s at 0x%llx: size 0x%llx", p->name,
				    (unsigned long long)ipa,
				    (unsigned long long)size);
			if (p->irq_count &&
			    (!irq ||
			     len != 4 * (r->arm ? 3 : 1) * (int)p->irq_count ||
			     irq_id(r, irq) != p->irq_first))
				bad(r, "%s at 0x%llx: interrupts not %u",
				    p->name, (unsigned long long)ipa,
				    p->irq_first);
		}
		if (!found)
			bad(r, "%s (0x%llx) not described at 0x%llx", p->name,
			    (unsigned long long)p->base,
			    (unsigned long long)ipa);
	}
}

static void check_chosen(struct vmref *r, const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), l1, l2;
	const fdt32_t *s = fdt_getprop(fdt, chosen, "linux,initrd-start", &l1);
	const fdt32_t *e = fdt_getprop(fdt, chosen, "linux,initrd-end", &l2);
	uint64_t start, end;
	bool ok = false;

	if (!s && !e)
		return;
	if (!s || !e || (l1 != 4 && l1 != 8) || (l2 != 4 && l2 != 8)) {
		bad(r, "initrd: start and end incomplete");
		return;
	}
	start = cells(s, l1 / 4);
	end = cells(e, l2 / 4);
	for (uint32_t i = 0; i < r->vm->images.count; i++) {
		const struct vmdesc_image *img = vmdesc_image(r->h, r->vm, i);

		ok = ok || (img->ipa == start && img->ipa + img->size == end);
	}
	if (!ok)
		bad(r, "initrd 0x%llx..0x%llx is not one of the VM's images",
		    (unsigned long long)start, (unsigned long long)end);
}

static void check_tree(struct vmref *r, const void *fdt)
{
	if (fdt_check_header(fdt)) {
		bad(r, "not a device tree");
		return;
	}
	if (u32_of(fdt, 0, "#address-cells", 0) != 2 ||
	    u32_of(fdt, 0, "#size-cells", 0) != 2) {
		bad(r, "the root does not have 2 address and 2 size cells");
		return;
	}
	check_memory(r, fdt);
	check_cpus(r, fdt);
	check_intc(r, fdt);
	check_console(r, fdt);
	check_shmem(r, fdt);
	check_devices(r, fdt);
	check_nothing_foreign(r, fdt);
	check_chosen(r, fdt);
	if (r->arm && r->vm->tee != VMDESC_NONE &&
	    fdt_node_offset_by_compatible(fdt, -1, "linaro,optee-tz") < 0)
		bad(r, "no optee node for the VM's TEE");
}

/* ---- running the tools ---- */

/* `cmd`'s output (stdout and stderr), NUL-terminated; NULL if it failed. */
static char *run(const char *cmd)
{
	/* NOLINTNEXTLINE(cert-env33-c): our own tools, on files this test built */
	FILE *p = popen(cmd, "r");
	size_t n = 0, cap = 4096;
	char *out = malloc(cap);
	int rc;

	if (!p || !out) {
		if (p)
			pclose(p);
		free(out);
		return NULL;
	}
	while ((rc = fgetc(p)) != EOF) {
		if (n + 1 == cap) {
			char *more = realloc(out, cap *= 2);

			if (!more)
				break;
			out = more;
		}
		out[n++] = (char)rc;
	}
	out[n] = '\0';
	if (pclose(p)) {
		printf("%s%s", out, n && out[n - 1] != '\n' ? "\n" : "");
		free(out);
		return NULL;
	}
	return out;
}

/* dtc decompiles the tree at `path` into `dts` and says nothing. */
static void decompile(struct vmref *r, const char *path, const char *dts)
{
	char cmd[1024];
	char *out;

	snprintf(cmd, sizeof(cmd), "dtc -I dtb -O dts -o '%s' '%s' 2>&1", dts,
		 path);
	out = run(cmd);
	if (!out)
		bad(r, "dtc failed");
	else if (*out)
		bad(r, "dtc: %s", out);
	free(out);
}

static bool write_all(const char *path, const void *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	bool ok = f && fwrite(data, 1, size, f) == size;

	if (f && fclose(f))
		ok = false;
	return ok;
}

struct opts {
	const char *tool;
	const char *out;
};

static int check_vm(const struct opts *o, const char *blob_path,
		    const char *dir, const void *blob, uint32_t i,
		    const struct platform_desc *plat)
{
	const struct vmdesc_header *h = vmdesc_header(blob);
	struct vmref r = {h, vmdesc_vm(h, i), plat, NULL, false, 0, 0};
	char what[1024], dtb[1024], dts[1024], cmd[4096], *out;
	void *tree = NULL;
	const void *emb = NULL;
	size_t size = 0;

	r.arm = strstr(plat->name, "aarch64") != NULL;
	snprintf(dtb, sizeof(dtb), "%s/%s.dtb", dir, r.vm->name);
	snprintf(dts, sizeof(dts), "%s/%s.dts", dir, r.vm->name);
	snprintf(what, sizeof(what), "%s: vm %u (%s), generated tree",
		 blob_path, i, r.vm->name);
	r.what = what;
	snprintf(cmd, sizeof(cmd), "'%s' dtb '%s' %u -o '%s' 2>&1", o->tool,
		 blob_path, i, dtb);
	out = run(cmd);
	if (!out || !(tree = read_all(dtb, &size)))
		bad(&r, "tessera-config dtb failed");
	else /* its notes: devices left out */
		for (char *l = strtok(out, "\n"); l; l = strtok(NULL, "\n"))
			printf("  %s\n", l);
	free(out);
	if (tree) {
		decompile(&r, dtb, dts);
		check_tree(&r, tree);
	}
	for (uint32_t k = 0; k < r.vm->images.count && !emb; k++) {
		const struct vmdesc_image *img = vmdesc_image(h, r.vm, k);
		const void *data = vmdesc_image_data(h, img);

		if (data && img->ipa == r.vm->boot_arg && img->size >= 40 &&
		    !fdt_check_header(data) && fdt_totalsize(data) <= img->size)
			emb = data;
	}
	if (emb) {
		const char *model = fdt_getprop(emb, 0, "model", NULL);
		char generated[64];

		snprintf(what, sizeof(what), "%s: vm %u (%s), tree in the blob",
			 blob_path, i, r.vm->name);
		snprintf(generated, sizeof(generated), "Tessera VM %s",
			 r.vm->name);
		snprintf(dtb, sizeof(dtb), "%s/%s.blob.dtb", dir, r.vm->name);
		snprintf(dts, sizeof(dts), "%s/%s.blob.dts", dir, r.vm->name);
		if (!write_all(dtb, emb, fdt_totalsize(emb)))
			bad(&r, "cannot write %s", dtb);
		decompile(&r, dtb, dts);
		check_tree(&r, emb);
		if (model && !strcmp(model, generated) &&
		    (!tree || size != fdt_totalsize(emb) ||
		     memcmp(tree, emb, size)))
			bad(&r, "not what tessera-config dtb generates");
	}
	printf("%s %s: vm %u (%s)%s\n", r.bad ? "FAIL" : "ok", blob_path, i,
	       r.vm->name, emb ? ", and its tree in the blob" : "");
	free(tree);
	return r.bad;
}

/* mkdir -p */
static void make_dirs(char *path)
{
	for (char *p = path + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0777);
			*p = '/';
		}
	mkdir(path, 0777);
}

static int check_blob(const struct opts *o, const char *path, unsigned *vms)
{
	static const struct vmdesc_owner_view unknown = {.unknown = true};
	size_t size;
	void *blob = read_all(path, &size);
	const struct platform_desc *plat = NULL;
	const struct vmdesc_header *h = blob;
	char dir[512];
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	int rc = 0;

	if (blob && size >= sizeof(*h) && size <= UINT32_MAX) {
		char name[VMDESC_NAME_MAX + 1];

		memcpy(name, h->platform, VMDESC_NAME_MAX);
		name[VMDESC_NAME_MAX] = '\0';
		plat = platform_desc_find(name);
	}
	if (!plat || vmdesc_validate(
			 blob, (uint32_t)size, plat,
			 h->kind == VMDESC_KIND_VM ? &unknown : NULL, NULL)) {
		printf("FAIL %s: not a valid blob\n", path);
		free(blob);
		return 1;
	}
	snprintf(dir, sizeof(dir), "%s/%.*s", o->out, (int)strcspn(base, "."),
		 base);
	make_dirs(dir);
	for (uint32_t i = 0; i < h->vms.count; i++) {
		rc |= check_vm(o, path, dir, blob, i, plat);
		++*vms;
	}
	free(blob);
	return rc;
}

int main(int argc, char **argv)
{
	struct opts o = {NULL, NULL};
	unsigned vms = 0, failed = 0;
	int i = 1, first;

	for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
		if (!strcmp(argv[i], "--tool"))
			o.tool = argv[i + 1];
		else if (!strcmp(argv[i], "--out"))
			o.out = argv[i + 1];
		else
			break;
	}
	if (!o.tool || !o.out || i == argc) {
		fprintf(stderr, "usage: check-trees --tool TESSERA_CONFIG "
				"--out DIR BLOB...\n");
		return 2;
	}
	for (first = i; i < argc; i++)
		failed += (unsigned)check_blob(&o, argv[i], &vms);
	printf("device trees: %u VMs in %d blobs, %u blobs with failures\n",
	       vms, argc - first, failed);
	return failed ? 1 : 0;
}
