// SPDX-License-Identifier: Apache-2.0
#include <inttypes.h>

#include "core/vmdesc.h"
#include "dump.h"

/* Names come from the blob: bounded, and escaped where not printable. */
static void put_name(FILE *f, const char *name)
{
	fputc('"', f);
	for (unsigned i = 0; i < VMDESC_NAME_MAX && name[i]; i++) {
		unsigned char ch = (unsigned char)name[i];

		if (ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\')
			fputc(ch, f);
		else
			fprintf(f, "\\x%02x", ch);
	}
	fputc('"', f);
}

static void put_bits(FILE *f, uint64_t mask)
{
	fprintf(f, "0x%" PRIx64, mask);
	if (!mask)
		return;
	fputs(" (", f);
	for (unsigned i = 0, first = 1; i < 64; i++)
		if (mask >> i & 1) {
			fprintf(f, first ? "%u" : " %u", i);
			first = 0;
		}
	fputc(')', f);
}

static void put_size(FILE *f, uint64_t size)
{
	fprintf(f, "0x%" PRIx64, size);
	if (size && size % (1u << 20) == 0)
		fprintf(f, " (%" PRIu64 " MiB)", size >> 20);
	else if (size && size % 1024 == 0)
		fprintf(f, " (%" PRIu64 " KiB)", size >> 10);
}

static void put_ref(FILE *f, const struct vmdesc_header *h, uint32_t ref)
{
	const struct vmdesc_vm *vm = vmdesc_vm(h, ref);

	if (ref == VMDESC_NONE) {
		fputs("none", f);
		return;
	}
	fprintf(f, "%" PRIu32, ref);
	if (vm) {
		fputc(' ', f);
		put_name(f, vm->name);
	} else {
		fputs(" (no such VM)", f);
	}
}

static void put_array(FILE *f, const char *name, const struct vmdesc_array *a)
{
	fprintf(f, "  %-12s %" PRIu32 " at 0x%" PRIx32 "\n", name, a->count,
		a->offset);
}

static void put_reserved(FILE *f, const uint32_t *r)
{
	fprintf(f,
		"  %-12s 0x%" PRIx32 " 0x%" PRIx32 " 0x%" PRIx32 " 0x%" PRIx32
		"\n",
		"reserved", r[0], r[1], r[2], r[3]);
}

static const char *kind_name(uint32_t kind)
{
	return kind == VMDESC_KIND_PLATFORM ? "platform: every VM, boot"
	       : kind == VMDESC_KIND_VM	    ? "vm: one VM, run-time create"
					    : "unknown";
}

static void dump_header(FILE *f, const struct vmdesc_header *h)
{
	fputs("header\n", f);
	fprintf(f, "  %-12s 0x%08" PRIx32 "\n", "magic", h->magic);
	fprintf(f, "  %-12s %u\n", "version", h->version);
	fprintf(f, "  %-12s %u (%s)\n", "kind", h->kind, kind_name(h->kind));
	fprintf(f, "  %-12s %" PRIu32 "\n", "total_size", h->total_size);
	fprintf(f, "  %-12s 0x%" PRIx32 "\n", "flags", h->flags);
	fprintf(f, "  %-12s ", "platform");
	put_name(f, h->platform);
	fputc('\n', f);
	put_array(f, "vms", &h->vms);
	put_array(f, "shmem", &h->shmem);
	fprintf(f, "  %-12s ", "hyp_colors");
	put_bits(f, h->hyp_colors);
	fputc('\n', f);
	put_reserved(f, h->reserved);
}

static void dump_shmem(FILE *f, const struct vmdesc_header *h)
{
	for (uint32_t i = 0; i < h->shmem.count; i++) {
		const struct vmdesc_shmem *s = vmdesc_shmem(h, i);

		fprintf(f, "shmem[%" PRIu32 "] ", i);
		put_name(f, s->name);
		fprintf(f, "\n  size ");
		put_size(f, s->size);
		fprintf(f, ", pa 0x%" PRIx64 "%s, colors ", s->pa,
			s->pa ? "" : " (allocated)");
		put_bits(f, s->colors);
		fputc('\n', f);
	}
}

static void put_flags(FILE *f, uint32_t flags)
{
	fprintf(f, "  %-12s 0x%" PRIx32, "flags", flags);
	if (flags & VMDESC_VM_TEE)
		fputs(" TEE", f);
	if (flags & VMDESC_VM_SHARE_COLORS)
		fputs(" SHARE_COLORS", f);
	if (flags & VMDESC_VM_CONSOLE_INPUT)
		fputs(" CONSOLE_INPUT", f);
	if (flags & ~VMDESC_VM_FLAGS_ALL)
		fputs(" (unknown bits)", f);
	fputc('\n', f);
}

static void put_console(FILE *f, const struct vmdesc_vm *vm)
{
	static const char *const names[] = {"none", "PL011", "NS16550"};

	fprintf(
	    f, "  %-12s %s (%" PRIu32 "), ipa 0x%" PRIx64 ", irq %" PRIu32 "\n",
	    "console", vm->console < 3 ? names[vm->console] : "unknown",
	    vm->console, vm->console_ipa, vm->console_irq);
}

static void dump_vm_fields(FILE *f, const struct vmdesc_header *h,
			   const struct vmdesc_vm *vm)
{
	put_flags(f, vm->flags);
	fprintf(f, "  %-12s %" PRIu32 "\n", "vcpus", vm->vcpus);
	fprintf(f, "  %-12s ", "cpu_affinity");
	put_bits(f, vm->cpu_affinity);
	fprintf(f, "\n  %-12s 0x%" PRIx64 "\n", "entry", vm->entry);
	fprintf(f, "  %-12s 0x%" PRIx64 "\n", "boot_arg", vm->boot_arg);
	fprintf(f, "  %-12s ", "colors");
	put_bits(f, vm->colors);
	fputc('\n', f);
	put_console(f, vm);
	fprintf(f, "  %-12s ", "tee");
	put_ref(f, h, vm->tee);
	fprintf(f, "\n  %-12s ", "parent");
	put_ref(f, h, vm->parent);
	fputc('\n', f);
	put_reserved(f, vm->reserved);
}

static void dump_regions(FILE *f, const struct vmdesc_header *h,
			 const struct vmdesc_vm *vm)
{
	put_array(f, "regions", &vm->regions);
	for (uint32_t k = 0; k < vm->regions.count; k++) {
		const struct vmdesc_region *r = vmdesc_region(h, vm, k);

		fprintf(f, "    [%" PRIu32 "] ipa 0x%" PRIx64 ", size ", k,
			r->ipa);
		put_size(f, r->size);
		fprintf(f, ", %c%c%c, ", r->flags & VMDESC_MEM_R ? 'r' : '-',
			r->flags & VMDESC_MEM_W ? 'w' : '-',
			r->flags & VMDESC_MEM_X ? 'x' : '-');
		if (r->flags & VMDESC_MEM_FIXED_PA)
			fprintf(f, "fixed pa 0x%" PRIx64, r->pa);
		else
			fprintf(f, "allocated (pa 0x%" PRIx64 ")", r->pa);
		fprintf(f, ", flags 0x%" PRIx32 ", reserved 0x%" PRIx32 "\n",
			r->flags, r->reserved);
	}
}

static const char *device_name(const struct platform_desc *plat, uint64_t pa)
{
	for (uint32_t i = 0;
	     plat && i < plat->device_count && i < PLATFORM_MAX_DEVICES; i++)
		if (pa >= plat->devices[i].base &&
		    pa - plat->devices[i].base < plat->devices[i].size)
			return plat->devices[i].name;
	return NULL;
}

static void dump_devices(FILE *f, const struct vmdesc_header *h,
			 const struct vmdesc_vm *vm,
			 const struct platform_desc *plat)
{
	put_array(f, "devices", &vm->devices);
	for (uint32_t k = 0; k < vm->devices.count; k++) {
		const struct vmdesc_device *d = vmdesc_device(h, vm, k);
		const char *name = device_name(plat, d->pa);

		fprintf(f,
			"    [%" PRIu32 "] pa 0x%" PRIx64 ", ipa 0x%" PRIx64
			", size ",
			k, d->pa, d->ipa);
		put_size(f, d->size);
		fprintf(
		    f, ", flags 0x%" PRIx32 ", reserved 0x%" PRIx32 "%s%s\n",
		    d->flags, d->reserved, name ? ", " : "", name ? name : "");
	}
}

static void dump_irqs(FILE *f, const struct vmdesc_header *h,
		      const struct vmdesc_vm *vm)
{
	put_array(f, "irqs", &vm->irqs);
	for (uint32_t k = 0; k < vm->irqs.count; k++) {
		const struct vmdesc_irq *q = vmdesc_irq(h, vm, k);

		fprintf(f,
			"    [%" PRIu32 "] id %" PRIu32 ", flags 0x%" PRIx32
			"\n",
			k, q->id, q->flags);
	}
}

static void dump_images(FILE *f, const struct vmdesc_header *h,
			const struct vmdesc_vm *vm)
{
	put_array(f, "images", &vm->images);
	for (uint32_t k = 0; k < vm->images.count; k++) {
		const struct vmdesc_image *im = vmdesc_image(h, vm, k);
		const char *src = im->source == VMDESC_IMAGE_BLOB ? "in blob"
				  : im->source == VMDESC_IMAGE_IN_PLACE
				      ? "in place"
				      : "unknown source";

		fprintf(f,
			"    [%" PRIu32 "] ipa 0x%" PRIx64 ", size %" PRIu64
			", %s (%" PRIu32 "), offset 0x%" PRIx32 "\n",
			k, im->ipa, im->size, src, im->source, im->offset);
	}
}

static void dump_ipcs(FILE *f, const struct vmdesc_header *h,
		      const struct vmdesc_vm *vm)
{
	put_array(f, "ipcs", &vm->ipcs);
	for (uint32_t k = 0; k < vm->ipcs.count; k++) {
		const struct vmdesc_ipc *p = vmdesc_ipc(h, vm, k);
		const struct vmdesc_shmem *s = vmdesc_shmem(h, p->shmem);

		fprintf(f, "    [%" PRIu32 "] shmem %" PRIu32 " ", k, p->shmem);
		if (s)
			put_name(f, s->name);
		else
			fputs("(no such shmem)", f);
		fprintf(f,
			", ipa 0x%" PRIx64 ", %s, doorbell %" PRIu32
			", flags 0x%" PRIx32 ", reserved 0x%" PRIx32 "\n",
			p->ipa,
			p->flags & VMDESC_IPC_RO ? "read-only" : "read-write",
			p->doorbell, p->flags, p->reserved);
	}
}

void vmdesc_dump(FILE *f, const struct vmdesc_header *h,
		 const struct platform_desc *plat)
{
	dump_header(f, h);
	dump_shmem(f, h);
	for (uint32_t i = 0; i < h->vms.count; i++) {
		const struct vmdesc_vm *vm = vmdesc_vm(h, i);

		fprintf(f, "vm %" PRIu32 " ", i);
		put_name(f, vm->name);
		fputc('\n', f);
		dump_vm_fields(f, h, vm);
		dump_regions(f, h, vm);
		dump_devices(f, h, vm, plat);
		dump_irqs(f, h, vm);
		dump_images(f, h, vm);
		dump_ipcs(f, h, vm);
	}
}
