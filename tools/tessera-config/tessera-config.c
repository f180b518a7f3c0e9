// SPDX-License-Identifier: Apache-2.0
/*
 * tessera-config: check and list VM description blobs on a workstation with
 * the very validator the hypervisor runs (src/core/vmdesc.c).
 *
 *   tessera-config check FILE...   "FILE: ok" or the reason; exit 1 if any bad
 *   tessera-config dump FILE       every field, then the validator's verdict
 *   tessera-config dtb FILE VM -o OUT [--gic 2|3] [--sstc | --no-sstc]
 *                  [--bootargs TEXT | --no-bootargs] [--initrd IPA | none]
 *                                  the device tree generated for VM (name or
 *                                  index) from the description, as mkconfig
 *                                  generates it (docs/guests.md)
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vmdesc.h"
#include "dtb/vmdtb.h"
#include "dump.h"

/* The whole file in an 8-byte aligned buffer (malloc's), or NULL. */
static void *read_file(const char *path, uint32_t *size)
{
	FILE *f = fopen(path, "rb");
	void *data = NULL;
	long len = -1;

	if (f && !fseek(f, 0, SEEK_END))
		len = ftell(f);
	if (len > (long)UINT32_MAX)
		fprintf(stderr, "%s: larger than 4 GiB, not a blob\n", path);
	else if (len < 0 || fseek(f, 0, SEEK_SET))
		perror(path);
	else if (!(data = malloc(len ? (size_t)len : 1)) ||
		 fread(data, 1, (size_t)len, f) != (size_t)len) {
		fprintf(stderr, "%s: cannot read it\n", path);
		free(data);
		data = NULL;
	}
	if (f)
		(void)fclose(f); /* read only: nothing to lose */
	*size = (uint32_t)len;
	return data;
}

/* The board the blob names; NULL (with the reason in `why`) if none. */
static const struct platform_desc *board_of(const void *blob, char *why,
					    size_t n)
{
	const struct vmdesc_header *h = blob;
	char name[VMDESC_NAME_MAX + 1];
	const struct platform_desc *plat;

	memcpy(name, h->platform, VMDESC_NAME_MAX);
	name[VMDESC_NAME_MAX] = '\0';
	plat = platform_desc_find(name);
	if (!plat)
		snprintf(why, n, "header.platform: no board named \"%s\"",
			 name);
	return plat;
}

/*
 * Full validation; a single-VM blob is checked without a parent (which only
 * the hypervisor knows at create time).
 */
static int verdict(const void *blob, uint32_t size, char *msg, size_t n)
{
	static const struct vmdesc_owner_view unknown = {.unknown = true};
	const struct vmdesc_header *h = blob;
	const struct platform_desc *plat;
	struct vmdesc_error e;

	if (vmdesc_check_layout(blob, size, &e))
		goto bad;
	plat = board_of(blob, msg, n);
	if (!plat)
		return -1;
	if (!vmdesc_validate(blob, size, plat,
			     h->kind == VMDESC_KIND_VM ? &unknown : NULL, &e))
		return 0;
bad:
	vmdesc_error_format(&e, msg, n);
	return -1;
}

static int check(int argc, char **argv)
{
	int bad = 0;

	for (int i = 0; i < argc; i++) {
		uint32_t size;
		void *blob = read_file(argv[i], &size);
		char msg[256];

		if (!blob) {
			bad = 1;
			continue;
		}
		if (verdict(blob, size, msg, sizeof(msg))) {
			printf("%s: %s\n", argv[i], msg);
			bad = 1;
		} else {
			printf("%s: ok\n", argv[i]);
		}
		free(blob);
	}
	return bad;
}

static int dump(const char *path)
{
	uint32_t size;
	void *blob = read_file(path, &size);
	struct vmdesc_error e;
	char msg[256];
	int rc;

	if (!blob)
		return 1;
	if (vmdesc_check_layout(blob, size, &e)) {
		vmdesc_error_format(&e, msg, sizeof(msg));
		printf("%s: cannot list it: %s\n", path, msg);
		free(blob);
		return 1;
	}
	vmdesc_dump(stdout, blob, board_of(blob, msg, sizeof(msg)));
	rc = verdict(blob, size, msg, sizeof(msg));
	printf("validation: %s\n", rc ? msg : "ok");
	free(blob);
	return rc ? 1 : 0;
}

static int usage(void)
{
	fputs("usage: tessera-config check FILE...\n"
	      "       tessera-config dump FILE\n"
	      "       tessera-config dtb FILE VM -o OUT [--gic 2|3] "
	      "[--sstc|--no-sstc]\n"
	      "                      [--bootargs TEXT|--no-bootargs] "
	      "[--initrd IPA|none]\n",
	      stderr);
	return 2;
}

/* ---- dtb ---- */

struct dtb_args {
	const char *file, *vm, *out;
	const char *gic, *initrd, *bootargs;
	int sstc; /* 1 --sstc, 0 --no-sstc, -1 as the blob's tree says */
	int no_bootargs;
};

