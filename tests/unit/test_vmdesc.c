// SPDX-License-Identifier: Apache-2.0
/*
 * Unit tests of the VM description validator.
 *
 * Two good descriptions are built with the authoring macros and the real
 * serializer: a boot configuration that uses every feature of the format,
 * and a single-VM run-time description. Each bad case copies one of them,
 * breaks exactly one thing and asserts the exact reason, VM and field.
 *
 *   test_vmdesc [--write-corpus DIR]   DIR receives every case as a blob
 *                                      (the fuzzer's seed corpus)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tessera/config.h>
#include <tessera/hypercall.h>

#include "core/vmdesc.h"
#include "mkconfig/serialize.h"
#include "tessera-config/dump.h"
#include "unit.h"

static const struct platform_desc *const arm = &platform_qemu_aarch64_virt;

/* ---- the good descriptions ---- */

static const struct cfg_vm boot_vms[] = {
    VM(.name = "linux", .cpus = CPUS(0, 1), .flags = CONSOLE_INPUT,
       .memory = REGIONS(RAM(0x40000000, 64 * MiB),
			 RAM_FIXED(0x48000000, 16 * MiB, 0x70000000)),
       .devices = DEVICES(DEVICE(0x09010000, 0x1000)), .irqs = IRQS(34),
       .images = IMAGES(IMAGE("a.bin", 0x40000000),
			IMAGE_IN_PLACE(0x48000000, 0x1000)),
       .entry = 0x40000000, .boot_arg = 0x44000000,
       .console = PL011(0x09000000, 33),
       .ipcs = IPCS(IPC("chan", 0x50000000, 40), IPC("chan2", 0x50200000, 0)),
       .colors = COLORS(0, 1), .tee = "optee"),
    VM(.name = "optee", .cpus = CPUS(0, 1), .flags = TEE_VM,
       .memory = REGIONS(RAM(0x0e100000, 16 * MiB)),
       .images = IMAGES(IMAGE("a.bin", 0x0e100000)), .entry = 0x0e100000,
       .colors = COLORS(2)),
    VM(.name = "rtos", .cpus = CPUS(2),
       .memory = REGIONS(RAM_FIXED(0x40000000, 16 * MiB, 0x71000000)),
       .devices = DEVICES(DEVICE_AT(0x09030000, 0x20000000, 0x1000)),
       .irqs = IRQS(39), .images = IMAGES(IMAGE_IN_PLACE(0x40000000, 0x1000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33),
       .ipcs = IPCS(IPC_RO("chan", 0x50000000, 41)), .colors = COLORS(3)),
    VM(.name = "child", .cpus = CPUS(2), .parent = "rtos",
       .memory = REGIONS(RAM(0x40000000, 16 * MiB)),
       .images = IMAGES(IMAGE("a.bin", 0x40000000)), .entry = 0x40000000,
       .colors = COLORS(4)),
};

static const struct cfg_shmem boot_shmem[] = {
    SHMEM("chan", 2 * MiB),
    SHMEM("chan2", 64 * KiB),
    SHMEM_AT("fixed", 1 * MiB, 0x72000000),
};

static const struct cfg_config boot_cfg = {
    .platform = "qemu-aarch64-virt",
    .kind = VMDESC_KIND_PLATFORM,
    .vms = {boot_vms, 4},
    .shmem = {boot_shmem, 3},
    .hyp_colors = COLORS(15),
};

/* A child described in its parent's terms: pa = parent IPA, CPUs = vCPUs. */
static const struct cfg_vm child_vm[] = {
    VM(.name = "child", .cpus = CPUS(0),
       .memory = REGIONS(RAM_FIXED(0x40000000, 16 * MiB, 0x48000000)),
       .devices = DEVICES(DEVICE(0x09010000, 0x1000)), .irqs = IRQS(34),
       .images = IMAGES(IMAGE_IN_PLACE(0x40000000, 0x1000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33),
       .ipcs = IPCS(IPC("ring", 0x50000000, 40)), .colors = COLORS(1)),
};

static const struct cfg_shmem child_shmem[] = {
    SHMEM_AT("ring", 1 * MiB, 0x49000000),
};

static const struct cfg_config child_cfg = {
    .platform = "qemu-aarch64-virt",
    .kind = VMDESC_KIND_VM,
    .vms = {child_vm, 1},
    .shmem = {child_shmem, 1},
};

static const struct vmdesc_range parent_memory[] = {
    {0x40000000, 256 * MiB},
};
static const struct vmdesc_range parent_devices[] = {
    {0x09010000, 0x1000},
};
static const uint32_t parent_irqs[] = {34, 39};

static const struct vmdesc_owner_view parent_view = {
    .memory_count = 1,
    .memory = parent_memory,
    .device_count = 1,
    .devices = parent_devices,
    .irq_count = 2,
    .irqs = parent_irqs,
    .vcpus = 2,
    .colors = 0x3,
};

static const struct vmdesc_owner_view unknown_parent = {.unknown = true};

/* Images for the serializer: 100 recognisable bytes per file. */
static int fake_load(void *ctx, const char *path, void **data, size_t *size,
		     char *msg, size_t n)
{
	(void)ctx;
	if (!strcmp(path, "missing.bin")) {
		snprintf(msg, n, "%s: no such file", path);
		return -1;
	}
	*data = malloc(100);
	if (!*data)
		return -1;
	memset(*data, path[0], 100);
	*size = 100;
	return 0;
}

struct blob {
	uint8_t *d;
	uint32_t size;
};

static struct blob build(const struct cfg_config *cfg)
{
	struct cfg_blob out;
	char msg[256];

	if (cfg_serialize(cfg, fake_load, NULL, &out, msg, sizeof(msg))) {
		fprintf(stderr, "test_vmdesc: cannot build a base blob: %s\n",
			msg);
		exit(2);
	}
	return (struct blob){out.data, (uint32_t)out.size};
}

/* ---- mutable views into a blob, for breaking it ---- */

static struct vmdesc_header *H(struct blob *b)
{
	return (struct vmdesc_header *)b->d;
}

static struct vmdesc_vm *V(struct blob *b, unsigned i)
{
	return (struct vmdesc_vm *)(b->d + H(b)->vms.offset +
				    i * sizeof(struct vmdesc_vm));
}

static struct vmdesc_shmem *S(struct blob *b, unsigned i)
{
	return (struct vmdesc_shmem *)(b->d + H(b)->shmem.offset +
				       i * sizeof(struct vmdesc_shmem));
}

#define ELEM(type, arr)                                                \
	static type *arr##_of(struct blob *b, unsigned vm, unsigned k) \
	{                                                              \
		return (type *)(b->d + V(b, vm)->arr.offset +          \
				k * sizeof(type));                     \
	}
ELEM(struct vmdesc_region, regions)
ELEM(struct vmdesc_device, devices)
ELEM(struct vmdesc_irq, irqs)
ELEM(struct vmdesc_image, images)
ELEM(struct vmdesc_ipc, ipcs)
#define R(vm, k) regions_of(b, vm, k)
#define D(vm, k) devices_of(b, vm, k)
#define Q(vm, k) irqs_of(b, vm, k)
#define I(vm, k) images_of(b, vm, k)
#define P(vm, k) ipcs_of(b, vm, k)

/* ---- the bad cases ---- */

enum base { BOOT, CHILD };

struct bad {
	const char *name;
	enum base base;
	const struct vmdesc_owner_view *parent; /* CHILD: NULL = parent_view */
	void (*mutate)(struct blob *b);
	enum vmdesc_reason code;
	int vm;
	const char *field;
};

#define MUT(name, ...)                   \
	static void name(struct blob *b) \
	{                                \
		__VA_ARGS__;             \
	}

/* layout */
MUT(m_short_header, b->size = 40)
MUT(m_magic, H(b)->magic ^= 0x20)
MUT(m_version, H(b)->version = 2)
MUT(m_total_tiny, H(b)->total_size = 16)
MUT(m_total_big, H(b)->total_size += 8)
MUT(m_cut, b->size -= 64)
MUT(m_vms_many, H(b)->vms.count = VMDESC_MAX_VMS + 1)
MUT(m_vms_misaligned, H(b)->vms.offset += 4)
MUT(m_vms_in_header, H(b)->vms.offset = 8)
MUT(m_vms_beyond, H(b)->vms.offset = (H(b)->total_size - 8) & ~7u)
MUT(m_vms_offset_wraps, H(b)->vms.offset = 0xfffffff8u)
MUT(m_shmem_empty_offset, H(b)->shmem.count = 0)
MUT(m_regions_many, V(b, 0)->regions.count = 0xffffffffu)
MUT(m_irqs_beyond, V(b, 0)->irqs.offset = (H(b)->total_size + 7) & ~7u)
MUT(m_ipcs_misaligned, V(b, 0)->ipcs.offset += 12)
MUT(m_image_misaligned, I(0, 0)->offset += 8)
MUT(m_image_in_header, I(0, 0)->offset = 0)
MUT(m_image_beyond, I(0, 0)->size = H(b)->total_size)
MUT(m_image_size_wraps, I(0, 0)->size = ~0ull)
/* header */
MUT(m_kind_unknown, H(b)->kind = 3)
MUT(m_kind_vm_at_boot, H(b)->kind = VMDESC_KIND_VM)
MUT(m_nothing, (void)b)
MUT(m_header_flags, H(b)->flags = 1)
MUT(m_header_reserved, H(b)->reserved[2] = 1)
MUT(m_other_board, strcpy(H(b)->platform, "qemu-riscv64-virt"))
MUT(m_board_unterminated, memset(H(b)->platform, 'a', VMDESC_NAME_MAX))
MUT(m_no_vms, H(b)->vms.count = 0; H(b)->vms.offset = 0)
MUT(m_hyp_colors_range, H(b)->hyp_colors = 1ull << 16)
MUT(m_runtime_hyp_colors, H(b)->hyp_colors = 1)
/* names */
MUT(m_name_empty, V(b, 1)->name[0] = 0)
MUT(m_name_space, V(b, 1)->name[2] = ' ')
MUT(m_name_control, V(b, 1)->name[0] = '\n')
MUT(m_name_unterminated, memset(V(b, 1)->name, 'x', VMDESC_NAME_MAX))
MUT(m_name_padding, V(b, 1)->name[20] = 'x')
MUT(m_name_dup, strcpy(V(b, 1)->name, "linux"))
MUT(m_shmem_name_dup, strcpy(S(b, 1)->name, "chan"))
/* shared memory */
MUT(m_shmem_zero, S(b, 0)->size = 0)
MUT(m_shmem_unaligned, S(b, 0)->size = 5000)
MUT(m_shmem_not_ram, S(b, 2)->pa = 0x10000000)
MUT(m_shmem_hyp, S(b, 2)->pa = 0x40100000)
MUT(m_shmem_colored_fixed, S(b, 2)->colors = 1)
MUT(m_shmem_color_range, S(b, 0)->colors = 1ull << 40)
MUT(m_runtime_shmem_alloc, S(b, 0)->pa = 0)
/* VM fields */
MUT(m_vm_flags, V(b, 0)->flags |= 1u << 9)
MUT(m_vm_reserved, V(b, 0)->reserved[1] = 7)
MUT(m_vcpus_zero, V(b, 0)->vcpus = 0; V(b, 0)->cpu_affinity = 0)
MUT(m_vcpus_mismatch, V(b, 0)->vcpus = 3)
MUT(m_cpu_range, V(b, 3)->cpu_affinity = 1u << 5)
MUT(m_colors_range, V(b, 0)->colors = 1ull << 16)
MUT(m_console_type, V(b, 0)->console = 7)
MUT(m_console_irq_alone, V(b, 1)->console_irq = 33)
MUT(m_console_input_alone, V(b, 1)->flags |= VMDESC_VM_CONSOLE_INPUT)
MUT(m_console_ipa_unaligned, V(b, 0)->console_ipa += 0x100)
MUT(m_console_irq_range, V(b, 0)->console_irq = 5)
MUT(m_console_ipa_range, V(b, 0)->console_ipa = 1ull << 40)
MUT(m_tee_dangling, V(b, 0)->tee = 9)
MUT(m_tee_self, V(b, 0)->tee = 0)
MUT(m_parent_self, V(b, 3)->parent = 3)
MUT(m_tee_not_tee, V(b, 0)->tee = 2)
MUT(m_tee_has_tee, V(b, 1)->tee = 0)
MUT(m_cycle, V(b, 2)->parent = 3)
MUT(m_runtime_tee, V(b, 0)->tee = 0)
MUT(m_tee_two_clients, V(b, 2)->tee = 1)
MUT(m_tee_memory_overlap, R(1, 0)->ipa = 0x43000000; I(1, 0)->ipa = 0x43000000;
    V(b, 1)->entry = 0x43000000)
MUT(m_tee_console_overlap, V(b, 1)->console = VMDESC_CONSOLE_PL011;
    V(b, 1)->console_ipa = 0x48000000; V(b, 1)->console_irq = 40)
/* regions */
MUT(m_region_flags, R(0, 0)->flags |= 1u << 6)
MUT(m_region_reserved, R(0, 0)->reserved = 1)
MUT(m_region_zero, R(0, 0)->size = 0)
MUT(m_region_ipa_unaligned, R(0, 0)->ipa += 0x800)
MUT(m_region_size_unaligned, R(0, 0)->size += 0x800)
MUT(m_region_wraps, R(0, 0)->ipa = 0xfffffffffff00000ull)
MUT(m_region_ipa_range, R(0, 0)->ipa = 1ull << 40)
MUT(m_region_no_access, R(0, 0)->flags = 0)
MUT(m_region_write_only, R(0, 0)->flags = VMDESC_MEM_W)
MUT(m_region_pa_unused, R(0, 0)->pa = 0x50000000)
MUT(m_region_pa_unaligned, R(0, 1)->pa += 0x10)
MUT(m_region_not_ram, R(0, 1)->pa = 0x10000000)
MUT(m_region_hyp, R(0, 1)->pa = 0x40000000)
MUT(m_region_pa_wraps, R(0, 1)->pa = 0xfffffffffff00000ull)
MUT(m_region_pa_overlap, R(0, 1)->pa = 0x71800000)
MUT(m_region_pa_overlap_shmem, S(b, 2)->pa = 0x70000000)
MUT(m_ipa_overlap_regions, R(0, 1)->ipa = 0x43000000)
MUT(m_runtime_allocated, R(0, 0)->flags &= ~VMDESC_MEM_FIXED_PA;
    R(0, 0)->pa = 0)
/* devices */
MUT(m_device_flags, D(0, 0)->flags = 1)
MUT(m_device_reserved, D(0, 0)->reserved = 1)
MUT(m_device_zero, D(0, 0)->size = 0)
MUT(m_device_unaligned, D(0, 0)->pa += 0x100; D(0, 0)->ipa += 0x100)
MUT(m_device_not_board, D(0, 0)->pa = 0x09000000)
MUT(m_device_taken, D(2, 0)->pa = 0x09010000)
MUT(m_device_ipa_overlap, D(0, 0)->ipa = 0x40000000)
MUT(m_device_intc, D(0, 0)->ipa = 0x08010000)
MUT(m_device_console, D(0, 0)->ipa = 0x09000000)
/* interrupts */
MUT(m_irq_flags, Q(0, 0)->flags = 2)
MUT(m_irq_ppi, Q(0, 0)->id = 27)
MUT(m_irq_beyond, Q(0, 0)->id = 288)
MUT(m_irq_hyp, Q(0, 0)->id = 33)
MUT(m_irq_taken, Q(2, 0)->id = 34)
MUT(m_irq_doorbell, Q(0, 0)->id = 40)
MUT(m_irq_console, V(b, 0)->console_irq = 35; Q(0, 0)->id = 35)
/* IPC */
MUT(m_ipc_dangling, P(0, 0)->shmem = 3)
MUT(m_ipc_flags, P(0, 0)->flags = 2)
MUT(m_ipc_reserved, P(0, 0)->reserved = 2)
MUT(m_ipc_unaligned, P(0, 0)->ipa += 4)
MUT(m_ipc_overlap, P(0, 0)->ipa = 0x40000000)
MUT(m_doorbell_range, P(0, 0)->doorbell = 2000)
MUT(m_doorbell_console, P(0, 0)->doorbell = 33)
MUT(m_ipc_dup, P(0, 1)->shmem = 0)
MUT(m_doorbell_dup, P(0, 1)->doorbell = 40)
/* images */
MUT(m_image_source, I(0, 0)->source = 9)
MUT(m_in_place_offset, I(2, 0)->offset = 4096)
MUT(m_image_zero, I(2, 0)->size = 0)
MUT(m_image_outside, I(0, 0)->ipa = 0x30000000)
MUT(m_image_straddles, I(0, 0)->ipa = 0x40000000 + 64 * MiB - 16)
MUT(m_in_place_wraps, I(2, 0)->ipa = ~0ull - 15; I(2, 0)->size = 100)
MUT(m_in_place_allocated, I(3, 0)->source = VMDESC_IMAGE_IN_PLACE;
    I(3, 0)->offset = 0)
MUT(m_image_overlap, I(0, 0)->ipa = 0x48000000)
/* entry */
MUT(m_entry_outside, V(b, 0)->entry = 0x30000000)
MUT(m_entry_not_x, R(0, 0)->flags = VMDESC_MEM_R | VMDESC_MEM_W)
/* relations */
MUT(m_cpu_conflict, V(b, 2)->cpu_affinity = 2)
MUT(m_cpu_conflict_siblings, V(b, 3)->parent = VMDESC_NONE)
MUT(m_cpu_conflict_tee_clients, V(b, 2)->tee = 1; V(b, 2)->cpu_affinity = 2)
MUT(m_color_conflict, V(b, 2)->colors = 1)
MUT(m_hyp_color_conflict, V(b, 0)->colors |= 1ull << 15)
MUT(m_no_memory, R(3, 0)->size = 1 * GiB)
/* run time, against the parent */
MUT(m_parent_vcpus, V(b, 0)->cpu_affinity = 7; V(b, 0)->vcpus = 3)
MUT(m_parent_vcpu_bit, V(b, 0)->cpu_affinity = 4)
MUT(m_parent_colors, V(b, 0)->colors = 4)
MUT(m_parent_memory, R(0, 0)->pa = 0x50000000)
MUT(m_parent_device, D(0, 0)->pa = 0x09030000)
MUT(m_parent_irq, Q(0, 0)->id = 48)
MUT(m_parent_shmem, S(b, 0)->pa = 0x60000000)

/* One line per case: clang-format would scatter the columns. */
/* clang-format off */
#define BAD(n, base_, mut, code_, vm_, field_)                                 \
	{ n, base_, NULL, mut, code_, vm_, field_ }

static const struct bad bad_cases[] = {
	/* layout */
	BAD("header cut short", BOOT, m_short_header, VMDESC_E_TRUNCATED, -1, "header"),
	BAD("bad magic", BOOT, m_magic, VMDESC_E_MAGIC, -1, "header.magic"),
	BAD("future version", BOOT, m_version, VMDESC_E_VERSION, -1, "header.version"),
	BAD("total_size below the header", BOOT, m_total_tiny, VMDESC_E_SIZE, -1, "header.total_size"),
	BAD("total_size beyond the buffer", BOOT, m_total_big, VMDESC_E_TRUNCATED, -1, "header.total_size"),
	BAD("blob cut short", BOOT, m_cut, VMDESC_E_TRUNCATED, -1, "header.total_size"),
	BAD("too many VMs", BOOT, m_vms_many, VMDESC_E_TOO_MANY, -1, "header.vms"),
	BAD("VM array misaligned", BOOT, m_vms_misaligned, VMDESC_E_MISALIGNED, -1, "header.vms"),
	BAD("VM array inside the header", BOOT, m_vms_in_header, VMDESC_E_HEADER_OVERLAP, -1, "header.vms"),
	BAD("VM array past the end", BOOT, m_vms_beyond, VMDESC_E_BOUNDS, -1, "header.vms"),
	BAD("VM array offset near 4 GiB", BOOT, m_vms_offset_wraps, VMDESC_E_BOUNDS, -1, "header.vms"),
	BAD("offset on an empty array", BOOT, m_shmem_empty_offset, VMDESC_E_EMPTY_OFFSET, -1, "header.shmem"),
	BAD("region count 0xffffffff", BOOT, m_regions_many, VMDESC_E_TOO_MANY, 0, "regions"),
	BAD("irq array past the end", BOOT, m_irqs_beyond, VMDESC_E_BOUNDS, 0, "irqs"),
	BAD("ipc array misaligned", BOOT, m_ipcs_misaligned, VMDESC_E_MISALIGNED, 0, "ipcs"),
	BAD("image not page aligned", BOOT, m_image_misaligned, VMDESC_E_IMAGE_ALIGN, 0, "images[0].offset"),
	BAD("image over the header", BOOT, m_image_in_header, VMDESC_E_HEADER_OVERLAP, 0, "images[0].offset"),
	BAD("image past the end", BOOT, m_image_beyond, VMDESC_E_IMAGE_BOUNDS, 0, "images[0].size"),
	BAD("image size wraps", BOOT, m_image_size_wraps, VMDESC_E_IMAGE_BOUNDS, 0, "images[0].size"),
	/* header */
	BAD("unknown kind", BOOT, m_kind_unknown, VMDESC_E_KIND, -1, "header.kind"),
	BAD("single VM booted", BOOT, m_kind_vm_at_boot, VMDESC_E_KIND, -1, "header.kind"),
	{ "configuration created at run time", BOOT, &parent_view, m_nothing, VMDESC_E_KIND, -1, "header.kind" },
	BAD("header flags", BOOT, m_header_flags, VMDESC_E_FLAGS, -1, "header.flags"),
	BAD("header reserved", BOOT, m_header_reserved, VMDESC_E_RESERVED, -1, "header.reserved[2]"),
	BAD("other board", BOOT, m_other_board, VMDESC_E_PLATFORM, -1, "header.platform"),
	BAD("board name unterminated", BOOT, m_board_unterminated, VMDESC_E_NAME, -1, "header.platform"),
	BAD("no VMs", BOOT, m_no_vms, VMDESC_E_COUNT, -1, "header.vms"),
	{ "four VMs in a single-VM blob", BOOT, &unknown_parent, m_kind_vm_at_boot, VMDESC_E_COUNT, -1, "header.vms" },
	BAD("hypervisor color beyond", BOOT, m_hyp_colors_range, VMDESC_E_COLOR_RANGE, -1, "header.hyp_colors"),
	BAD("hypervisor colors at run time", CHILD, m_runtime_hyp_colors, VMDESC_E_RUNTIME_REF, -1, "header.hyp_colors"),
	/* names */
	BAD("empty name", BOOT, m_name_empty, VMDESC_E_NAME, 1, "name"),
	BAD("name with a space", BOOT, m_name_space, VMDESC_E_NAME, 1, "name"),
	BAD("name with a newline", BOOT, m_name_control, VMDESC_E_NAME, 1, "name"),
	BAD("name unterminated", BOOT, m_name_unterminated, VMDESC_E_NAME, 1, "name"),
	BAD("name padding dirty", BOOT, m_name_padding, VMDESC_E_NAME, 1, "name"),
	BAD("two VMs one name", BOOT, m_name_dup, VMDESC_E_NAME_DUP, 1, "name"),
	BAD("two shmem one name", BOOT, m_shmem_name_dup, VMDESC_E_NAME_DUP, -1, "shmem[1].name"),
	/* shared memory */
	BAD("shmem size zero", BOOT, m_shmem_zero, VMDESC_E_ZERO_SIZE, -1, "shmem[0].size"),
	BAD("shmem size not pages", BOOT, m_shmem_unaligned, VMDESC_E_PAGE_ALIGN, -1, "shmem[0].size"),
	BAD("shmem outside RAM", BOOT, m_shmem_not_ram, VMDESC_E_NOT_RAM, -1, "shmem[2].pa"),
	BAD("shmem in the hypervisor", BOOT, m_shmem_hyp, VMDESC_E_HYP_MEMORY, -1, "shmem[2].pa"),
	BAD("colored fixed shmem", BOOT, m_shmem_colored_fixed, VMDESC_E_COLOR_FIXED, -1, "shmem[2].colors"),
	BAD("shmem color beyond", BOOT, m_shmem_color_range, VMDESC_E_COLOR_RANGE, -1, "shmem[0].colors"),
	BAD("run-time shmem allocated", CHILD, m_runtime_shmem_alloc, VMDESC_E_RUNTIME_PA, -1, "shmem[0].pa"),
	/* VM fields */
	BAD("unknown VM flag", BOOT, m_vm_flags, VMDESC_E_FLAGS, 0, "flags"),
	BAD("VM reserved", BOOT, m_vm_reserved, VMDESC_E_RESERVED, 0, "reserved[1]"),
	BAD("no vCPU", BOOT, m_vcpus_zero, VMDESC_E_VCPUS, 0, "vcpus"),
	BAD("vcpus not the affinity", BOOT, m_vcpus_mismatch, VMDESC_E_VCPUS, 0, "vcpus"),
	BAD("CPU beyond the board", BOOT, m_cpu_range, VMDESC_E_CPU_RANGE, 3, "cpu_affinity"),
	BAD("color beyond the board", BOOT, m_colors_range, VMDESC_E_COLOR_RANGE, 0, "colors"),
	BAD("unknown console", BOOT, m_console_type, VMDESC_E_CONSOLE, 0, "console"),
	BAD("console irq without console", BOOT, m_console_irq_alone, VMDESC_E_CONSOLE, 1, "console_irq"),
	BAD("console input without console", BOOT, m_console_input_alone, VMDESC_E_CONSOLE, 1, "flags"),
	BAD("console ipa unaligned", BOOT, m_console_ipa_unaligned, VMDESC_E_PAGE_ALIGN, 0, "console_ipa"),
	BAD("console irq not on the board", BOOT, m_console_irq_range, VMDESC_E_IRQ_RANGE, 0, "console_irq"),
	BAD("console beyond the IPA space", BOOT, m_console_ipa_range, VMDESC_E_IPA_RANGE, 0, "console_ipa"),
	BAD("tee dangling", BOOT, m_tee_dangling, VMDESC_E_REF_DANGLING, 0, "tee"),
	BAD("tee is itself", BOOT, m_tee_self, VMDESC_E_REF_SELF, 0, "tee"),
	BAD("parent is itself", BOOT, m_parent_self, VMDESC_E_REF_SELF, 3, "parent"),
	BAD("tee is not a TEE", BOOT, m_tee_not_tee, VMDESC_E_TEE_NOT_TEE, 0, "tee"),
	BAD("TEE served by a TEE", BOOT, m_tee_has_tee, VMDESC_E_TEE_HAS_TEE, 1, "tee"),
	BAD("TEE bound to two clients", BOOT, m_tee_two_clients, VMDESC_E_TEE_SHARED, 2, "tee"),
	BAD("client memory on its TEE's", BOOT, m_tee_memory_overlap, VMDESC_E_TEE_OVERLAP, 0, "regions[0].ipa"),
	BAD("client memory on its TEE's console", BOOT, m_tee_console_overlap, VMDESC_E_TEE_OVERLAP, 0, "regions[1].ipa"),
	BAD("parent cycle", BOOT, m_cycle, VMDESC_E_REF_CYCLE, 2, "parent"),
	BAD("tee at run time", CHILD, m_runtime_tee, VMDESC_E_RUNTIME_REF, 0, "tee"),
	/* regions */
	BAD("unknown region flag", BOOT, m_region_flags, VMDESC_E_FLAGS, 0, "regions[0].flags"),
	BAD("region reserved", BOOT, m_region_reserved, VMDESC_E_RESERVED, 0, "regions[0].reserved"),
	BAD("region size zero", BOOT, m_region_zero, VMDESC_E_ZERO_SIZE, 0, "regions[0].size"),
	BAD("region ipa unaligned", BOOT, m_region_ipa_unaligned, VMDESC_E_PAGE_ALIGN, 0, "regions[0].ipa"),
	BAD("region size unaligned", BOOT, m_region_size_unaligned, VMDESC_E_PAGE_ALIGN, 0, "regions[0].size"),
	BAD("region wraps", BOOT, m_region_wraps, VMDESC_E_WRAP, 0, "regions[0].size"),
	BAD("region beyond the IPA space", BOOT, m_region_ipa_range, VMDESC_E_IPA_RANGE, 0, "regions[0].ipa"),
	BAD("region without access", BOOT, m_region_no_access, VMDESC_E_PERMS, 0, "regions[0].flags"),
	BAD("region write-only", BOOT, m_region_write_only, VMDESC_E_PERMS, 0, "regions[0].flags"),
	BAD("pa without FIXED_PA", BOOT, m_region_pa_unused, VMDESC_E_PA_UNUSED, 0, "regions[0].pa"),
	BAD("fixed pa unaligned", BOOT, m_region_pa_unaligned, VMDESC_E_PAGE_ALIGN, 0, "regions[1].pa"),
	BAD("fixed pa outside RAM", BOOT, m_region_not_ram, VMDESC_E_NOT_RAM, 0, "regions[1].pa"),
	BAD("fixed pa in the hypervisor", BOOT, m_region_hyp, VMDESC_E_HYP_MEMORY, 0, "regions[1].pa"),
	BAD("fixed pa wraps", BOOT, m_region_pa_wraps, VMDESC_E_WRAP, 0, "regions[1].pa"),
	BAD("fixed pa of another VM", BOOT, m_region_pa_overlap, VMDESC_E_PA_OVERLAP, 2, "regions[0].pa"),
	BAD("fixed shmem over a VM's memory", BOOT, m_region_pa_overlap_shmem, VMDESC_E_PA_OVERLAP, -1, "shmem[2].pa"),
	BAD("two regions one IPA", BOOT, m_ipa_overlap_regions, VMDESC_E_IPA_OVERLAP, 0, "regions[1].ipa"),
	BAD("run-time region allocated", CHILD, m_runtime_allocated, VMDESC_E_RUNTIME_PA, 0, "regions[0].flags"),
	/* devices */
	BAD("device flags", BOOT, m_device_flags, VMDESC_E_FLAGS, 0, "devices[0].flags"),
	BAD("device reserved", BOOT, m_device_reserved, VMDESC_E_RESERVED, 0, "devices[0].reserved"),
	BAD("device size zero", BOOT, m_device_zero, VMDESC_E_ZERO_SIZE, 0, "devices[0].size"),
	BAD("device unaligned", BOOT, m_device_unaligned, VMDESC_E_PAGE_ALIGN, 0, "devices[0].ipa"),
	BAD("device not on the board", BOOT, m_device_not_board, VMDESC_E_NOT_DEVICE, 0, "devices[0].pa"),
	BAD("device given twice", BOOT, m_device_taken, VMDESC_E_DEVICE_TAKEN, 2, "devices[0].pa"),
	BAD("device over RAM", BOOT, m_device_ipa_overlap, VMDESC_E_IPA_OVERLAP, 0, "devices[0].ipa"),
	BAD("device in the GIC window", BOOT, m_device_intc, VMDESC_E_INTC_WINDOW, 0, "devices[0].ipa"),
	BAD("device over the console", BOOT, m_device_console, VMDESC_E_IPA_OVERLAP, 0, "console_ipa"),
	/* interrupts */
	BAD("irq flags", BOOT, m_irq_flags, VMDESC_E_FLAGS, 0, "irqs[0].flags"),
	BAD("irq is a PPI", BOOT, m_irq_ppi, VMDESC_E_IRQ_RANGE, 0, "irqs[0].id"),
	BAD("irq beyond the SPIs", BOOT, m_irq_beyond, VMDESC_E_IRQ_RANGE, 0, "irqs[0].id"),
	BAD("irq of the hypervisor", BOOT, m_irq_hyp, VMDESC_E_IRQ_HYP, 0, "irqs[0].id"),
	BAD("irq given twice", BOOT, m_irq_taken, VMDESC_E_IRQ_TAKEN, 2, "irqs[0].id"),
	BAD("irq is a doorbell", BOOT, m_irq_doorbell, VMDESC_E_IRQ_VIRTUAL, 0, "irqs[0].id"),
	BAD("irq is the console's", BOOT, m_irq_console, VMDESC_E_IRQ_VIRTUAL, 0, "irqs[0].id"),
	/* IPC */
	BAD("ipc shmem dangling", BOOT, m_ipc_dangling, VMDESC_E_REF_DANGLING, 0, "ipcs[0].shmem"),
	BAD("ipc flags", BOOT, m_ipc_flags, VMDESC_E_FLAGS, 0, "ipcs[0].flags"),
	BAD("ipc reserved", BOOT, m_ipc_reserved, VMDESC_E_RESERVED, 0, "ipcs[0].reserved"),
	BAD("ipc ipa unaligned", BOOT, m_ipc_unaligned, VMDESC_E_PAGE_ALIGN, 0, "ipcs[0].ipa"),
	BAD("ipc over RAM", BOOT, m_ipc_overlap, VMDESC_E_IPA_OVERLAP, 0, "ipcs[0].ipa"),
	BAD("doorbell not on the board", BOOT, m_doorbell_range, VMDESC_E_IRQ_RANGE, 0, "ipcs[0].doorbell"),
	BAD("doorbell is the console's", BOOT, m_doorbell_console, VMDESC_E_IRQ_VIRTUAL, 0, "ipcs[0].doorbell"),
	BAD("shmem linked twice", BOOT, m_ipc_dup, VMDESC_E_IPC_DUP, 0, "ipcs[1].shmem"),
	BAD("doorbell of another link", BOOT, m_doorbell_dup, VMDESC_E_IRQ_VIRTUAL, 0, "ipcs[1].doorbell"),
	/* images */
	BAD("unknown image source", BOOT, m_image_source, VMDESC_E_IMAGE_SOURCE, 0, "images[0].source"),
	BAD("in-place image with offset", BOOT, m_in_place_offset, VMDESC_E_IMAGE_SOURCE, 2, "images[0].offset"),
	BAD("image size zero", BOOT, m_image_zero, VMDESC_E_ZERO_SIZE, 2, "images[0].size"),
	BAD("image outside memory", BOOT, m_image_outside, VMDESC_E_IMAGE_OUTSIDE, 0, "images[0].ipa"),
	BAD("image past its region", BOOT, m_image_straddles, VMDESC_E_IMAGE_OUTSIDE, 0, "images[0].ipa"),
	BAD("in-place image wraps", BOOT, m_in_place_wraps, VMDESC_E_WRAP, 2, "images[0].size"),
	BAD("in-place image at boot, allocated", BOOT, m_in_place_allocated, VMDESC_E_IMAGE_IN_PLACE, 3, "images[0].ipa"),
	BAD("images overlap", BOOT, m_image_overlap, VMDESC_E_IMAGE_OVERLAP, 0, "images[1].ipa"),
	/* entry */
	BAD("entry outside memory", BOOT, m_entry_outside, VMDESC_E_ENTRY, 0, "entry"),
	BAD("entry not executable", BOOT, m_entry_not_x, VMDESC_E_ENTRY, 0, "entry"),
	/* relations */
	BAD("CPU shared outside a stack", BOOT, m_cpu_conflict, VMDESC_E_CPU_CONFLICT, 2, "cpu_affinity"),
	BAD("CPU shared, stack broken", BOOT, m_cpu_conflict_siblings, VMDESC_E_CPU_CONFLICT, 3, "cpu_affinity"),
	BAD("two TEE clients on one CPU", BOOT, m_cpu_conflict_tee_clients, VMDESC_E_CPU_CONFLICT, 2, "cpu_affinity"),
	BAD("colors shared", BOOT, m_color_conflict, VMDESC_E_COLOR_CONFLICT, 2, "colors"),
	BAD("colors of the hypervisor", BOOT, m_hyp_color_conflict, VMDESC_E_COLOR_CONFLICT, 0, "colors"),
	BAD("more memory than the board", BOOT, m_no_memory, VMDESC_E_NO_MEMORY, -1, "memory"),
	/* run time, against the parent */
	BAD("more vCPUs than the parent", CHILD, m_parent_vcpus, VMDESC_E_NOT_PARENT_CPU, 0, "vcpus"),
	BAD("a vCPU the parent lacks", CHILD, m_parent_vcpu_bit, VMDESC_E_NOT_PARENT_CPU, 0, "cpu_affinity"),
	BAD("colors not the parent's", CHILD, m_parent_colors, VMDESC_E_NOT_PARENT_COLORS, 0, "colors"),
	BAD("memory not the parent's", CHILD, m_parent_memory, VMDESC_E_NOT_PARENT_MEMORY, 0, "regions[0].pa"),
	BAD("device not the parent's", CHILD, m_parent_device, VMDESC_E_NOT_PARENT_DEVICE, 0, "devices[0].pa"),
	BAD("irq not the parent's", CHILD, m_parent_irq, VMDESC_E_NOT_PARENT_IRQ, 0, "irqs[0].id"),
	BAD("shmem not the parent's", CHILD, m_parent_shmem, VMDESC_E_NOT_PARENT_MEMORY, -1, "shmem[0].pa"),
};

/* clang-format on */

#define N_BAD (sizeof(bad_cases) / sizeof(bad_cases[0]))

static struct blob base_boot, base_child;
static const struct bad *current_bad;
static const char *corpus_dir;

static struct blob copy(const struct blob *b)
{
	struct blob c = {malloc(b->size), b->size};

	if (!c.d)
		exit(2);
	memcpy(c.d, b->d, b->size);
	return c;
}

static void write_corpus(const char *name, const struct blob *b)
{
	char path[512];
	FILE *f;

	if (!corpus_dir)
		return;
	snprintf(path, sizeof(path), "%s/%s.blob", corpus_dir, name);
	for (char *p = path + strlen(corpus_dir) + 1; *p; p++)
		if (*p == ' ' || *p == '\'' || *p == ',')
			*p = '-';
	f = fopen(path, "wb");
	if (!f || fwrite(b->d, 1, b->size, f) != b->size)
		perror(path);
	if (f && fclose(f))
		perror(path);
}

static void run_bad(void)
{
	const struct bad *t = current_bad;
	struct blob b = copy(t->base == BOOT ? &base_boot : &base_child);
	const struct vmdesc_owner_view *parent = t->parent;
	struct vmdesc_error e;
	char msg[256];
	int rc;

	if (t->base == CHILD && !parent)
		parent = &parent_view;
	t->mutate(&b);
	rc = vmdesc_validate(b.d, b.size, arm, parent, &e);
	vmdesc_error_format(&e, msg, sizeof(msg));
	CHECKF(rc == HS_BAD_DESC, "accepted (rc %d)", rc);
	CHECKF(e.code == t->code, "reason %d \"%s\", expected %d \"%s\"",
	       e.code, msg, t->code, vmdesc_reason_text(t->code));
	CHECKF(e.vm == t->vm, "vm %d, expected %d: %s", e.vm, t->vm, msg);
	CHECKF(!strcmp(e.field, t->field), "field \"%s\", expected \"%s\": %s",
	       e.field, t->field, msg);
	write_corpus(t->name, &b);
	free(b.d);
}

/* ---- good descriptions and the API ---- */

static void test_good_boot(void)
{
	struct vmdesc_error e;
	char msg[256];
	int rc = vmdesc_validate(base_boot.d, base_boot.size, arm, NULL, &e);

	vmdesc_error_format(&e, msg, sizeof(msg));
	CHECKF(rc == 0, "%s", msg);
	CHECK(e.code == VMDESC_OK);
	CHECK(vmdesc_check_layout(base_boot.d, base_boot.size, NULL) == 0);
	write_corpus("good-boot", &base_boot);
}

static void test_good_child(void)
{
	struct vmdesc_error e;
	char msg[256];
	int rc = vmdesc_validate(base_child.d, base_child.size, arm,
				 &parent_view, &e);

	vmdesc_error_format(&e, msg, sizeof(msg));
	CHECKF(rc == 0, "%s", msg);
	rc = vmdesc_validate(base_child.d, base_child.size, arm,
			     &unknown_parent, &e);
	vmdesc_error_format(&e, msg, sizeof(msg));
	CHECKF(rc == 0, "unknown parent: %s", msg);
	write_corpus("good-child", &base_child);
}

/* Colors may be shared when one side says so. */
static void test_share_colors(void)
{
	struct blob b = copy(&base_boot);

	V(&b, 2)->colors = 1;
	V(&b, 2)->flags |= VMDESC_VM_SHARE_COLORS;
	CHECK(vmdesc_validate(b.d, b.size, arm, NULL, NULL) == 0);
	free(b.d);
}

/* A stack three deep on one CPU: every pair is related. */
static const struct cfg_vm deep_vms[] = {
    VM(.name = "a", .cpus = CPUS(0),
       .memory = REGIONS(RAM(0x40000000, 16 * MiB)), .entry = 0x40000000),
    VM(.name = "b", .cpus = CPUS(0), .parent = "a",
       .memory = REGIONS(RAM(0x40000000, 16 * MiB)), .entry = 0x40000000,
       .tee = "t"),
    VM(.name = "t", .cpus = CPUS(0), .flags = TEE_VM,
       .memory = REGIONS(RAM(0x0e100000, 16 * MiB)), .entry = 0x0e100000),
};
static const struct cfg_config deep_cfg = {
    .platform = "qemu-aarch64-virt",
    .kind = VMDESC_KIND_PLATFORM,
    .vms = {deep_vms, 3},
};

static void test_deep_stack(void)
{
	struct blob b = build(&deep_cfg);
	struct vmdesc_error e;
	char msg[256];
	int rc = vmdesc_validate(b.d, b.size, arm, NULL, &e);

	vmdesc_error_format(&e, msg, sizeof(msg));
	CHECKF(rc == 0, "%s", msg);
	write_corpus("good-deep-stack", &b);
	free(b.d);
}

static const struct cfg_vm riscv_vms[] = {
    VM(.name = "vm0", .cpus = CPUS(0, 1),
       .memory = REGIONS(RAM(0x80000000, 64 * MiB)),
       .devices = DEVICES(DEVICE(0x10001000, 0x1000)), .irqs = IRQS(1),
       .entry = 0x80000000, .console = NS16550(0x10000000, 10)),
};
static const struct cfg_config riscv_cfg = {
    .platform = "qemu-riscv64-virt",
    .kind = VMDESC_KIND_PLATFORM,
    .vms = {riscv_vms, 1},
};

static void test_riscv_board(void)
{
	struct blob b = build(&riscv_cfg);

	CHECK(vmdesc_validate(b.d, b.size, &platform_qemu_riscv64_virt, NULL,
			      NULL) == 0);
	/* The UART is the hypervisor's; 97 is past the PLIC's sources. */
	irqs_of(&b, 0, 0)->id = 10;
	CHECK(vmdesc_validate(b.d, b.size, &platform_qemu_riscv64_virt, NULL,
			      NULL) == HS_BAD_DESC);
	irqs_of(&b, 0, 0)->id = 97;
	CHECK(vmdesc_validate(b.d, b.size, &platform_qemu_riscv64_virt, NULL,
			      NULL) == HS_BAD_DESC);
	/* The blob names its board: the Arm one refuses it. */
	irqs_of(&b, 0, 0)->id = 1;
	CHECK(vmdesc_validate(b.d, b.size, arm, NULL, NULL) == HS_BAD_DESC);
	free(b.d);
}

/* Several adjacent board devices may be given as one range. */
static void test_device_span(void)
{
	struct blob b = copy(&base_boot);

	devices_of(&b, 2, 0)->pa = 0x0a000000;
	devices_of(&b, 2, 0)->size = 0x4000; /* all 32 virtio-mmio transports */
	CHECK(vmdesc_validate(b.d, b.size, arm, NULL, NULL) == 0);
	devices_of(&b, 2, 0)->size = 0x5000; /* one page beyond them */
	CHECK(vmdesc_validate(b.d, b.size, arm, NULL, NULL) == HS_BAD_DESC);
	free(b.d);
}

static void test_blob_alignment(void)
{
	uint8_t *buf = malloc(base_boot.size + 8);
	struct vmdesc_error e;

	memcpy(buf + 4, base_boot.d, base_boot.size);
	CHECK(vmdesc_validate(buf + 4, base_boot.size, arm, NULL, &e) ==
	      HS_BAD_DESC);
	CHECK(e.code == VMDESC_E_BLOB_ALIGN);
	free(buf);
}

static void test_null_arguments(void)
{
	struct vmdesc_error e;

	CHECK(vmdesc_validate(NULL, 0, arm, NULL, &e) == HS_INVALID);
	CHECK(e.code == VMDESC_E_ARGS);
	CHECK(vmdesc_validate(base_boot.d, base_boot.size, NULL, NULL, &e) ==
	      HS_INVALID);
	CHECK(vmdesc_check_layout(NULL, 0, &e) == HS_INVALID);
	CHECK(vmdesc_validate(base_boot.d, 0, arm, NULL, &e) == HS_BAD_DESC);
	CHECK(e.code == VMDESC_E_TRUNCATED);
}

/* The validator reads; it never writes into what it checks. */
static void test_blob_untouched(void)
{
	struct blob b = copy(&base_boot);

	for (size_t i = 0; i < N_BAD; i++) {
		struct blob m =
		    copy(bad_cases[i].base == BOOT ? &base_boot : &base_child);
		struct blob before;

		bad_cases[i].mutate(&m);
		before = copy(&m);
		vmdesc_validate(m.d, m.size, arm, &parent_view, NULL);
		vmdesc_validate(m.d, m.size, arm, NULL, NULL);
		CHECKF(!memcmp(m.d, before.d, m.size), "case %s",
		       bad_cases[i].name);
		free(m.d);
		free(before.d);
	}
	free(b.d);
}

static void test_error_format(void)
{
	struct blob b = copy(&base_boot);
	struct vmdesc_error e;
	char msg[256], tiny[8];

	regions_of(&b, 0, 0)->size += 0x800;
	vmdesc_validate(b.d, b.size, arm, NULL, &e);
	vmdesc_error_format(&e, msg, sizeof(msg));
	CHECKF(!strcmp(msg, "vm 0 (linux): regions[0].size: not a multiple "
			    "of 4096"),
	       "%s", msg);
	vmdesc_error_format(&e, tiny, sizeof(tiny));
	CHECK(!strcmp(tiny, "vm 0 (l"));
	free(b.d);

	b = copy(&base_boot);
	V(&b, 2)->cpu_affinity = 2;
	vmdesc_validate(b.d, b.size, arm, NULL, &e);
	vmdesc_error_format(&e, msg, sizeof(msg));
	CHECKF(!strcmp(msg, "vm 2 (rtos): cpu_affinity: physical CPU shared "
			    "outside a VM-stack: CPU 1 with vm 0 (linux)"),
	       "%s", msg);
	free(b.d);

	b = copy(&base_boot);
	H(&b)->magic = 0;
	vmdesc_validate(b.d, b.size, arm, NULL, &e);
	vmdesc_error_format(&e, msg, sizeof(msg));
	CHECKF(!strcmp(msg, "header.magic: bad magic, not a Tessera VM "
			    "description"),
	       "%s", msg);
	free(b.d);
}

static void test_reason_texts(void)
{
	for (int r = 0; r < VMDESC_E_COUNT_OF_REASONS; r++)
		CHECKF(vmdesc_reason_text((enum vmdesc_reason)r) &&
			   vmdesc_reason_text((enum vmdesc_reason)r)[0],
		       "reason %d has no text", r);
	CHECK(!strcmp(vmdesc_reason_text(VMDESC_E_COUNT_OF_REASONS),
		      "unknown reason"));
}

static void test_accessors(void)
{
	const struct vmdesc_header *h = vmdesc_header(base_boot.d);
	const struct vmdesc_vm *vm = vmdesc_vm(h, 0);
	const struct vmdesc_image *img;
	const uint8_t *data;

	CHECK(vm && !strcmp(vm->name, "linux"));
	CHECK(vmdesc_vm(h, 4) == NULL);
	CHECK(vmdesc_vm(h, 0xffffffffu) == NULL);
	CHECK(vmdesc_region(h, vm, 1) && vmdesc_region(h, vm, 2) == NULL);
	CHECK(vmdesc_device(h, vm, 0) && vmdesc_device(h, vm, 1) == NULL);
	CHECK(vmdesc_irq(h, vm, 0)->id == 34 && !vmdesc_irq(h, vm, 1));
	CHECK(vmdesc_ipc(h, vm, 1) && !vmdesc_ipc(h, vm, 2));
	CHECK(vmdesc_shmem(h, 2) && !vmdesc_shmem(h, 3));
	CHECK(!strcmp(vmdesc_shmem(h, 2)->name, "fixed"));
	img = vmdesc_image(h, vm, 0);
	data = vmdesc_image_data(h, img);
	CHECK(data && data[0] == 'a' && data[99] == 'a' && img->size == 100);
	/* VMs booting one file share its bytes. */
	CHECK(vmdesc_image(h, vmdesc_vm(h, 3), 0)->offset == img->offset);
	CHECK(vmdesc_image_data(h, vmdesc_image(h, vmdesc_vm(h, 2), 0)) ==
	      NULL);
	CHECK(vmdesc_vm(NULL, 0) == NULL && vmdesc_region(h, NULL, 0) == NULL);
}

static void test_board_data(void)
{
	CHECK(platform_desc_find("qemu-aarch64-virt") == arm);
	CHECK(platform_desc_find("qemu-riscv64-virt") ==
	      &platform_qemu_riscv64_virt);
	CHECK(platform_desc_find("nope") == NULL);
	CHECK(vmdesc_color_count(arm) == 16);
	CHECK(vmdesc_hyp_reserved(arm, 1) == 18 * MiB);
	CHECK(vmdesc_hyp_reserved(&platform_qemu_riscv64_virt, 2 * MiB + 1) ==
	      36 * MiB);
	for (const struct platform_desc *const *p = platform_descs; *p; p++)
		for (uint32_t i = 0; i < (*p)->device_count; i++)
			CHECKF((*p)->devices[i].size &&
				   (*p)->devices[i].irq_first >=
				       (*p)->irq_first &&
				   (*p)->devices[i].irq_first <
				       (*p)->irq_first + (*p)->irq_count,
			       "%s device %u", (*p)->name, i);
}

static void expect_serialize_error(const struct cfg_config *cfg,
				   const char *want)
{
	struct cfg_blob out;
	char msg[256] = "";

	CHECKF(cfg_serialize(cfg, fake_load, NULL, &out, msg, sizeof(msg)) ==
		       -1 &&
		   strstr(msg, want),
	       "got \"%s\", wanted \"%s\"", msg, want);
}

/* Configurations the serializer itself must refuse. */
static const struct cfg_vm ser_tee[] = {
    VM(.name = "a", .cpus = CPUS(0), .tee = "nobody"),
};
static const struct cfg_vm ser_ipc[] = {
    VM(.name = "a", .cpus = CPUS(0),
       .ipcs = IPCS(IPC("nowhere", 0x50000000, 0))),
};
static const struct cfg_vm ser_cpu[] = {VM(.name = "a", .cpus = CPUS(64))};
static const struct cfg_vm ser_name[] = {
    VM(.name = "a-name-that-is-far-too-long-to-fit"),
};
static const struct cfg_vm ser_image[] = {
    VM(.name = "a", .images = IMAGES(IMAGE("missing.bin", 0))),
};
static void test_serializer_errors(void)
{
	struct cfg_config cfg = {.platform = "qemu-aarch64-virt",
				 .kind = VMDESC_KIND_PLATFORM};

	cfg.vms = (struct cfg_vms){ser_tee, 1};
	expect_serialize_error(&cfg, "vm 0 (a): tee: no VM named \"nobody\"");
	cfg.vms = (struct cfg_vms){ser_ipc, 1};
	expect_serialize_error(&cfg, "no shared memory named \"nowhere\"");
	cfg.vms = (struct cfg_vms){ser_cpu, 1};
	expect_serialize_error(&cfg, "cpus: 64 does not fit");
	cfg.vms = (struct cfg_vms){ser_name, 1};
	expect_serialize_error(&cfg, "longer than 31 characters");
	cfg.vms = (struct cfg_vms){ser_image, 1};
	expect_serialize_error(&cfg, "images[0]: missing.bin: no such file");
}

/* The dump must cope with anything that passed the layout check. */
static void test_dump(void)
{
	FILE *f = tmpfile();
	char text[65536];
	size_t n;

	if (!f) {
		CHECK(f != NULL);
		return;
	}
	vmdesc_dump(f, vmdesc_header(base_boot.d), arm);
	rewind(f);
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	(void)fclose(f); /* read only: nothing to lose */
	CHECK(strstr(text, "vm 2 \"rtos\""));
	CHECK(strstr(text, "pl061-gpio"));
	CHECK(strstr(text, "fixed pa 0x70000000"));
	CHECK(strstr(text, "shmem[2] \"fixed\""));
	CHECK(strstr(text, "parent       2 \"rtos\""));
	CHECK(strstr(text, "tee          1 \"optee\""));
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--write-corpus"))
		corpus_dir = argv[2];
	else if (argc != 1) {
		fprintf(stderr, "usage: %s [--write-corpus DIR]\n", argv[0]);
		return 2;
	}
	base_boot = build(&boot_cfg);
	base_child = build(&child_cfg);

	unit_run("good boot configuration", test_good_boot);
	unit_run("good run-time description", test_good_child);
	unit_run("shared colors", test_share_colors);
	unit_run("three-deep VM-stack", test_deep_stack);
	unit_run("RISC-V board", test_riscv_board);
	unit_run("device span", test_device_span);
	unit_run("blob alignment", test_blob_alignment);
	unit_run("NULL arguments", test_null_arguments);
	unit_run("blob untouched", test_blob_untouched);
	unit_run("error format", test_error_format);
	unit_run("reason texts", test_reason_texts);
	unit_run("accessors", test_accessors);
	unit_run("board data", test_board_data);
	unit_run("serializer errors", test_serializer_errors);
	unit_run("dump", test_dump);
	for (size_t i = 0; i < N_BAD; i++) {
		current_bad = &bad_cases[i];
		unit_run(bad_cases[i].name, run_bad);
	}
	free(base_boot.d);
	free(base_child.d);
	return unit_summary("vmdesc");
}
