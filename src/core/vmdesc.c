// SPDX-License-Identifier: Apache-2.0
/*
 * The VM description validator (docs/config.md, "Validation rules").
 *
 * The blob may come from a guest, so nothing in it is trusted: the layout is
 * checked before any record is read, every count is bounded by VMDESC_MAX_*
 * before it is multiplied, every range is handled as [base, last] with
 * last = base + size - 1 computed only after the wrap check, and every loop
 * is bounded by the VMDESC_MAX_* limits. The checks run in a fixed order
 * (layout, header, names, each VM, relations between VMs, the parent's
 * resources) so one defect always yields the same message.
 *
 * Freestanding: compiled into the hypervisor and into the host tools.
 */
#include <tessera/hypercall.h>

#include "../lib/string.h"
#include "vmdesc.h"

#define PAGE	       4096u
#define HYP_BLOB_ALIGN (2ull << 20)
#define MAX_U64	       0xffffffffffffffffull

/* The layout is the on-the-wire format: any change is a version bump. */
_Static_assert(sizeof(struct vmdesc_header) == 88, "vmdesc_header layout");
_Static_assert(sizeof(struct vmdesc_vm) == 152, "vmdesc_vm layout");
_Static_assert(sizeof(struct vmdesc_region) == 32, "vmdesc_region layout");
_Static_assert(sizeof(struct vmdesc_device) == 32, "vmdesc_device layout");
_Static_assert(sizeof(struct vmdesc_irq) == 8, "vmdesc_irq layout");
_Static_assert(sizeof(struct vmdesc_image) == 24, "vmdesc_image layout");
_Static_assert(sizeof(struct vmdesc_ipc) == 24, "vmdesc_ipc layout");
_Static_assert(sizeof(struct vmdesc_shmem) == 56, "vmdesc_shmem layout");
_Static_assert(VMDESC_MAX_VMS <= 32, "VM sets are 32-bit masks");

static const char *const reason_text[VMDESC_E_COUNT_OF_REASONS] = {
    [VMDESC_OK] = "ok",
    [VMDESC_E_ARGS] = "no blob or no board description",
    [VMDESC_E_BLOB_ALIGN] = "blob not 8-byte aligned in memory",
    [VMDESC_E_TRUNCATED] = "truncated",
    [VMDESC_E_MAGIC] = "bad magic, not a Tessera VM description",
    [VMDESC_E_VERSION] = "unsupported format version",
    [VMDESC_E_KIND] = "wrong kind",
    [VMDESC_E_SIZE] = "smaller than the header",
    [VMDESC_E_TOO_MANY] = "too many entries",
    [VMDESC_E_EMPTY_OFFSET] = "offset set for an empty array",
    [VMDESC_E_MISALIGNED] = "offset not a multiple of 8",
    [VMDESC_E_HEADER_OVERLAP] = "overlaps the header",
    [VMDESC_E_BOUNDS] = "beyond the end of the blob",
    [VMDESC_E_IMAGE_ALIGN] = "image offset not a multiple of 4096",
    [VMDESC_E_IMAGE_BOUNDS] = "image bytes beyond the end of the blob",
    [VMDESC_E_FLAGS] = "unknown flags",
    [VMDESC_E_RESERVED] = "reserved field not zero",
    [VMDESC_E_COUNT] = "wrong number of VMs",
    [VMDESC_E_PLATFORM] = "built for another board",
    [VMDESC_E_NAME] = "bad name",
    [VMDESC_E_NAME_DUP] = "name used twice",
    [VMDESC_E_ZERO_SIZE] = "zero size",
    [VMDESC_E_PAGE_ALIGN] = "not a multiple of 4096",
    [VMDESC_E_WRAP] = "range wraps around the address space",
    [VMDESC_E_IPA_RANGE] = "beyond the guest-physical address space",
    [VMDESC_E_PERMS] = "no access, or write without read",
    [VMDESC_E_PA_UNUSED] = "pa set without VMDESC_MEM_FIXED_PA",
    [VMDESC_E_IPA_OVERLAP] = "guest-physical range overlaps",
    [VMDESC_E_INTC_WINDOW] = "overlaps the interrupt controller window",
    [VMDESC_E_PA_OVERLAP] = "physical memory overlaps",
    [VMDESC_E_HYP_MEMORY] = "overlaps the hypervisor's memory",
    [VMDESC_E_NOT_RAM] = "outside the board's RAM",
    [VMDESC_E_NO_MEMORY] = "more memory than the board has",
    [VMDESC_E_NOT_DEVICE] = "not a device of the board",
    [VMDESC_E_DEVICE_TAKEN] = "device range given twice",
    [VMDESC_E_IRQ_RANGE] = "interrupt not assignable on this board",
    [VMDESC_E_IRQ_HYP] = "the hypervisor's own interrupt",
    [VMDESC_E_IRQ_TAKEN] = "interrupt given twice",
    [VMDESC_E_IRQ_VIRTUAL] = "same number as a virtual interrupt of the VM",
    [VMDESC_E_VCPUS] = "zero, or not the number of CPUs in cpu_affinity",
    [VMDESC_E_CPU_RANGE] = "CPU beyond the board's",
    [VMDESC_E_CPU_CONFLICT] = "physical CPU shared outside a VM-stack",
    [VMDESC_E_ENTRY] = "not inside an executable region",
    [VMDESC_E_IMAGE_SOURCE] = "bad image source",
    [VMDESC_E_IMAGE_OUTSIDE] = "image not inside the VM's memory",
    [VMDESC_E_IMAGE_IN_PLACE] =
	"in-place image at boot outside fixed-PA memory",
    [VMDESC_E_IMAGE_OVERLAP] = "images overlap",
    [VMDESC_E_COLOR_RANGE] = "color beyond the board's",
    [VMDESC_E_COLOR_CONFLICT] = "colors shared without VMDESC_VM_SHARE_COLORS",
    [VMDESC_E_COLOR_FIXED] = "colors on fixed physical memory",
    [VMDESC_E_REF_DANGLING] = "no such entry",
    [VMDESC_E_REF_SELF] = "refers to itself",
    [VMDESC_E_REF_CYCLE] = "cycle of parent / tee references",
    [VMDESC_E_TEE_NOT_TEE] = "not a TEE VM (VMDESC_VM_TEE)",
    [VMDESC_E_TEE_HAS_TEE] = "a TEE VM cannot be served by a TEE",
    [VMDESC_E_TEE_SHARED] = "a TEE VM serves one VM only",
    [VMDESC_E_TEE_OVERLAP] = "on its TEE's own addresses",
    [VMDESC_E_CONSOLE] = "bad console",
    [VMDESC_E_IPC_DUP] = "shared memory linked twice",
    [VMDESC_E_RUNTIME_PA] =
	"run-time memory must name parent memory (FIXED_PA)",
    [VMDESC_E_RUNTIME_REF] = "not allowed in a run-time description",
    [VMDESC_E_NOT_PARENT_MEMORY] = "not the parent's memory",
    [VMDESC_E_NOT_PARENT_DEVICE] = "not the parent's device",
    [VMDESC_E_NOT_PARENT_IRQ] = "not the parent's interrupt",
    [VMDESC_E_NOT_PARENT_CPU] = "more than the parent's vCPUs",
    [VMDESC_E_NOT_PARENT_COLORS] = "colors the parent does not have",
};

/* ---- bounded text, no libc ---- */

struct sbuf {
	char *p;
	size_t cap;
	size_t len;
};

static void sb_init(struct sbuf *b, char *p, size_t cap)
{
	b->p = p;
	b->cap = cap;
	b->len = 0;
	if (cap)
		p[0] = '\0';
}

/* Continue a buffer that already holds a terminated string. */
static void sb_resume(struct sbuf *b, char *p, size_t cap)
{
	b->p = p;
	b->cap = cap;
	b->len = 0;
	while (b->len + 1 < cap && p[b->len])
		b->len++;
	if (cap)
		p[b->len] = '\0';
}

static void sb_char(struct sbuf *b, char ch)
{
	if (b->len + 1 >= b->cap)
		return;
	b->p[b->len++] = ch;
	b->p[b->len] = '\0';
}

/* At most `max` bytes of `s`: names in a hostile blob may lack their NUL. */
static void sb_strn(struct sbuf *b, const char *s, size_t max)
{
	for (size_t i = 0; i < max && s[i]; i++)
		sb_char(b, s[i]);
}

