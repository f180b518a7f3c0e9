// SPDX-License-Identifier: Apache-2.0
/*
 * Blob layout written here (any layout the validator accepts would do; this
 * one is simply sequential): the header, the VM records, the shared-memory
 * records, each VM's arrays in record order, then every image on its own
 * page boundary. Everything is zero-filled first, so padding and reserved
 * fields are zero as the format requires.
 *
 * The serializer checks only what it must to write the blob (names that fit,
 * names that resolve, numbers that fit their bit masks); every rule of the
 * format is left to the validator, which runs right after, so the rules live
 * in one place.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serialize.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the blob is little-endian and written with plain stores"
#endif

#define PAGE 4096u

struct buf {
	uint8_t *p;
	size_t len;
	size_t cap;
};

struct ser {
	const struct cfg_config *cfg;
	cfg_load_fn load;
	void *ctx;
	struct buf b;
	char *msg;
	size_t n;
};

static int err(struct ser *s, int vm, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int err(struct ser *s, int vm, const char *fmt, ...)
{
	va_list ap;
	int used = 0;

	if (vm >= 0)
		used = snprintf(s->msg, s->n, "vm %d (%s): ", vm,
				s->cfg->vms.v[vm].name ? s->cfg->vms.v[vm].name
						       : "?");
	if (used < 0 || (size_t)used >= s->n)
		used = 0;
	va_start(ap, fmt);
	vsnprintf(s->msg + used, s->n - (size_t)used, fmt, ap);
	va_end(ap);
	return -1;
}

/* Room for `size` zeroed bytes at an `align`ed offset; the offset, or -1. */
static long reserve(struct ser *s, size_t size, size_t align)
{
	size_t off = (s->b.len + align - 1) & ~(align - 1);

	if (off + size > UINT32_MAX)
		return err(s, -1, "the blob would exceed 4 GiB");
	if (off + size > s->b.cap) {
		size_t cap = s->b.cap ? s->b.cap : 4096;
		uint8_t *p;

		while (cap < off + size)
			cap *= 2;
		p = realloc(s->b.p, cap);
		if (!p)
			return err(s, -1, "out of memory");
		memset(p + s->b.cap, 0, cap - s->b.cap);
		s->b.p = p;
		s->b.cap = cap;
	}
	s->b.len = off + size;
	return (long)off;
}

static void *rec(struct ser *s, uint32_t off)
{
	return s->b.p + off;
}

static int array(struct ser *s, uint32_t count, size_t size, uint32_t *off)
{
	long o;

	*off = 0;
	if (!count)
		return 0;
	o = reserve(s, (size_t)count * size, VMDESC_ALIGN);
	if (o < 0)
		return -1;
	*off = (uint32_t)o;
	return 0;
}

static int copy_name(struct ser *s, int vm, char *dst, const char *name,
		     const char *what)
{
	if (!name)
		return err(s, vm, "%s: missing", what);
	if (strlen(name) >= VMDESC_NAME_MAX)
		return err(s, vm, "%s: \"%s\" longer than %u characters", what,
			   name, VMDESC_NAME_MAX - 1);
	memcpy(dst, name, strlen(name) + 1);
	return 0;
}

static int mask(struct ser *s, int vm, const char *what,
		const struct cfg_numbers *l, uint64_t *out)
{
	*out = 0;
	for (unsigned i = 0; i < l->n; i++) {
		if (l->v[i] >= 64)
			return err(s, vm, "%s: %llu does not fit a 64-bit mask",
				   what, l->v[i]);
		*out |= 1ull << l->v[i];
	}
	return 0;
}

static int vm_index(struct ser *s, int vm, const char *what, const char *name,
		    uint32_t *out)
{
	*out = VMDESC_NONE;
	if (!name)
		return 0;
	for (unsigned i = 0; i < s->cfg->vms.n; i++)
		if (s->cfg->vms.v[i].name &&
		    !strcmp(s->cfg->vms.v[i].name, name)) {
			*out = i;
			return 0;
		}
	return err(s, vm, "%s: no VM named \"%s\"", what, name);
}

static int shmem_index(struct ser *s, int vm, const char *name, uint32_t *out)
{
	for (unsigned i = 0; i < s->cfg->shmem.n; i++)
		if (s->cfg->shmem.v[i].name &&
		    !strcmp(s->cfg->shmem.v[i].name, name ? name : "")) {
			*out = i;
			return 0;
		}
	return err(s, vm, "ipcs: no shared memory named \"%s\"",
		   name ? name : "(null)");
}