static int parse_dtb(int argc, char **argv, struct dtb_args *a)
{
	static const struct option opts[] = {
	    {"out", required_argument, NULL, 'o'},
	    {"gic", required_argument, NULL, 'g'},
	    {"sstc", no_argument, NULL, 's'},
	    {"no-sstc", no_argument, NULL, 'S'},
	    {"bootargs", required_argument, NULL, 'b'},
	    {"no-bootargs", no_argument, NULL, 'B'},
	    {"initrd", required_argument, NULL, 'i'},
	    {NULL, 0, NULL, 0},
	};
	int c;

	a->sstc = -1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			a->out = optarg;
			break;
		case 'g':
			a->gic = optarg;
			break;
		case 's':
		case 'S':
			a->sstc = c == 's';
			break;
		case 'b':
			a->bootargs = optarg;
			break;
		case 'B':
			a->no_bootargs = 1;
			break;
		case 'i':
			a->initrd = optarg;
			break;
		default:
			return -1;
		}
	}
	if (argc - optind != 2 || !a->out)
		return -1;
	a->file = argv[optind];
	a->vm = argv[optind + 1];
	return 0;
}

/* A VM by name or index; VMDESC_NONE if there is no such VM. */
static uint32_t find_vm(const void *blob, const char *which)
{
	const struct vmdesc_header *h = vmdesc_header(blob);
	char *end;
	unsigned long i;

	for (uint32_t k = 0; k < h->vms.count; k++)
		if (!strncmp(vmdesc_vm(h, k)->name, which, VMDESC_NAME_MAX))
			return k;
	i = strtoul(which, &end, 0);
	return *which && !*end && i < h->vms.count ? (uint32_t)i : VMDESC_NONE;
}

/* --initrd: the VM's image at that address, or none. */
static int pick_initrd(const void *blob, uint32_t vm, const char *arg,
		       struct vmdtb_options *o)
{
	const struct vmdesc_header *h = vmdesc_header(blob);
	const struct vmdesc_vm *v = vmdesc_vm(h, vm);
	char *end;
	unsigned long long ipa = strtoull(arg, &end, 0);

	o->initrd = VMDESC_NONE;
	if (!strcmp(arg, "none"))
		return 0;
	for (uint32_t i = 0; *arg && !*end && i < v->images.count; i++)
		if (vmdesc_image(h, v, i)->ipa == ipa)
			o->initrd = i;
	if (o->initrd != VMDESC_NONE)
		return 0;
	fprintf(stderr, "--initrd %s: no image of the VM at that address\n",
		arg);
	return -1;
}

static void print_note(void *ctx, const char *text)
{
	(void)ctx;
	fprintf(stderr, "note: %s\n", text);
}

static int options(const struct dtb_args *a, const void *blob, uint32_t vm,
		   struct vmdtb_options *o)
{
	size_t size;
	const void *tree = vmdtb_embedded(blob, vm, &size);

	vmdtb_options_init(o);
	/* What the blob's own tree says, unless told otherwise. */
	if (tree)
		vmdtb_options_from_tree(tree, blob, vm, o);
	if (a->gic && strcmp(a->gic, "2") && strcmp(a->gic, "3")) {
		fprintf(stderr, "--gic %s: 2 or 3\n", a->gic);
		return -1;
	}
	if (a->gic)
		o->gic = (unsigned)(a->gic[0] - '0');
	if (a->sstc >= 0)
		o->no_sstc = !a->sstc;
	if (a->bootargs || a->no_bootargs)
		o->bootargs = a->bootargs;
	if (a->initrd && pick_initrd(blob, vm, a->initrd, o))
		return -1;
	o->note = print_note;
	return 0;
}

static int write_out(const char *path, const void *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	int ok = f && fwrite(data, 1, size, f) == size;

	if (f && fclose(f))
		ok = 0;
	if (!ok)
		perror(path);
	return ok ? 0 : -1;
}

static int dtb(int argc, char **argv)
{
	struct dtb_args a = {0};
	struct vmdtb_options o;
	uint32_t size, vm;
	void *blob, *tree = NULL;
	size_t tree_size;
	char msg[256];
	int rc = 1;

	if (parse_dtb(argc, argv, &a))
		return usage();
	blob = read_file(a.file, &size);
	if (!blob)
		return 1;
	if (verdict(blob, size, msg, sizeof(msg)))
		fprintf(stderr, "%s: %s\n", a.file, msg);
	else if ((vm = find_vm(blob, a.vm)) == VMDESC_NONE)
		fprintf(stderr, "%s: no VM \"%s\"\n", a.file, a.vm);
	else if (options(&a, blob, vm, &o))
		;
	else if (vmdtb_generate(blob, vm, board_of(blob, msg, sizeof(msg)), &o,
				&tree, &tree_size, msg, sizeof(msg)))
		fprintf(stderr, "%s: vm %s: %s\n", a.file, a.vm, msg);
	else
		rc = write_out(a.out, tree, tree_size) ? 1 : 0;
	free(tree);
	free(blob);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "check"))
		return check(argc - 2, argv + 2);
	if (argc == 3 && !strcmp(argv[1], "dump"))
		return dump(argv[2]);
	if (argc >= 2 && !strcmp(argv[1], "dtb"))
		return dtb(argc - 1, argv + 1);
	return usage();
}