static void sb_str(struct sbuf *b, const char *s)
{
	sb_strn(b, s, (size_t)-1);
}

static void sb_dec(struct sbuf *b, uint64_t v)
{
	char t[20];
	unsigned n = 0;

	do {
		t[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		sb_char(b, t[--n]);
}

static void sb_hex(struct sbuf *b, uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	char t[16];
	unsigned n = 0;

	do {
		t[n++] = digits[v & 15];
		v >>= 4;
	} while (v);
	sb_str(b, "0x");
	while (n)
		sb_char(b, t[--n]);
}

/* ---- ranges: inclusive [base, last], so the top of the space fits ---- */

struct vrange {
	uint64_t base;
	uint64_t last;
};

static bool wraps(uint64_t base, uint64_t size)
{
	return size && size - 1 > MAX_U64 - base;
}

/* Only for sizes already known non-zero and not wrapping. */
static struct vrange mkrange(uint64_t base, uint64_t size)
{
	struct vrange r = {base, base + size - 1};

	return r;
}

static bool overlaps(struct vrange a, struct vrange b)
{
	return a.base <= b.last && b.base <= a.last;
}

static bool page_aligned(uint64_t v)
{
	return (v & (PAGE - 1)) == 0;
}

static unsigned popcount64(uint64_t v)
{
	unsigned n = 0;

	for (; v; v &= v - 1)
		n++;
	return n;
}

static unsigned lowest_bit(uint64_t v)
{
	unsigned n = 0;

	while (v && !(v & 1)) {
		v >>= 1;
		n++;
	}
	return n;
}

/* Bits [0, n) set; n may be 64 or more. */
static uint64_t low_mask(uint32_t n)
{
	return n >= 64 ? MAX_U64 : (1ull << n) - 1;
}

/*
 * Is all of `want` covered by the union of the ranges get(ctx, i)? Each step
 * jumps past the end of a distinct range, so n + 1 steps always suffice.
 */
typedef bool (*range_get_fn)(const void *ctx, uint32_t i, struct vrange *r);

static bool covered(struct vrange want, range_get_fn get, const void *ctx,
		    uint32_t n)
{
	uint64_t cur = want.base;

	for (uint32_t step = 0; step <= n; step++) {
		bool moved = false;

		for (uint32_t i = 0; i < n && !moved; i++) {
			struct vrange r;

			if (!get(ctx, i, &r) || cur < r.base || cur > r.last)
				continue;
			if (r.last >= want.last)
				return true;
			cur = r.last + 1;
			moved = true;
		}
		if (!moved)
			return false;
	}
	return false;
}

/* ---- validation context and error reporting ---- */

struct ctx {
	const uint8_t *blob;
	const struct vmdesc_header *h;
	uint32_t size; /* total_size, once checked against the buffer */
	const struct platform_desc *plat;
	const struct vmdesc_owner_view *parent; /* NULL at boot */
	bool runtime; /* a single-VM description: addresses are the parent's */
	bool named;   /* VM names checked: errors may quote them */
	uint32_t colors;
	uint64_t ipa_last;
	struct vmdesc_error *err;
	struct vmdesc_error scratch; /* when the caller passed no err */
};

static const void *at(const struct ctx *c, const struct vmdesc_array *a,
		      uint32_t rec, uint32_t i)
{
	return c->blob + a->offset + (uint64_t)i * rec;
}

static const struct vmdesc_vm *vm_at(const struct ctx *c, uint32_t i)
{
	return at(c, &c->h->vms, sizeof(struct vmdesc_vm), i);
}

static const struct vmdesc_shmem *shmem_at(const struct ctx *c, uint32_t i)
{
	return at(c, &c->h->shmem, sizeof(struct vmdesc_shmem), i);
}

static const struct vmdesc_region *
region_at(const struct ctx *c, const struct vmdesc_vm *vm, uint32_t i)
{
	return at(c, &vm->regions, sizeof(struct vmdesc_region), i);
}

static const struct vmdesc_device *
device_at(const struct ctx *c, const struct vmdesc_vm *vm, uint32_t i)
{
	return at(c, &vm->devices, sizeof(struct vmdesc_device), i);
}

static const struct vmdesc_irq *irq_at(const struct ctx *c,
				       const struct vmdesc_vm *vm, uint32_t i)
{
	return at(c, &vm->irqs, sizeof(struct vmdesc_irq), i);
}

static const struct vmdesc_image *
image_at(const struct ctx *c, const struct vmdesc_vm *vm, uint32_t i)
{
	return at(c, &vm->images, sizeof(struct vmdesc_image), i);
}

static const struct vmdesc_ipc *ipc_at(const struct ctx *c,
				       const struct vmdesc_vm *vm, uint32_t i)
{
	return at(c, &vm->ipcs, sizeof(struct vmdesc_ipc), i);
}

/*
 * Record an error at vm (-1: none), field arr[idx].member (idx -1: no index,
 * member NULL: none). Details are appended with the note_* helpers.
 */
static int fail(struct ctx *c, int vm, const char *arr, int idx,
		const char *member, enum vmdesc_reason code)
{
	struct vmdesc_error *e = c->err;
	struct sbuf b;

	e->vm = vm;
	e->code = code;
	sb_init(&b, e->vm_name, sizeof(e->vm_name));
	if (c->named && vm >= 0)
		sb_strn(&b, vm_at(c, (uint32_t)vm)->name, VMDESC_NAME_MAX);
	sb_init(&b, e->field, sizeof(e->field));
	if (arr)
		sb_str(&b, arr);
	if (arr && idx >= 0) {
		sb_char(&b, '[');
		sb_dec(&b, (uint64_t)idx);
		sb_char(&b, ']');
	}
	if (arr && member)
		sb_char(&b, '.');
	if (member)
		sb_str(&b, member);
	sb_init(&b, e->reason, sizeof(e->reason));
	sb_str(&b, reason_text[code]);
	return HS_BAD_DESC;
}

static int note(struct ctx *c, const char *text)
{
	struct sbuf b;

	sb_resume(&b, c->err->reason, sizeof(c->err->reason));
	sb_str(&b, text);
	return HS_BAD_DESC;
}

static int note_num(struct ctx *c, const char *pre, uint64_t v, bool hex)
{
	struct sbuf b;

	sb_resume(&b, c->err->reason, sizeof(c->err->reason));
	sb_str(&b, pre);
	if (hex)
		sb_hex(&b, v);
	else
		sb_dec(&b, v);
	return HS_BAD_DESC;
}

/*
 * `lead` then the other party: "vm 0 (name) arr[idx]", or "arr[idx]" within
 * the VM at fault, or "vm 0 (name)" when arr is NULL.
 */
static int note_other(struct ctx *c, const char *lead, int self_vm, int vm,
		      const char *arr, int idx)
{
	struct sbuf b;

	sb_resume(&b, c->err->reason, sizeof(c->err->reason));
	sb_str(&b, lead);
	if (vm >= 0 && vm != self_vm) {
		sb_str(&b, "vm ");
		sb_dec(&b, (uint64_t)vm);
		sb_str(&b, " (");
		sb_strn(&b, vm_at(c, (uint32_t)vm)->name, VMDESC_NAME_MAX);
		sb_str(&b, ")");
		if (arr)
			sb_str(&b, " ");
	}
	if (arr)
		sb_str(&b, arr);
	if (arr && idx >= 0) {
		sb_char(&b, '[');
		sb_dec(&b, (uint64_t)idx);
		sb_char(&b, ']');
	}
	return HS_BAD_DESC;
}

/* ---- layout ---- */

static int check_header_layout(struct ctx *c, const void *blob, uint32_t size)
{
	const struct vmdesc_header *h = blob;

	if ((uintptr_t)blob % VMDESC_ALIGN)
		return fail(c, -1, NULL, -1, NULL, VMDESC_E_BLOB_ALIGN);
	if (size < sizeof(*h))
		return fail(c, -1, "header", -1, NULL, VMDESC_E_TRUNCATED);
	if (h->magic != VMDESC_MAGIC)
		return fail(c, -1, "header", -1, "magic", VMDESC_E_MAGIC);
	if (h->version != VMDESC_VERSION) {
		fail(c, -1, "header", -1, "version", VMDESC_E_VERSION);
		return note_num(c, " ", h->version, false);
	}
	if (h->total_size < sizeof(*h))
		return fail(c, -1, "header", -1, "total_size", VMDESC_E_SIZE);
	if (h->total_size > size) {
		fail(c, -1, "header", -1, "total_size", VMDESC_E_TRUNCATED);
		return note_num(c, ": the blob has ", size, false);
	}
	c->h = h;
	c->blob = blob;
	c->size = h->total_size;
	return 0;
}

static int check_array(struct ctx *c, int vm, const char *name,
		       const struct vmdesc_array *a, uint32_t rec, uint32_t max)
{
	if (a->count == 0) {
		if (a->offset)
			return fail(c, vm, name, -1, NULL,
				    VMDESC_E_EMPTY_OFFSET);
		return 0;
	}
	if (a->count > max) {
		fail(c, vm, name, -1, NULL, VMDESC_E_TOO_MANY);
		return note_num(c, ": at most ", max, false);
	}
	if (a->offset % VMDESC_ALIGN)
		return fail(c, vm, name, -1, NULL, VMDESC_E_MISALIGNED);
	if (a->offset < sizeof(struct vmdesc_header))
		return fail(c, vm, name, -1, NULL, VMDESC_E_HEADER_OVERLAP);
	if ((uint64_t)a->offset + (uint64_t)a->count * rec > c->size)
		return fail(c, vm, name, -1, NULL, VMDESC_E_BOUNDS);
	return 0;
}

static int check_image_layout(struct ctx *c, int vm, uint32_t i,
			      const struct vmdesc_image *img)
{
	if (img->source != VMDESC_IMAGE_BLOB)
		return 0;
	if (img->offset % VMDESC_IMAGE_ALIGN)
		return fail(c, vm, "images", (int)i, "offset",
			    VMDESC_E_IMAGE_ALIGN);
	if (img->offset < sizeof(struct vmdesc_header))
		return fail(c, vm, "images", (int)i, "offset",
			    VMDESC_E_HEADER_OVERLAP);
	if (img->offset > c->size || img->size > c->size - img->offset)
		return fail(c, vm, "images", (int)i, "size",
			    VMDESC_E_IMAGE_BOUNDS);
	return 0;
}

static int check_vm_layout(struct ctx *c, uint32_t i)
{
	const struct vmdesc_vm *vm = vm_at(c, i);
	int v = (int)i;
	int rc;

	if ((rc = check_array(c, v, "regions", &vm->regions,
			      sizeof(struct vmdesc_region),
			      VMDESC_MAX_REGIONS)) ||
	    (rc = check_array(c, v, "devices", &vm->devices,
			      sizeof(struct vmdesc_device),
			      VMDESC_MAX_DEVICES)) ||
	    (rc = check_array(c, v, "irqs", &vm->irqs,
			      sizeof(struct vmdesc_irq), VMDESC_MAX_IRQS)) ||
	    (rc =
		 check_array(c, v, "images", &vm->images,
			     sizeof(struct vmdesc_image), VMDESC_MAX_IMAGES)) ||
	    (rc = check_array(c, v, "ipcs", &vm->ipcs,
			      sizeof(struct vmdesc_ipc), VMDESC_MAX_IPCS)))
		return rc;
	for (uint32_t k = 0; k < vm->images.count; k++) {
		rc = check_image_layout(c, v, k, image_at(c, vm, k));
		if (rc)
			return rc;
	}
	return 0;
}

static int layout(struct ctx *c, const void *blob, uint32_t size)
{
	int rc = check_header_layout(c, blob, size);

	if (rc)
		return rc;
	rc = check_array(c, -1, "header.vms", &c->h->vms,
			 sizeof(struct vmdesc_vm), VMDESC_MAX_VMS);
	if (!rc)
		rc = check_array(c, -1, "header.shmem", &c->h->shmem,
				 sizeof(struct vmdesc_shmem), VMDESC_MAX_SHMEM);
	for (uint32_t i = 0; !rc && i < c->h->vms.count; i++)
		rc = check_vm_layout(c, i);
	return rc;
}

static void ctx_init(struct ctx *c, const struct platform_desc *plat,
		     const struct vmdesc_owner_view *parent,
		     struct vmdesc_error *err)
{
	memset(c, 0, sizeof(*c));
	c->plat = plat;
	c->parent = parent;
	c->err = err ? err : &c->scratch;
	memset(c->err, 0, sizeof(*c->err));
	c->err->vm = -1;
}

int vmdesc_check_layout(const void *blob, uint32_t size,
			struct vmdesc_error *err)
{
	struct ctx c;

	ctx_init(&c, NULL, NULL, err);
	if (!blob) {
		fail(&c, -1, NULL, -1, NULL, VMDESC_E_ARGS);
		return HS_INVALID;
	}
	return layout(&c, blob, size);
}

/* ---- header and names ---- */

/* NULL when fine, else why not. */
static const char *name_problem(const char *name)
{
	size_t len = 0;

	while (len < VMDESC_NAME_MAX && name[len])
		len++;
	if (len == VMDESC_NAME_MAX)
		return ": not NUL-terminated";
	if (len == 0)
		return ": empty";
	for (size_t i = 0; i < len; i++)
		if (name[i] < 0x21 || name[i] > 0x7e)
			return ": not printable (letters, digits, punctuation)";
	for (size_t i = len; i < VMDESC_NAME_MAX; i++)
		if (name[i])
			return ": bytes after the NUL not zero";
	return NULL;
}

static bool same_name(const char *a, const char *b)
{
	return memcmp(a, b, VMDESC_NAME_MAX) == 0;
}

static int check_kind(struct ctx *c)
{
	const struct vmdesc_header *h = c->h;

	if (h->kind != VMDESC_KIND_PLATFORM && h->kind != VMDESC_KIND_VM)
		return fail(c, -1, "header", -1, "kind", VMDESC_E_KIND);
	if (!c->parent && h->kind != VMDESC_KIND_PLATFORM) {
		fail(c, -1, "header", -1, "kind", VMDESC_E_KIND);
		return note(c, ": a single-VM description cannot be booted");
	}
	if (c->parent && h->kind != VMDESC_KIND_VM) {
		fail(c, -1, "header", -1, "kind", VMDESC_E_KIND);
		return note(c, ": a whole configuration cannot be created");
	}
	c->runtime = h->kind == VMDESC_KIND_VM;
	return 0;
}

static int check_header_fields(struct ctx *c)
{
	const struct vmdesc_header *h = c->h;
	const char *why;
	int rc = check_kind(c);

	if (rc)
		return rc;
	if (h->flags)
		return fail(c, -1, "header", -1, "flags", VMDESC_E_FLAGS);
	for (uint32_t i = 0; i < 4; i++)
		if (h->reserved[i])
			return fail(c, -1, "header.reserved", (int)i, NULL,
				    VMDESC_E_RESERVED);
	why = name_problem(h->platform);
	if (why) {
		fail(c, -1, "header", -1, "platform", VMDESC_E_NAME);
		return note(c, why);
	}
	if (strlen(c->plat->name) >= VMDESC_NAME_MAX ||
	    memcmp(h->platform, c->plat->name, strlen(c->plat->name) + 1)) {
		fail(c, -1, "header", -1, "platform", VMDESC_E_PLATFORM);
		return note(c, ", not this one");
	}
	if (h->vms.count == 0 ||
	    (h->kind == VMDESC_KIND_VM && h->vms.count != 1)) {
		fail(c, -1, "header", -1, "vms", VMDESC_E_COUNT);
		return note(c, h->vms.count ? ": exactly one in a single-VM "
					      "description"
					    : ": none");
	}
	if (c->runtime && h->hyp_colors)
		return fail(c, -1, "header", -1, "hyp_colors",
			    VMDESC_E_RUNTIME_REF);
	if (h->hyp_colors & ~low_mask(c->colors)) {
		fail(c, -1, "header", -1, "hyp_colors", VMDESC_E_COLOR_RANGE);
		return note_num(c, ": the board has ", c->colors, false);
	}
	return 0;
}

static int check_names(struct ctx *c)
{
	const struct vmdesc_header *h = c->h;

	for (uint32_t i = 0; i < h->vms.count; i++) {
		const char *why = name_problem(vm_at(c, i)->name);

		if (why) {
			fail(c, (int)i, NULL, -1, "name", VMDESC_E_NAME);
			return note(c, why);
		}
		for (uint32_t j = 0; j < i; j++)
			if (same_name(vm_at(c, i)->name, vm_at(c, j)->name)) {
				fail(c, (int)i, NULL, -1, "name",
				     VMDESC_E_NAME_DUP);
				return note_num(c, ": also vm ", j, false);
			}
	}
	c->named = true;
	for (uint32_t i = 0; i < h->shmem.count; i++) {
		const char *why = name_problem(shmem_at(c, i)->name);

		if (why) {
			fail(c, -1, "shmem", (int)i, "name", VMDESC_E_NAME);
			return note(c, why);
		}
		for (uint32_t j = 0; j < i; j++)
			if (same_name(shmem_at(c, i)->name,
				      shmem_at(c, j)->name)) {
				fail(c, -1, "shmem", (int)i, "name",
				     VMDESC_E_NAME_DUP);
				return note_num(c, ": also shmem[", j, false);
			}
	}
	return 0;
}

/* ---- physical memory of the board ---- */

static bool ram_get(const void *ctx, uint32_t i, struct vrange *r)
{
	const struct platform_desc *p = ctx;

	if (!p->ram[i].size || wraps(p->ram[i].base, p->ram[i].size))
		return false;
	*r = mkrange(p->ram[i].base, p->ram[i].size);
	return true;
}

static uint32_t ram_count(const struct platform_desc *p)
{
	return p->ram_count < PLATFORM_MAX_RAM ? p->ram_count
					       : PLATFORM_MAX_RAM;
}

uint64_t vmdesc_hyp_reserved(const struct platform_desc *plat,
			     uint32_t blob_size)
{
	uint64_t blob =
	    ((uint64_t)blob_size + HYP_BLOB_ALIGN - 1) & ~(HYP_BLOB_ALIGN - 1);

	if (plat->hyp_reserved > MAX_U64 - blob)
		return MAX_U64;
	return plat->hyp_reserved + blob;
}

static bool hyp_memory(const struct ctx *c, struct vrange *r)
{
	uint64_t size = vmdesc_hyp_reserved(c->plat, c->size);
	uint64_t base;

	if (!ram_count(c->plat) || !size)
		return false;
	base = c->plat->ram[0].base;
	r->base = base;
	r->last = wraps(base, size) ? MAX_U64 : base + size - 1;
	return true;
}

/* Fixed physical memory at boot: inside RAM, outside the hypervisor. */
static int check_board_memory(struct ctx *c, int vm, const char *arr, int idx,
			      uint64_t pa, uint64_t size)
{
	struct vrange r = mkrange(pa, size), hyp;

	if (c->runtime)
		return 0; /* parent addresses, see check_parent() */
	if (!covered(r, ram_get, c->plat, ram_count(c->plat)))
		return fail(c, vm, arr, idx, "pa", VMDESC_E_NOT_RAM);
	if (hyp_memory(c, &hyp) && overlaps(r, hyp)) {
		fail(c, vm, arr, idx, "pa", VMDESC_E_HYP_MEMORY);
		return note_num(c, ": ends at ", hyp.last + 1, true);
	}
	return 0;
}

/* ---- one VM ---- */

static int check_cpus(struct ctx *c, int v, const struct vmdesc_vm *vm)
{
	uint32_t cpus = c->plat->cpu_count;

	if (vm->vcpus == 0 || vm->vcpus != popcount64(vm->cpu_affinity))
		return fail(c, v, NULL, -1, "vcpus", VMDESC_E_VCPUS);
	if (vm->cpu_affinity & ~low_mask(cpus)) {
		fail(c, v, NULL, -1, "cpu_affinity", VMDESC_E_CPU_RANGE);
		return note_num(c, ": the board has ", cpus, false);
	}
	return 0;
}

static bool irq_on_board(const struct ctx *c, uint32_t id)
{
	return id >= c->plat->irq_first &&
	       id - c->plat->irq_first < c->plat->irq_count;
}

static int check_console(struct ctx *c, int v, const struct vmdesc_vm *vm)
{
	if (vm->console > VMDESC_CONSOLE_NS16550) {
		fail(c, v, NULL, -1, "console", VMDESC_E_CONSOLE);
		return note_num(c, ": unknown type ", vm->console, false);
	}
	if (vm->console == VMDESC_CONSOLE_NONE) {
		if (vm->console_irq || vm->console_ipa) {
			fail(c, v, NULL, -1,
			     vm->console_irq ? "console_irq" : "console_ipa",
			     VMDESC_E_CONSOLE);
			return note(c, ": set without a console");
		}
		if (vm->flags & VMDESC_VM_CONSOLE_INPUT) {
			fail(c, v, NULL, -1, "flags", VMDESC_E_CONSOLE);
			return note(c, ": CONSOLE_INPUT without a console");
		}
		return 0;
	}
	if (!page_aligned(vm->console_ipa))
		return fail(c, v, NULL, -1, "console_ipa", VMDESC_E_PAGE_ALIGN);
	if (vm->console_ipa > c->ipa_last - (VMDESC_CONSOLE_SIZE - 1))
		return fail(c, v, NULL, -1, "console_ipa", VMDESC_E_IPA_RANGE);
	if (!irq_on_board(c, vm->console_irq))
		return fail(c, v, NULL, -1, "console_irq", VMDESC_E_IRQ_RANGE);
	return 0;
}

static int check_ref(struct ctx *c, uint32_t i, const char *field, uint32_t ref)
{
	if (ref == VMDESC_NONE)
		return 0;
	if (c->runtime)
		return fail(c, (int)i, NULL, -1, field, VMDESC_E_RUNTIME_REF);
	if (ref >= c->h->vms.count) {
		fail(c, (int)i, NULL, -1, field, VMDESC_E_REF_DANGLING);
		return note_num(c, ": vm ", ref, false);
	}
	if (ref == i)
		return fail(c, (int)i, NULL, -1, field, VMDESC_E_REF_SELF);
	return 0;
}

static int check_refs(struct ctx *c, uint32_t i, const struct vmdesc_vm *vm)
{
	int rc = check_ref(c, i, "tee", vm->tee);

	if (!rc)
		rc = check_ref(c, i, "parent", vm->parent);
	if (rc || vm->tee == VMDESC_NONE)
		return rc;
	if (vm->flags & VMDESC_VM_TEE)
		return fail(c, (int)i, NULL, -1, "tee", VMDESC_E_TEE_HAS_TEE);
	if (!(vm_at(c, vm->tee)->flags & VMDESC_VM_TEE)) {
		fail(c, (int)i, NULL, -1, "tee", VMDESC_E_TEE_NOT_TEE);
		return note_other(c, ": ", (int)i, (int)vm->tee, NULL, -1);
	}
	return 0;
}

static int check_vm_fields(struct ctx *c, uint32_t i,
			   const struct vmdesc_vm *vm)
{
	int v = (int)i;
	int rc;

	if (vm->flags & ~VMDESC_VM_FLAGS_ALL)
		return fail(c, v, NULL, -1, "flags", VMDESC_E_FLAGS);
	for (uint32_t k = 0; k < 4; k++)
		if (vm->reserved[k])
			return fail(c, v, "reserved", (int)k, NULL,
				    VMDESC_E_RESERVED);
	rc = check_cpus(c, v, vm);
	if (rc)
		return rc;
	if (vm->colors & ~low_mask(c->colors)) {
		fail(c, v, NULL, -1, "colors", VMDESC_E_COLOR_RANGE);
		return note_num(c, ": the board has ", c->colors, false);
	}
	rc = check_console(c, v, vm);
	return rc ? rc : check_refs(c, i, vm);
}

/* A guest-physical range: aligned, non-empty, inside the IPA space. */
static int check_ipa_range(struct ctx *c, int v, const char *arr, int k,
			   uint64_t ipa, uint64_t size)
{
	if (!size)
		return fail(c, v, arr, k, "size", VMDESC_E_ZERO_SIZE);
	if (!page_aligned(ipa))
		return fail(c, v, arr, k, "ipa", VMDESC_E_PAGE_ALIGN);
	if (!page_aligned(size))
		return fail(c, v, arr, k, "size", VMDESC_E_PAGE_ALIGN);
	if (wraps(ipa, size))
		return fail(c, v, arr, k, "size", VMDESC_E_WRAP);
	if (ipa + size - 1 > c->ipa_last)
		return fail(c, v, arr, k, "ipa", VMDESC_E_IPA_RANGE);
	return 0;
}

static int check_pa_range(struct ctx *c, int v, const char *arr, int k,
			  uint64_t pa, uint64_t size)
{
	if (!page_aligned(pa))
		return fail(c, v, arr, k, "pa", VMDESC_E_PAGE_ALIGN);
	if (wraps(pa, size))
		return fail(c, v, arr, k, "pa", VMDESC_E_WRAP);
	return 0;
}

static int check_region(struct ctx *c, int v, int k,
			const struct vmdesc_region *r)
{
	uint32_t rwx = r->flags & VMDESC_MEM_RWX;
	int rc;

	if (r->flags & ~VMDESC_MEM_FLAGS_ALL)
		return fail(c, v, "regions", k, "flags", VMDESC_E_FLAGS);
	if (r->reserved)
		return fail(c, v, "regions", k, "reserved", VMDESC_E_RESERVED);
	rc = check_ipa_range(c, v, "regions", k, r->ipa, r->size);
	if (rc)
		return rc;
	/* RISC-V stage 2 has no write-only encoding; Arm could, but why. */
	if (!rwx || ((rwx & VMDESC_MEM_W) && !(rwx & VMDESC_MEM_R)))
		return fail(c, v, "regions", k, "flags", VMDESC_E_PERMS);
	if (!(r->flags & VMDESC_MEM_FIXED_PA)) {
		if (r->pa)
			return fail(c, v, "regions", k, "pa",
				    VMDESC_E_PA_UNUSED);
		if (c->runtime)
			return fail(c, v, "regions", k, "flags",
				    VMDESC_E_RUNTIME_PA);
		return 0;
	}
	rc = check_pa_range(c, v, "regions", k, r->pa, r->size);
	return rc ? rc : check_board_memory(c, v, "regions", k, r->pa, r->size);
}

/* Stage 2 maps whole pages, so the board's devices count page-rounded. */
static bool board_device_get(const void *ctx, uint32_t i, struct vrange *r)
{
	const struct platform_device *d =
	    &((const struct platform_desc *)ctx)->devices[i];
	uint64_t first = d->base & ~(uint64_t)(PAGE - 1);

	if (!d->size || wraps(d->base, d->size))
		return false;
	r->base = first;
	r->last = (d->base + d->size - 1) | (PAGE - 1);
	return true;
}

static uint32_t board_device_count(const struct platform_desc *p)
{
	return p->device_count < PLATFORM_MAX_DEVICES ? p->device_count
						      : PLATFORM_MAX_DEVICES;
}

static int check_device(struct ctx *c, int v, int k,
			const struct vmdesc_device *d)
{
	int rc;

	if (d->flags)
		return fail(c, v, "devices", k, "flags", VMDESC_E_FLAGS);
	if (d->reserved)
		return fail(c, v, "devices", k, "reserved", VMDESC_E_RESERVED);
	rc = check_ipa_range(c, v, "devices", k, d->ipa, d->size);
	if (!rc)
		rc = check_pa_range(c, v, "devices", k, d->pa, d->size);
	if (rc || c->runtime)
		return rc;
	if (!covered(mkrange(d->pa, d->size), board_device_get, c->plat,
		     board_device_count(c->plat)))
		return fail(c, v, "devices", k, "pa", VMDESC_E_NOT_DEVICE);
	return 0;
}

static bool is_virtual_irq(const struct ctx *c, const struct vmdesc_vm *vm,
			   uint32_t id)
{
	if (vm->console != VMDESC_CONSOLE_NONE && vm->console_irq == id)
		return true;
	for (uint32_t k = 0; k < vm->ipcs.count; k++)
		if (ipc_at(c, vm, k)->doorbell == id)
			return true;
	return false;
}

static int check_irq(struct ctx *c, int v, const struct vmdesc_vm *vm, int k,
		     const struct vmdesc_irq *q)
{
	if (q->flags)
		return fail(c, v, "irqs", k, "flags", VMDESC_E_FLAGS);
	if (!irq_on_board(c, q->id))
		return fail(c, v, "irqs", k, "id", VMDESC_E_IRQ_RANGE);
	if (c->plat->hyp_irq && q->id == c->plat->hyp_irq)
		return fail(c, v, "irqs", k, "id", VMDESC_E_IRQ_HYP);
	if (is_virtual_irq(c, vm, q->id))
		return fail(c, v, "irqs", k, "id", VMDESC_E_IRQ_VIRTUAL);
	return 0;
}

static int check_ipc(struct ctx *c, int v, const struct vmdesc_vm *vm,
		     uint32_t k)
{
	const struct vmdesc_ipc *p = ipc_at(c, vm, k);
	int ki = (int)k;
	int rc;

	if (p->shmem >= c->h->shmem.count)
		return fail(c, v, "ipcs", ki, "shmem", VMDESC_E_REF_DANGLING);
	if (p->flags & ~VMDESC_IPC_RO)
		return fail(c, v, "ipcs", ki, "flags", VMDESC_E_FLAGS);
	if (p->reserved)
		return fail(c, v, "ipcs", ki, "reserved", VMDESC_E_RESERVED);
	rc = check_ipa_range(c, v, "ipcs", ki, p->ipa,
			     shmem_at(c, p->shmem)->size);
	if (rc)
		return rc;
	if (p->doorbell && !irq_on_board(c, p->doorbell))
		return fail(c, v, "ipcs", ki, "doorbell", VMDESC_E_IRQ_RANGE);
	if (p->doorbell && vm->console != VMDESC_CONSOLE_NONE &&
	    p->doorbell == vm->console_irq)
		return fail(c, v, "ipcs", ki, "doorbell", VMDESC_E_IRQ_VIRTUAL);
	for (uint32_t j = 0; j < k; j++) {
		const struct vmdesc_ipc *q = ipc_at(c, vm, j);

		if (q->shmem == p->shmem)
			fail(c, v, "ipcs", ki, "shmem", VMDESC_E_IPC_DUP);
		else if (p->doorbell && q->doorbell == p->doorbell)
			fail(c, v, "ipcs", ki, "doorbell",
			     VMDESC_E_IRQ_VIRTUAL);
		else
			continue;
		return note_other(c, ": also ", v, v, "ipcs", (int)j);
	}
	return 0;
}

static int check_vm_arrays(struct ctx *c, int v, const struct vmdesc_vm *vm)
{
	int rc = 0;

	for (uint32_t k = 0; !rc && k < vm->regions.count; k++)
		rc = check_region(c, v, (int)k, region_at(c, vm, k));
	for (uint32_t k = 0; !rc && k < vm->devices.count; k++)
		rc = check_device(c, v, (int)k, device_at(c, vm, k));
	for (uint32_t k = 0; !rc && k < vm->ipcs.count; k++)
		rc = check_ipc(c, v, vm, k);
	for (uint32_t k = 0; !rc && k < vm->irqs.count; k++)
		rc = check_irq(c, v, vm, (int)k, irq_at(c, vm, k));
	return rc;
}

/* One entry of a VM's guest-physical map, for the overlap checks. */
struct item {
	int vm;
	const char *arr;
	int idx;
	struct vrange r;
};

/* The k-th guest-physical range of a VM: regions, devices, console, ipcs. */
static bool ipa_item(const struct ctx *c, const struct vmdesc_vm *vm,
		     uint32_t k, struct item *it)
{
	if (k < vm->regions.count) {
		const struct vmdesc_region *r = region_at(c, vm, k);

		*it = (struct item){0, "regions", (int)k,
				    mkrange(r->ipa, r->size)};
		return true;
	}
	k -= vm->regions.count;
	if (k < vm->devices.count) {
		const struct vmdesc_device *d = device_at(c, vm, k);

		*it = (struct item){0, "devices", (int)k,
				    mkrange(d->ipa, d->size)};
		return true;
	}
	k -= vm->devices.count;
	if (vm->console != VMDESC_CONSOLE_NONE) {
		if (k == 0) {
			*it = (struct item){
			    0, "console_ipa", -1,
			    mkrange(vm->console_ipa, VMDESC_CONSOLE_SIZE)};
			return true;
		}
		k--;
	}
	if (k < vm->ipcs.count) {
		const struct vmdesc_ipc *p = ipc_at(c, vm, k);

		*it =
		    (struct item){0, "ipcs", (int)k,
				  mkrange(p->ipa, shmem_at(c, p->shmem)->size)};
		return true;
	}
	return false;
}

static int fail_item(struct ctx *c, int v, const struct item *it,
		     const char *member, enum vmdesc_reason code)
{
	return fail(c, v, it->arr, it->idx, it->idx >= 0 ? member : NULL, code);
}

static int check_ipa_map(struct ctx *c, int v, const struct vmdesc_vm *vm)
{
	const struct platform_range *w = &c->plat->intc_window;
	struct vrange intc = {0, 0};
	bool has_intc = w->size && !wraps(w->base, w->size);
	struct item a, b;

	if (has_intc)
		intc = mkrange(w->base, w->size);
	for (uint32_t i = 0; ipa_item(c, vm, i, &a); i++) {
		if (has_intc && overlaps(a.r, intc)) {
			fail_item(c, v, &a, "ipa", VMDESC_E_INTC_WINDOW);
			return note_num(c, " at ", intc.base, true);
		}
		for (uint32_t j = 0; j < i && ipa_item(c, vm, j, &b); j++)
			if (overlaps(a.r, b.r)) {
				fail_item(c, v, &a, "ipa",
					  VMDESC_E_IPA_OVERLAP);
				return note_other(c, " ", v, v, b.arr, b.idx);
			}
	}
	return 0;
}

struct region_filter {
	const struct ctx *c;
	const struct vmdesc_vm *vm;
	uint32_t need; /* region flags that must all be set */
};

static bool vm_region_get(const void *ctx, uint32_t i, struct vrange *r)
{
	const struct region_filter *f = ctx;
	const struct vmdesc_region *rg = region_at(f->c, f->vm, i);

	if ((rg->flags & f->need) != f->need)
		return false;
	*r = mkrange(rg->ipa, rg->size);
	return true;
}

static int check_image(struct ctx *c, int v, const struct vmdesc_vm *vm,
		       uint32_t k)
{
	const struct vmdesc_image *img = image_at(c, vm, k);
	struct region_filter any = {c, vm, 0};
	struct region_filter fixed = {c, vm, VMDESC_MEM_FIXED_PA};
	int ki = (int)k;

	if (img->source != VMDESC_IMAGE_BLOB &&
	    img->source != VMDESC_IMAGE_IN_PLACE)
		return fail(c, v, "images", ki, "source",
			    VMDESC_E_IMAGE_SOURCE);
	if (img->source == VMDESC_IMAGE_IN_PLACE && img->offset)
		return fail(c, v, "images", ki, "offset",
			    VMDESC_E_IMAGE_SOURCE);
	if (!img->size)
		return fail(c, v, "images", ki, "size", VMDESC_E_ZERO_SIZE);
	if (wraps(img->ipa, img->size))
		return fail(c, v, "images", ki, "size", VMDESC_E_WRAP);
	if (!covered(mkrange(img->ipa, img->size), vm_region_get, &any,
		     vm->regions.count))
		return fail(c, v, "images", ki, "ipa", VMDESC_E_IMAGE_OUTSIDE);
	if (!c->runtime && img->source == VMDESC_IMAGE_IN_PLACE &&
	    !covered(mkrange(img->ipa, img->size), vm_region_get, &fixed,
		     vm->regions.count))
		return fail(c, v, "images", ki, "ipa", VMDESC_E_IMAGE_IN_PLACE);
	for (uint32_t j = 0; j < k; j++) {
		const struct vmdesc_image *o = image_at(c, vm, j);

		if (overlaps(mkrange(img->ipa, img->size),
			     mkrange(o->ipa, o->size))) {
			fail(c, v, "images", ki, "ipa", VMDESC_E_IMAGE_OVERLAP);
			return note_other(c, ": ", v, v, "images", (int)j);
		}
	}
	return 0;
}

static int check_entry(struct ctx *c, int v, const struct vmdesc_vm *vm)
{
	for (uint32_t k = 0; k < vm->regions.count; k++) {
		const struct vmdesc_region *r = region_at(c, vm, k);

		if ((r->flags & VMDESC_MEM_X) && vm->entry >= r->ipa &&
		    vm->entry - r->ipa < r->size)
			return 0;
	}
	fail(c, v, NULL, -1, "entry", VMDESC_E_ENTRY);
	return note_num(c, ": ", vm->entry, true);
}

static int check_vm(struct ctx *c, uint32_t i)
{
	const struct vmdesc_vm *vm = vm_at(c, i);
	int v = (int)i;
	int rc = check_vm_fields(c, i, vm);

	if (!rc)
		rc = check_vm_arrays(c, v, vm);
	if (!rc)
		rc = check_ipa_map(c, v, vm);
	for (uint32_t k = 0; !rc && k < vm->images.count; k++)
		rc = check_image(c, v, vm, k);
	return rc ? rc : check_entry(c, v, vm);
}

static int check_shmem(struct ctx *c, uint32_t i)
{
	const struct vmdesc_shmem *s = shmem_at(c, i);
	int k = (int)i;
	int rc;

	if (!s->size)
		return fail(c, -1, "shmem", k, "size", VMDESC_E_ZERO_SIZE);
	if (!page_aligned(s->size))
		return fail(c, -1, "shmem", k, "size", VMDESC_E_PAGE_ALIGN);
	if (s->colors & ~low_mask(c->colors))
		return fail(c, -1, "shmem", k, "colors", VMDESC_E_COLOR_RANGE);
	if (!s->pa) {
		if (c->runtime)
			return fail(c, -1, "shmem", k, "pa",
				    VMDESC_E_RUNTIME_PA);
		return 0;
	}
	if (s->colors)
		return fail(c, -1, "shmem", k, "colors", VMDESC_E_COLOR_FIXED);
	rc = check_pa_range(c, -1, "shmem", k, s->pa, s->size);
	return rc ? rc : check_board_memory(c, -1, "shmem", k, s->pa, s->size);
}

/* ---- relations between VMs ---- */

/* The VMs a VM refers to (its tee and parent), as a set. */
static uint32_t refs(const struct ctx *c, uint32_t i)
{
	const struct vmdesc_vm *vm = vm_at(c, i);
	uint32_t m = 0;

	if (vm->tee != VMDESC_NONE)
		m |= 1u << vm->tee;
	if (vm->parent != VMDESC_NONE)
		m |= 1u << vm->parent;
	return m;
}

/*
 * The VMs directly beneath a VM on a shared CPU: a child runs above its
 * parent, a TEE above each client it serves.
 */
static uint32_t beneath(const struct ctx *c, uint32_t i)
{
	uint32_t m = 0;

	if (vm_at(c, i)->parent != VMDESC_NONE)
		m |= 1u << vm_at(c, i)->parent;
	for (uint32_t j = 0; j < c->h->vms.count; j++)
		if (vm_at(c, j)->tee == i)
			m |= 1u << j;
	return m;
}

/* Transitive closure of n sets (n <= 32) in place. */
static void closure(uint32_t *set, uint32_t n)
{
	for (uint32_t round = 0; round < n; round++)
		for (uint32_t i = 0; i < n; i++)
			for (uint32_t j = 0; j < n; j++)
				if (set[i] & (1u << j))
					set[i] |= set[j];
}

static int check_cycles(struct ctx *c, const uint32_t *reach)
{
	for (uint32_t i = 0; i < c->h->vms.count; i++) {
		const struct vmdesc_vm *vm = vm_at(c, i);

		if (!(reach[i] & (1u << i)))
			continue;
		if (vm->parent != VMDESC_NONE &&
		    (reach[vm->parent] & (1u << i)))
			return fail(c, (int)i, NULL, -1, "parent",
				    VMDESC_E_REF_CYCLE);
		return fail(c, (int)i, NULL, -1, "tee", VMDESC_E_REF_CYCLE);
	}
	return 0;
}

/* One VM is somewhere above the other in a VM-stack. */
static bool stacked(const uint32_t *below, uint32_t a, uint32_t b)
{
	return (below[a] & (1u << b)) || (below[b] & (1u << a));
}

static int check_sharing(struct ctx *c, const uint32_t *below)
{
	for (uint32_t i = 0; i < c->h->vms.count; i++) {
		const struct vmdesc_vm *a = vm_at(c, i);
		bool share_a = a->flags & VMDESC_VM_SHARE_COLORS;

		if ((a->colors & c->h->hyp_colors) && !share_a) {
			fail(c, (int)i, NULL, -1, "colors",
			     VMDESC_E_COLOR_CONFLICT);
			return note(c, ": the hypervisor's");
		}
		for (uint32_t j = 0; j < i; j++) {
			const struct vmdesc_vm *b = vm_at(c, j);
			uint64_t both = a->cpu_affinity & b->cpu_affinity;
			bool share =
			    share_a || (b->flags & VMDESC_VM_SHARE_COLORS);

			if (both && !stacked(below, i, j)) {
				fail(c, (int)i, NULL, -1, "cpu_affinity",
				     VMDESC_E_CPU_CONFLICT);
				note_num(c, ": CPU ", lowest_bit(both), false);
				return note_other(c, " with ", (int)i, (int)j,
						  NULL, -1);
			}
			if ((a->colors & b->colors) && !share) {
				fail(c, (int)i, NULL, -1, "colors",
				     VMDESC_E_COLOR_CONFLICT);
				return note_other(c, ": with ", (int)i, (int)j,
						  NULL, -1);
			}
		}
	}
	return 0;
}

/* Walks every fixed physical range: VM regions, then shared memory. */
struct pa_iter {
	uint32_t vm; /* vms.count: in the shared memory */
	uint32_t i;
};

static bool pa_next(const struct ctx *c, struct pa_iter *it, struct item *out)
{
	for (; it->vm < c->h->vms.count; it->vm++, it->i = 0) {
		const struct vmdesc_vm *vm = vm_at(c, it->vm);

		while (it->i < vm->regions.count) {
			const struct vmdesc_region *r =
			    region_at(c, vm, it->i++);

			if (!(r->flags & VMDESC_MEM_FIXED_PA))
				continue;
			*out = (struct item){(int)it->vm, "regions",
					     (int)it->i - 1,
					     mkrange(r->pa, r->size)};
			return true;
		}
	}
	while (it->i < c->h->shmem.count) {
		const struct vmdesc_shmem *s = shmem_at(c, it->i++);

		if (!s->pa)
			continue;
		*out = (struct item){-1, "shmem", (int)it->i - 1,
				     mkrange(s->pa, s->size)};
		return true;
	}
	return false;
}

static int check_pa_overlaps(struct ctx *c)
{
	struct pa_iter outer = {0, 0};
	struct item a, b;

	while (pa_next(c, &outer, &a)) {
		struct pa_iter inner = {0, 0};

		/* Both iterators stand just past `a` when inner reaches it. */
		while (pa_next(c, &inner, &b) &&
		       (inner.vm != outer.vm || inner.i != outer.i))
			if (overlaps(a.r, b.r)) {
				fail(c, a.vm, a.arr, a.idx, "pa",
				     VMDESC_E_PA_OVERLAP);
				return note_other(c, " ", a.vm, b.vm, b.arr,
						  b.idx);
			}
	}
	return 0;
}

/* Every device range against every one before it, in all VMs. */
static int check_device_overlaps(struct ctx *c)
{
	for (uint32_t i = 0; i < c->h->vms.count; i++) {
		const struct vmdesc_vm *a = vm_at(c, i);

		for (uint32_t k = 0; k < a->devices.count; k++) {
			const struct vmdesc_device *d = device_at(c, a, k);

			for (uint32_t j = 0; j <= i; j++) {
				const struct vmdesc_vm *b = vm_at(c, j);
				uint32_t n = j == i ? k : b->devices.count;

				for (uint32_t l = 0; l < n; l++) {
					const struct vmdesc_device *e =
					    device_at(c, b, l);

					if (!overlaps(mkrange(d->pa, d->size),
						      mkrange(e->pa, e->size)))
						continue;
					fail(c, (int)i, "devices", (int)k, "pa",
					     VMDESC_E_DEVICE_TAKEN);
					return note_other(c, ": also ", (int)i,
							  (int)j, "devices",
							  (int)l);
				}
			}
		}
	}
	return 0;
}

static int find_irq_before(const struct ctx *c, uint32_t i, uint32_t k,
			   uint32_t id, uint32_t *vm, uint32_t *idx)
{
	for (uint32_t j = 0; j <= i; j++) {
		const struct vmdesc_vm *b = vm_at(c, j);
		uint32_t n = j == i ? k : b->irqs.count;

		for (uint32_t l = 0; l < n; l++)
			if (irq_at(c, b, l)->id == id) {
				*vm = j;
				*idx = l;
				return 1;
			}
	}
	return 0;
}

static int check_irq_owners(struct ctx *c)
{
	for (uint32_t i = 0; i < c->h->vms.count; i++) {
		const struct vmdesc_vm *a = vm_at(c, i);

		for (uint32_t k = 0; k < a->irqs.count; k++) {
			uint32_t vm, idx;

			if (!find_irq_before(c, i, k, irq_at(c, a, k)->id, &vm,
					     &idx))
				continue;
			fail(c, (int)i, "irqs", (int)k, "id",
			     VMDESC_E_IRQ_TAKEN);
			return note_other(c, ": also ", (int)i, (int)vm, "irqs",
					  (int)idx);
		}
	}
	return 0;
}

static uint64_t add_sat(uint64_t a, uint64_t b)
{
	return a > MAX_U64 - b ? MAX_U64 : a + b;
}

/* A necessary condition only: fragmentation can still make boot fail. */
static int check_budget(struct ctx *c)
{
	uint64_t need = 0, have = 0, hyp;

	for (uint32_t i = 0; i < c->h->vms.count; i++) {
		const struct vmdesc_vm *vm = vm_at(c, i);

		for (uint32_t k = 0; k < vm->regions.count; k++)
			need = add_sat(need, region_at(c, vm, k)->size);
	}
	for (uint32_t i = 0; i < c->h->shmem.count; i++)
		need = add_sat(need, shmem_at(c, i)->size);
	for (uint32_t i = 0; i < ram_count(c->plat); i++)
		have = add_sat(have, c->plat->ram[i].size);
	hyp = vmdesc_hyp_reserved(c->plat, c->size);
	have = have > hyp ? have - hyp : 0;
	if (need <= have)
		return 0;
	fail(c, -1, "memory", -1, NULL, VMDESC_E_NO_MEMORY);
	note_num(c, ": need ", (need + (1u << 20) - 1) >> 20, false);
	note_num(c, " MiB, free ", have >> 20, false);
	return note(c, " MiB");
}

/* A TEE serves one VM and sees that VM's memory at the VM's guest-physical
 * addresses, so nothing of the TEE's own (its memory, devices, console,
 * shared memory) may be there. */
static int check_tee(struct ctx *c, uint32_t i)
{
	const struct vmdesc_vm *vm = vm_at(c, i), *tee;
	struct item own;

	if (vm->tee == VMDESC_NONE)
		return 0;
	tee = vm_at(c, vm->tee);
	for (uint32_t j = 0; j < i; j++)
		if (vm_at(c, j)->tee == vm->tee) {
			fail(c, (int)i, NULL, -1, "tee", VMDESC_E_TEE_SHARED);
			return note_other(c, ": it serves ", (int)i, (int)j,
					  NULL, -1);
		}
	for (uint32_t k = 0; k < vm->regions.count; k++) {
		const struct vmdesc_region *r = region_at(c, vm, k);

		for (uint32_t n = 0; ipa_item(c, tee, n, &own); n++)
			if (overlaps(mkrange(r->ipa, r->size), own.r)) {
				fail(c, (int)i, "regions", (int)k, "ipa",
				     VMDESC_E_TEE_OVERLAP);
				return note_other(c, ": ", (int)i, (int)vm->tee,
						  own.arr, own.idx);
			}
	}
	return 0;
}

static int check_tees(struct ctx *c)
{
	int rc = 0;

	for (uint32_t i = 0; i < c->h->vms.count && !rc; i++)
		rc = check_tee(c, i);
	return rc;
}

static int check_relations(struct ctx *c)
{
	uint32_t reach[VMDESC_MAX_VMS], below[VMDESC_MAX_VMS];
	uint32_t n = c->h->vms.count;
	int rc;

	for (uint32_t i = 0; i < n; i++) {
		reach[i] = refs(c, i);
		below[i] = beneath(c, i);
	}
	closure(reach, n);
	closure(below, n);
	rc = check_cycles(c, reach);
	if (!rc)
		rc = check_sharing(c, below);
	if (!rc)
		rc = check_tees(c);
	if (!rc)
		rc = check_pa_overlaps(c);
	if (!rc)
		rc = check_device_overlaps(c);
	if (!rc)
		rc = check_irq_owners(c);
	if (!rc && !c->runtime)
		rc = check_budget(c);
	return rc;
}

/* ---- the parent's resources (run-time create) ---- */

static bool view_range_get(const void *ctx, uint32_t i, struct vrange *r)
{
	const struct vmdesc_range *v = &((const struct vmdesc_range *)ctx)[i];

	if (!v->size || wraps(v->base, v->size))
		return false;
	*r = mkrange(v->base, v->size);
	return true;
}

static bool parent_memory(const struct ctx *c, uint64_t pa, uint64_t size)
{
	return covered(mkrange(pa, size), view_range_get, c->parent->memory,
		       c->parent->memory ? c->parent->memory_count : 0);
}

static bool parent_irq(const struct ctx *c, uint32_t id)
{
	for (uint32_t i = 0; c->parent->irqs && i < c->parent->irq_count; i++)
		if (c->parent->irqs[i] == id)
			return true;
	return false;
}

static int check_parent_vm(struct ctx *c, const struct vmdesc_vm *vm)
{
	const struct vmdesc_owner_view *p = c->parent;

	if (vm->vcpus > p->vcpus)
		return fail(c, 0, NULL, -1, "vcpus", VMDESC_E_NOT_PARENT_CPU);
	if (vm->cpu_affinity & ~low_mask(p->vcpus))
		return fail(c, 0, NULL, -1, "cpu_affinity",
			    VMDESC_E_NOT_PARENT_CPU);
	if (p->colors && (vm->colors & ~p->colors))
		return fail(c, 0, NULL, -1, "colors",
			    VMDESC_E_NOT_PARENT_COLORS);
	for (uint32_t k = 0; k < vm->regions.count; k++) {
		const struct vmdesc_region *r = region_at(c, vm, k);

		if (!parent_memory(c, r->pa, r->size))
			return fail(c, 0, "regions", (int)k, "pa",
				    VMDESC_E_NOT_PARENT_MEMORY);
	}
	for (uint32_t k = 0; k < vm->devices.count; k++) {
		const struct vmdesc_device *d = device_at(c, vm, k);

		if (!covered(mkrange(d->pa, d->size), view_range_get,
			     p->devices, p->devices ? p->device_count : 0))
			return fail(c, 0, "devices", (int)k, "pa",
				    VMDESC_E_NOT_PARENT_DEVICE);
	}
	for (uint32_t k = 0; k < vm->irqs.count; k++)
		if (!parent_irq(c, irq_at(c, vm, k)->id))
			return fail(c, 0, "irqs", (int)k, "id",
				    VMDESC_E_NOT_PARENT_IRQ);
	return 0;
}

static int check_parent(struct ctx *c)
{
	int rc;

	if (!c->parent || c->parent->unknown)
		return 0;
	rc = check_parent_vm(c, vm_at(c, 0));
	for (uint32_t i = 0; !rc && i < c->h->shmem.count; i++) {
		const struct vmdesc_shmem *s = shmem_at(c, i);

		if (!parent_memory(c, s->pa, s->size))
			rc = fail(c, -1, "shmem", (int)i, "pa",
				  VMDESC_E_NOT_PARENT_MEMORY);
	}
	return rc;
}

/* ---- entry points ---- */

uint32_t vmdesc_color_count(const struct platform_desc *plat)
{
	uint64_t way = (uint64_t)plat->llc.ways * PAGE;
	uint64_t n = way ? plat->llc.size / way : 0;

	return n > 64 ? 64 : (uint32_t)n;
}

static int validate(struct ctx *c, const void *blob, uint32_t size)
{
	const struct platform_desc *p = c->plat;
	int rc = layout(c, blob, size);

	c->colors = vmdesc_color_count(p);
	c->ipa_last =
	    p->ipa_bits && p->ipa_bits < 64 ? low_mask(p->ipa_bits) : MAX_U64;
	if (!rc)
		rc = check_header_fields(c);
	if (!rc)
		rc = check_names(c);
	for (uint32_t i = 0; !rc && i < c->h->shmem.count; i++)
		rc = check_shmem(c, i);
	for (uint32_t i = 0; !rc && i < c->h->vms.count; i++)
		rc = check_vm(c, i);
	if (!rc)
		rc = check_relations(c);
	return rc ? rc : check_parent(c);
}

int vmdesc_validate(const void *blob, uint32_t size,
		    const struct platform_desc *plat,
		    const struct vmdesc_owner_view *parent,
		    struct vmdesc_error *err)
{
	struct ctx c;

	ctx_init(&c, plat, parent, err);
	if (!blob || !plat || !plat->name) {
		fail(&c, -1, NULL, -1, NULL, VMDESC_E_ARGS);
		return HS_INVALID;
	}
	return validate(&c, blob, size);
}

const char *vmdesc_reason_text(enum vmdesc_reason r)
{
	if ((unsigned)r >= VMDESC_E_COUNT_OF_REASONS)
		return "unknown reason";
	return reason_text[r];
}

void vmdesc_error_format(const struct vmdesc_error *e, char *buf, size_t n)
{
	struct sbuf b;

	sb_init(&b, buf, n);
	if (e->vm >= 0) {
		sb_str(&b, "vm ");
		sb_dec(&b, (uint64_t)e->vm);
		if (e->vm_name[0]) {
			sb_str(&b, " (");
			sb_strn(&b, e->vm_name, sizeof(e->vm_name));
			sb_char(&b, ')');
		}
		sb_str(&b, ": ");
	}
	if (e->field[0]) {
		sb_strn(&b, e->field, sizeof(e->field));
		sb_str(&b, ": ");
	}
	sb_strn(&b, e->reason, sizeof(e->reason));
}

/* ---- accessors ---- */

static const void *element(const struct vmdesc_header *h,
			   const struct vmdesc_array *a, uint32_t rec,
			   uint32_t i)
{
	if (!h || i >= a->count ||
	    (uint64_t)a->offset + ((uint64_t)i + 1) * rec > h->total_size)
		return NULL;
	return (const uint8_t *)h + a->offset + (uint64_t)i * rec;
}

const struct vmdesc_header *vmdesc_header(const void *blob)
{
	return blob;
}

const struct vmdesc_vm *vmdesc_vm(const struct vmdesc_header *h, uint32_t i)
{
	return h ? element(h, &h->vms, sizeof(struct vmdesc_vm), i) : NULL;
}

const struct vmdesc_shmem *vmdesc_shmem(const struct vmdesc_header *h,
					uint32_t i)
{
	return h ? element(h, &h->shmem, sizeof(struct vmdesc_shmem), i) : NULL;
}

const struct vmdesc_region *vmdesc_region(const struct vmdesc_header *h,
					  const struct vmdesc_vm *vm,
					  uint32_t i)
{
	return vm ? element(h, &vm->regions, sizeof(struct vmdesc_region), i)
		  : NULL;
}

const struct vmdesc_device *vmdesc_device(const struct vmdesc_header *h,
					  const struct vmdesc_vm *vm,
					  uint32_t i)
{
	return vm ? element(h, &vm->devices, sizeof(struct vmdesc_device), i)
		  : NULL;
}

const struct vmdesc_irq *vmdesc_irq(const struct vmdesc_header *h,
				    const struct vmdesc_vm *vm, uint32_t i)
{
	return vm ? element(h, &vm->irqs, sizeof(struct vmdesc_irq), i) : NULL;
}

const struct vmdesc_image *vmdesc_image(const struct vmdesc_header *h,
					const struct vmdesc_vm *vm, uint32_t i)
{
	return vm ? element(h, &vm->images, sizeof(struct vmdesc_image), i)
		  : NULL;
}

const struct vmdesc_ipc *vmdesc_ipc(const struct vmdesc_header *h,
				    const struct vmdesc_vm *vm, uint32_t i)
{
	return vm ? element(h, &vm->ipcs, sizeof(struct vmdesc_ipc), i) : NULL;
}

const void *vmdesc_image_data(const struct vmdesc_header *h,
			      const struct vmdesc_image *img)
{
	if (!h || !img || img->source != VMDESC_IMAGE_BLOB ||
	    img->offset > h->total_size ||
	    img->size > h->total_size - img->offset)
		return NULL;
	return (const uint8_t *)h + img->offset;
}