static int write_header(struct ser *s)
{
	struct vmdesc_header *h = rec(s, 0);
	uint64_t colors;

	h->magic = VMDESC_MAGIC;
	h->version = VMDESC_VERSION;
	h->kind = (uint16_t)s->cfg->kind;
	if (mask(s, -1, "hyp colors", &s->cfg->hyp_colors, &colors))
		return -1;
	h->hyp_colors = colors;
	h->vms.count = s->cfg->vms.n;
	h->shmem.count = s->cfg->shmem.n;
	return copy_name(s, -1, h->platform, s->cfg->platform, "platform");
}

static int write_shmem(struct ser *s, uint32_t off)
{
	for (unsigned i = 0; i < s->cfg->shmem.n; i++) {
		const struct cfg_shmem *c = &s->cfg->shmem.v[i];
		struct vmdesc_shmem *d = rec(s, off + i * (uint32_t)sizeof(*d));
		uint64_t colors;

		if (copy_name(s, -1, d->name, c->name, "shared memory name") ||
		    mask(s, -1, "shared memory colors", &c->colors, &colors))
			return -1;
		d->size = c->size;
		d->pa = c->pa;
		d->colors = colors;
	}
	return 0;
}

/* The fixed part of a VM record; arrays are filled by write_vm_arrays(). */
static int write_vm_fields(struct ser *s, int i, struct vmdesc_vm *d)
{
	const struct cfg_vm *c = &s->cfg->vms.v[i];
	uint64_t cpus, colors;

	if (copy_name(s, i, d->name, c->name, "name") ||
	    mask(s, i, "cpus", &c->cpus, &cpus) ||
	    mask(s, i, "colors", &c->colors, &colors) ||
	    vm_index(s, i, "tee", c->tee, &d->tee) ||
	    vm_index(s, i, "parent", c->parent, &d->parent))
		return -1;
	d->flags = c->flags;
	d->cpu_affinity = cpus;
	d->vcpus = (uint32_t)__builtin_popcountll(cpus);
	d->colors = colors;
	d->entry = c->entry;
	d->boot_arg = c->boot_arg;
	d->console = c->console.type;
	d->console_irq = c->console.irq;
	d->console_ipa = c->console.ipa;
	return 0;
}

/* Writers for one element each; `d` points into the blob. */
static int put_region(struct ser *s, int vm, unsigned k, void *d)
{
	const struct cfg_region *c = &s->cfg->vms.v[vm].memory.v[k];
	struct vmdesc_region *r = d;

	r->ipa = c->ipa;
	r->size = c->size;
	r->pa = c->pa;
	r->flags = c->flags;
	return 0;
}

static int put_device(struct ser *s, int vm, unsigned k, void *d)
{
	const struct cfg_device *c = &s->cfg->vms.v[vm].devices.v[k];
	struct vmdesc_device *r = d;

	r->pa = c->pa;
	r->ipa = c->ipa;
	r->size = c->size;
	return 0;
}

static int put_irq(struct ser *s, int vm, unsigned k, void *d)
{
	unsigned long long id = s->cfg->vms.v[vm].irqs.v[k];

	if (id > UINT32_MAX)
		return err(s, vm, "irqs: %llu is not an interrupt number", id);
	((struct vmdesc_irq *)d)->id = (uint32_t)id;
	return 0;
}

static int put_ipc(struct ser *s, int vm, unsigned k, void *d)
{
	const struct cfg_ipc *c = &s->cfg->vms.v[vm].ipcs.v[k];
	struct vmdesc_ipc *r = d;

	r->ipa = c->ipa;
	r->doorbell = c->doorbell;
	r->flags = c->flags;
	return shmem_index(s, vm, c->shmem, &r->shmem);
}

/* Image records now, their bytes later (they go after every array). */
static int put_image(struct ser *s, int vm, unsigned k, void *d)
{
	const struct cfg_image *c = &s->cfg->vms.v[vm].images.v[k];
	struct vmdesc_image *r = d;

	r->ipa = c->ipa;
	r->size = c->size;
	r->source = c->path ? VMDESC_IMAGE_BLOB : VMDESC_IMAGE_IN_PLACE;
	return 0;
}

typedef int (*put_fn)(struct ser *s, int vm, unsigned k, void *d);

static int put_array(struct ser *s, int vm, uint32_t vm_off, size_t field,
		     unsigned count, size_t size, put_fn put)
{
	struct vmdesc_array a = {count, 0};

	if (array(s, count, size, &a.offset))
		return -1;
	memcpy(rec(s, vm_off + (uint32_t)field), &a, sizeof(a));
	for (unsigned k = 0; k < count; k++)
		if (put(s, vm, k, rec(s, a.offset + k * (uint32_t)size)))
			return -1;
	return 0;
}

