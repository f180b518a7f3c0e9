/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A program for plain QEMU `virt` that learns its machine from the device
 * tree it is booted with (x0 on Arm, a1 on RISC-V), as a boot loader would
 * hand it over: it prints the model, its memory and its CPUs, and checks
 * that the memory holds the program itself.
 */
#include <guest.h>

GUEST_TEST("fdt");

#define FDT_MAGIC      0xd00dfeedu
#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE   2u
#define FDT_PROP       3u
#define FDT_NOP	       4u

struct fdt {
	const uint8_t *base;
	uint32_t structs, strings, size;
};

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static uint64_t be64(const uint8_t *p)
{
	return (uint64_t)be32(p) << 32 | be32(p + 4);
}

static bool starts(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return false;
	return true;
}

/* What the walk found. */
struct machine {
	const char *model;
	uint64_t mem_base, mem_size;
	unsigned cpus;
};

static void on_prop(const struct fdt *f, const char *node, unsigned depth,
		    uint32_t nameoff, const uint8_t *val, uint32_t len,
		    struct machine *m)
{
	const char *name = (const char *)f->base + f->strings + nameoff;

	if (depth == 1 && starts(name, "model"))
		m->model = (const char *)val;
	if (depth == 2 && starts(node, "memory@") && starts(name, "reg") &&
	    len >= 16) {
		m->mem_base = be64(val);
		m->mem_size = be64(val + 8);
	}
	if (depth == 3 && starts(node, "cpu@") && starts(name, "device_type"))
		m->cpus++;
}

/* One pass over the structure block (DT spec v0.4, chapter 5). */
static bool walk(const struct fdt *f, struct machine *m)
{
	const uint8_t *p = f->base + f->structs;
	const char *node = "";
	unsigned depth = 0;

	for (;;) {
		uint32_t token = be32(p);

		p += 4;
		if (token == FDT_BEGIN_NODE) {
			node = (const char *)p;
			depth++;
			p += (strlen(node) + 4) & ~3ul;
		} else if (token == FDT_END_NODE) {
			if (!depth--)
				return false;
		} else if (token == FDT_PROP) {
			uint32_t len = be32(p), nameoff = be32(p + 4);

			on_prop(f, node, depth, nameoff, p + 8, len, m);
			p += 8 + ((len + 3) & ~3u);
		} else if (token != FDT_NOP) {
			return token == 9; /* FDT_END */
		}
	}
}

void test_main(void)
{
	const uint8_t *base = (const uint8_t *)guest_boot_arg;
	struct machine m = {0};
	struct fdt f;
	uintptr_t self = (uintptr_t)&test_main;

	if (!base || be32(base) != FDT_MAGIC)
		guest_fail("no device tree at 0x%lx", guest_boot_arg);
	f = (struct fdt){base, be32(base + 8), be32(base + 12), be32(base + 4)};
	if (!walk(&f, &m))
		guest_fail("malformed device tree");
	test_print("device tree at 0x%lx, %u bytes: model \"%s\"",
		   guest_boot_arg, f.size, m.model ? m.model : "?");
	test_print("memory 0x%lx + 0x%lx, %u cpus", (unsigned long)m.mem_base,
		   (unsigned long)m.mem_size, m.cpus);
	if (self < m.mem_base || self - m.mem_base >= m.mem_size || !m.cpus)
		guest_fail("the tree does not describe the machine we run on");
	test_pass();
}
