// SPDX-License-Identifier: Apache-2.0
/*
 * libFuzzer target: the validator and the dump over arbitrary bytes.
 *
 * Beyond "no crash under ASan/UBSan", it checks the promises the hypervisor
 * relies on: a blob that passes the layout check can be walked with the
 * accessors without leaving the buffer, validation is deterministic and
 * never writes to the blob, and every error message is terminated.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vmdesc.h"
#include "tessera-config/dump.h"

#define ASSERT(c)                                                             \
	do {                                                                  \
		if (!(c)) {                                                   \
			fprintf(stderr, "fuzz_vmdesc: %s:%d: %s\n", __FILE__, \
				__LINE__, #c);                                \
			abort();                                              \
		}                                                             \
	} while (0)

static const struct vmdesc_range memory[] = {{0x40000000, 256 << 20}};
static const struct vmdesc_range devices[] = {{0x09010000, 0x1000}};
static const uint32_t irqs[] = {34, 39};
static const struct vmdesc_owner_view parent = {
    .memory_count = 1,
    .memory = memory,
    .device_count = 1,
    .devices = devices,
    .irq_count = 2,
    .irqs = irqs,
    .vcpus = 2,
    .colors = 0x3,
};
static const struct vmdesc_owner_view unknown = {.unknown = true};

static const uint8_t *lo, *hi;

static void in_blob(const void *p, size_t size)
{
	ASSERT(p);
	ASSERT((const uint8_t *)p >= lo && (const uint8_t *)p + size <= hi);
}

static void walk_vm(const struct vmdesc_header *h, const struct vmdesc_vm *vm)
{
	for (uint32_t k = 0; k < vm->regions.count; k++)
		in_blob(vmdesc_region(h, vm, k), sizeof(struct vmdesc_region));
	for (uint32_t k = 0; k < vm->devices.count; k++)
		in_blob(vmdesc_device(h, vm, k), sizeof(struct vmdesc_device));
	for (uint32_t k = 0; k < vm->irqs.count; k++)
		in_blob(vmdesc_irq(h, vm, k), sizeof(struct vmdesc_irq));
	for (uint32_t k = 0; k < vm->ipcs.count; k++)
		in_blob(vmdesc_ipc(h, vm, k), sizeof(struct vmdesc_ipc));
	for (uint32_t k = 0; k < vm->images.count; k++) {
		const struct vmdesc_image *img = vmdesc_image(h, vm, k);
		const void *data = vmdesc_image_data(h, img);

		in_blob(img, sizeof(*img));
		if (img->source == VMDESC_IMAGE_BLOB)
			in_blob(data, img->size);
	}
	ASSERT(!vmdesc_region(h, vm, vm->regions.count));
}

/* What the layout check promises: every record is inside the blob. */
static void walk(const void *blob)
{
	const struct vmdesc_header *h = vmdesc_header(blob);

	for (uint32_t i = 0; i < h->vms.count; i++) {
		const struct vmdesc_vm *vm = vmdesc_vm(h, i);

		in_blob(vm, sizeof(*vm));
		walk_vm(h, vm);
	}
	for (uint32_t i = 0; i < h->shmem.count; i++)
		in_blob(vmdesc_shmem(h, i), sizeof(struct vmdesc_shmem));
	ASSERT(!vmdesc_vm(h, h->vms.count));
}

static void check_error(const struct vmdesc_error *e)
{
	char msg[64];

	ASSERT(memchr(e->field, 0, sizeof(e->field)));
	ASSERT(memchr(e->reason, 0, sizeof(e->reason)));
	ASSERT(memchr(e->vm_name, 0, sizeof(e->vm_name)));
	ASSERT((unsigned)e->code < VMDESC_E_COUNT_OF_REASONS);
	vmdesc_error_format(e, msg, sizeof(msg));
	ASSERT(memchr(msg, 0, sizeof(msg)));
}

static void validate(const void *blob, uint32_t size,
		     const struct platform_desc *plat,
		     const struct vmdesc_owner_view *view)
{
	struct vmdesc_error e1, e2;
	int rc1 = vmdesc_validate(blob, size, plat, view, &e1);
	int rc2 = vmdesc_validate(blob, size, plat, view, &e2);

	ASSERT(rc1 == rc2 && e1.code == e2.code);
	check_error(&e1);
	if (rc1 == 0) {
		ASSERT(e1.code == VMDESC_OK);
		walk(blob);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	struct vmdesc_error e;
	uint8_t *blob, *copy;

	if (size > UINT32_MAX)
		return 0;
	if (!devnull)
		devnull = fopen("/dev/null", "w");
	/* malloc: 8-byte aligned, and exactly `size` bytes for ASan. */
	blob = malloc(size ? size : 1);
	copy = malloc(size ? size : 1);
	ASSERT(blob && copy);
	memcpy(blob, data, size);
	memcpy(copy, data, size);
	lo = blob;
	hi = blob + size;

	if (vmdesc_check_layout(blob, (uint32_t)size, &e) == 0) {
		walk(blob);
		if (devnull)
			vmdesc_dump(devnull, vmdesc_header(blob),
				    &platform_qemu_aarch64_virt);
	}
	check_error(&e);
	for (const struct platform_desc *const *p = platform_descs; *p; p++) {
		validate(blob, (uint32_t)size, *p, NULL);
		validate(blob, (uint32_t)size, *p, &parent);
		validate(blob, (uint32_t)size, *p, &unknown);
	}
	ASSERT(memcmp(blob, copy, size) == 0);
	free(blob);
	free(copy);
	return 0;
}