#define PUT(field, count, type, fn)                                     \
	put_array(s, vm, off, offsetof(struct vmdesc_vm, field), count, \
		  sizeof(type), fn)

static int write_vm_arrays(struct ser *s, int vm, uint32_t off)
{
	const struct cfg_vm *c = &s->cfg->vms.v[vm];

	return PUT(regions, c->memory.n, struct vmdesc_region, put_region) ||
		       PUT(devices, c->devices.n, struct vmdesc_device,
			   put_device) ||
		       PUT(irqs, c->irqs.n, struct vmdesc_irq, put_irq) ||
		       PUT(images, c->images.n, struct vmdesc_image,
			   put_image) ||
		       PUT(ipcs, c->ipcs.n, struct vmdesc_ipc, put_ipc)
		   ? -1
		   : 0;
}

static const struct vmdesc_image *image_rec(struct ser *s, int vm, unsigned k)
{
	const struct vmdesc_header *h = rec(s, 0);
	const struct vmdesc_vm *v =
	    rec(s, h->vms.offset + (uint32_t)vm * sizeof(struct vmdesc_vm));

	return rec(s, v->images.offset +
			  k * (uint32_t)sizeof(struct vmdesc_image));
}

/* VMs booting the same file share its bytes in the blob. */
static bool shared_image(struct ser *s, int vm, unsigned k, uint32_t at)
{
	const char *path = s->cfg->vms.v[vm].images.v[k].path;

	for (int i = 0; i <= vm; i++) {
		unsigned n = i == vm ? k : s->cfg->vms.v[i].images.n;

		for (unsigned j = 0; j < n; j++) {
			const char *other = s->cfg->vms.v[i].images.v[j].path;
			const struct vmdesc_image *o = image_rec(s, i, j);
			struct vmdesc_image *img = rec(s, at);

			if (!other || strcmp(other, path))
				continue;
			img->offset = o->offset;
			img->size = o->size;
			return true;
		}
	}
	return false;
}

static int embed_image(struct ser *s, int vm, unsigned k)
{
	uint32_t at = (uint32_t)((const uint8_t *)image_rec(s, vm, k) - s->b.p);
	const char *path = s->cfg->vms.v[vm].images.v[k].path;
	void *data = NULL;
	size_t size = 0;
	char why[256];
	long off;

	if (!path)
		return 0;
	if (shared_image(s, vm, k, at))
		return 0;
	if (s->load(s->ctx, path, &data, &size, why, sizeof(why)))
		return err(s, vm, "images[%u]: %s", k, why);
	off = reserve(s, size, PAGE);
	if (off >= 0) {
		struct vmdesc_image *img = rec(s, at); /* the buffer moved */

		memcpy(s->b.p + off, data, size);
		img->offset = (uint32_t)off;
		img->size = size;
	}
	free(data);
	return off < 0 ? -1 : 0;
}

static int write_all(struct ser *s)
{
	const struct cfg_config *cfg = s->cfg;
	uint32_t vms, shm;

	if (reserve(s, sizeof(struct vmdesc_header), VMDESC_ALIGN) < 0 ||
	    array(s, cfg->vms.n, sizeof(struct vmdesc_vm), &vms) ||
	    array(s, cfg->shmem.n, sizeof(struct vmdesc_shmem), &shm) ||
	    write_header(s) || write_shmem(s, shm))
		return -1;
	((struct vmdesc_header *)rec(s, 0))->vms.offset = vms;
	((struct vmdesc_header *)rec(s, 0))->shmem.offset = shm;
	for (unsigned i = 0; i < cfg->vms.n; i++) {
		uint32_t off = vms + i * (uint32_t)sizeof(struct vmdesc_vm);

		if (write_vm_fields(s, (int)i, rec(s, off)) ||
		    write_vm_arrays(s, (int)i, off))
			return -1;
	}
	for (unsigned i = 0; i < cfg->vms.n; i++)
		for (unsigned k = 0; k < cfg->vms.v[i].images.n; k++)
			if (embed_image(s, (int)i, k))
				return -1;
	((struct vmdesc_header *)rec(s, 0))->total_size = (uint32_t)s->b.len;
	return 0;
}

int cfg_serialize(const struct cfg_config *cfg, cfg_load_fn load, void *ctx,
		  struct cfg_blob *out, char *msg, size_t n)
{
	struct ser s = {cfg, load, ctx, {NULL, 0, 0}, msg, n};

	out->data = NULL;
	out->size = 0;
	if (write_all(&s)) {
		free(s.b.p);
		return -1;
	}
	out->data = s.b.p;
	out->size = s.b.len;
	return 0;
}
