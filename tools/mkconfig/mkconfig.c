// SPDX-License-Identifier: Apache-2.0
/*
 * mkconfig: linked with one compiled configs/<name>.c into
 * $(BUILD)/configs/<name>-gen, which writes that configuration's blob.
 *
 *   <name>-gen --root DIR --out FILE.blob [--deps FILE.d] [--deps-only]
 *              [--source configs/<name>.c]
 *
 * Image paths are relative to --root (the build directory, where the guest
 * images are built). The dependency file names every image as a
 * prerequisite of the blob, so the blob is rebuilt when an image changes;
 * --deps-only writes just that file (it needs no image), which lets make
 * learn the images before it builds the blob the first time. The blob is
 * validated against its board before it is written; a bad one fails the
 * build with the validator's message and leaves no blob behind.
 *
 * A VM with `.dtb = DTB_AT(ipa)` gets a device tree generated from its
 * description (tools/dtb/vmdtb.c): the configuration is serialized and
 * validated once without the trees, each tree is generated from that blob,
 * and the blob is written again with every tree as one more image of its VM
 * at `ipa`, which becomes the VM's boot_arg. The blob format is unchanged;
 * `tessera-config dtb` regenerates the same tree from the final blob.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tessera/config.h>

#include "core/vmdesc.h"
#include "dtb/vmdtb.h"
#include "serialize.h"

/* The shared memory and hypervisor colors are optional in a configuration. */
#pragma weak tessera_shmem
#pragma weak tessera_hyp_colors

struct options {
	const char *root;
	const char *out;
	const char *deps;
	const char *source;
	int deps_only;
};

/* What load_file() reads from: the build directory and generated trees. */
struct loader {
	const char *root;
	unsigned trees;
	const char *tree_path[VMDESC_MAX_VMS]; /* stands for a tree */
	void *tree[VMDESC_MAX_VMS];
	size_t tree_size[VMDESC_MAX_VMS];
};

static char *join(const char *root, const char *path)
{
	size_t n = strlen(root) + strlen(path) + 2;
	char *p = malloc(n);

	if (!p) {
		perror("mkconfig");
		exit(1);
	}
	if (path[0] == '/')
		snprintf(p, n, "%s", path);
	else
		snprintf(p, n, "%s/%s", root, path);
	return p;
}

/* A generated tree, as the image that stands for it; 1 if it is one. */
static int load_tree(const struct loader *l, const char *path, void **data,
		     size_t *size)
{
	for (unsigned i = 0; i < l->trees; i++) {
		if (path != l->tree_path[i])
			continue;
		*data = malloc(l->tree_size[i]);
		if (!*data) {
			perror("mkconfig");
			exit(1);
		}
		memcpy(*data, l->tree[i], l->tree_size[i]);
		*size = l->tree_size[i];
		return 1;
	}
	return 0;
}

static int load_file(void *ctx, const char *path, void **data, size_t *size,
		     char *msg, size_t n)
{
	const struct loader *l = ctx;
	char *full;
	FILE *f;
	long len = -1;
	int rc = -1;

	*data = NULL;
	if (load_tree(l, path, data, size))
		return 0;
	full = join(l->root, path);
	f = fopen(full, "rb");
	if (!f || fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET))
		snprintf(msg, n, "%s: %s", full, strerror(errno));
	else if (len == 0)
		snprintf(msg, n, "%s is empty", full);
	else if (!(*data = malloc((size_t)len)) ||
		 fread(*data, 1, (size_t)len, f) != (size_t)len)
		snprintf(msg, n, "%s: cannot read it", full);
	else
		rc = 0;
	if (f)
		(void)fclose(f); /* read only: nothing to lose */
	free(full);
	if (rc) {
		free(*data);
		*data = NULL;
	} else {
		*size = (size_t)len;
	}
	return rc;
}

/* Make cannot express these in a prerequisite list. */
static int make_safe(const char *p)
{
	return !strpbrk(p, " \t\n:$#%\\");
}

/* Was this image path listed before (VM i, image k)? */
static int listed_before(const struct cfg_config *cfg, unsigned i, unsigned k)
{
	const char *path = cfg->vms.v[i].images.v[k].path;

	for (unsigned a = 0; a <= i; a++)
		for (unsigned b = 0; b < (a == i ? k : cfg->vms.v[a].images.n);
		     b++) {
			const char *p = cfg->vms.v[a].images.v[b].path;

			if (p && !strcmp(p, path))
				return 1;
		}
	return 0;
}

/*
 * "blob: img..." then an empty rule per image (like gcc -MP), so a removed
 * image does not break make. Pass 0 writes the first line, pass 1 the rules.
 */
static int write_dep_lines(FILE *f, const struct options *o,
			   const struct cfg_config *cfg, int pass)
{
	int rc = 0;

	for (unsigned i = 0; i < cfg->vms.n; i++)
		for (unsigned k = 0; k < cfg->vms.v[i].images.n; k++) {
			const char *path = cfg->vms.v[i].images.v[k].path;
			char *full;

			if (!path || listed_before(cfg, i, k))
				continue;
			if (!make_safe(path)) {
				fprintf(stderr,
					"%s: image path \"%s\": make "
					"cannot name it (space : $ # %% \\)\n",
					o->source, path);
				rc = -1;
				continue;
			}
			full = join(o->root, path);
			fprintf(f, pass ? "\n%s:\n" : " %s", full);
			free(full);
		}
	return rc;
}

static int write_deps(const struct options *o, const struct cfg_config *cfg)
{
	FILE *f = fopen(o->deps, "w");
	int rc;

	if (!f) {
		perror(o->deps);
		return -1;
	}
	fprintf(f, "%s:", o->out);
	rc = write_dep_lines(f, o, cfg, 0);
	fputc('\n', f);
	if (!rc)
		rc = write_dep_lines(f, o, cfg, 1);
	if (fclose(f) || rc) {
		remove(o->deps);
		return -1;
	}
	return 0;
}

static int write_blob(const char *out, const struct cfg_blob *b)
{
	size_t n = strlen(out) + 5;
	char *tmp = malloc(n);
	FILE *f;
	int ok;

	if (!tmp)
		return -1;
	snprintf(tmp, n, "%s.tmp", out);
	f = fopen(tmp, "wb");
	ok = f && fwrite(b->data, 1, b->size, f) == b->size;
	if (f && fclose(f))
		ok = 0;
	/* rename() so make never sees half a blob as up to date. */
	if (!ok || rename(tmp, out)) {
		perror(out);
		remove(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

static int validate(const struct options *o, const struct cfg_config *cfg,
		    const struct cfg_blob *b)
{
	const struct platform_desc *plat = platform_desc_find(cfg->platform);
	struct vmdesc_owner_view unknown = {.unknown = 1};
	struct vmdesc_error e;
	char msg[256];

	if (!plat) {
		fprintf(stderr, "%s: error: no board named \"%s\"\n", o->source,
			cfg->platform);
		return -1;
	}
	if (!vmdesc_validate(b->data, (uint32_t)b->size, plat,
			     cfg->kind == VMDESC_KIND_VM ? &unknown : NULL, &e))
		return 0;
	vmdesc_error_format(&e, msg, sizeof(msg));
	fprintf(stderr, "%s: error: %s\n", o->source, msg);
	return -1;
}

/* ---- generated device trees ---- */

static void print_note(void *ctx, const char *text)
{
	fprintf(stderr, "%s: note: %s\n", (const char *)ctx, text);
}

/* The index of the VM's initrd image, VMDESC_NONE if it has none; -1 if two.
 */
static int initrd_of(const struct cfg_vm *vm, uint32_t *index)
{
	*index = VMDESC_NONE;
	for (unsigned k = 0; k < vm->images.n; k++) {
		if (vm->images.v[k].role != CFG_IMAGE_INITRD)
			continue;
		if (*index != VMDESC_NONE)
			return -1;
		*index = k;
	}
	return 0;
}

/* Why the VM's stack_memory cannot be reserved in its tree, or NULL. */
static const char *stack_memory_error(const struct cfg_vm *vm)
{
	const struct cfg_regions *m = &vm->stack_memory;

	if (m->n > VMDTB_MAX_STACK)
		return "stack_memory: too many ranges";
	for (unsigned i = 0; i < m->n; i++) {
		uint64_t base = m->v[i].ipa, size = m->v[i].size;
		bool inside = false;

		if (!size || (base | size) % 4096 || base + size < base)
			return "stack_memory: not whole pages";
		for (unsigned k = 0; k < vm->memory.n; k++) {
			const struct cfg_region *r = &vm->memory.v[k];

			inside =
			    inside || (base >= r->ipa && base + size >= base &&
				       base + size <= r->ipa + r->size);
		}
		if (!inside)
			return "stack_memory: not inside one of the VM's "
			       "regions";
		for (unsigned k = 0; k < i; k++)
			if (base < m->v[k].ipa + m->v[k].size &&
			    m->v[k].ipa < base + size)
				return "stack_memory: ranges overlap";
	}
	return NULL;
}

/* What only a generated tree uses must come with one. */
static int check_tree_fields(const struct options *o, unsigned i,
			     const struct cfg_vm *vm)
{
	const char *why = NULL;
	uint32_t initrd;
	int initrds = initrd_of(vm, &initrd);

	if (!(vm->dtb.flags & CFG_DTB_GENERATE)) {
		if (vm->bootargs)
			why = "bootargs: only a generated tree has them "
			      "(.dtb = DTB_AT(...))";
		else if (initrds || initrd != VMDESC_NONE)
			why = "images: IMAGE_INITRD needs a generated tree "
			      "(.dtb = DTB_AT(...))";
		else if (vm->stack_memory.n)
			why = "stack_memory: only a generated tree reserves it "
			      "(.dtb = DTB_AT(...))";
	} else if (stack_memory_error(vm)) {
		why = stack_memory_error(vm);
	} else if (initrds) {
		why = "images: more than one IMAGE_INITRD";
	} else if (vm->boot_arg && vm->boot_arg != vm->dtb.ipa) {
		why = "boot_arg: the generated tree's address is the boot "
		      "argument";
	} else if (vm->images.n >= VMDESC_MAX_IMAGES) {
		why = "images: one too many, the generated tree is an image "
		      "too";
	}
	if (why)
		fprintf(stderr, "%s: error: vm %u (%s): %s\n", o->source, i,
			vm->name ? vm->name : "?", why);
	return why ? -1 : 0;
}

/* Generates the tree of every VM that asks for one from blob `b`. */
static int make_trees(const struct options *o, const struct cfg_config *cfg,
		      const struct cfg_blob *b, struct loader *l)
{
	const struct platform_desc *plat = platform_desc_find(cfg->platform);

	for (unsigned i = 0; i < cfg->vms.n; i++) {
		const struct cfg_vm *vm = &cfg->vms.v[i];
		struct vmdtb_options opt;
		char msg[256];

		if (!(vm->dtb.flags & CFG_DTB_GENERATE))
			continue;
		vmdtb_options_init(&opt);
		opt.gic = (vm->dtb.flags & DTB_GICV2) ? 2 : 3;
		opt.no_sstc = (vm->dtb.flags & DTB_NO_SSTC) != 0;
		opt.bootargs = vm->bootargs;
		initrd_of(vm, &opt.initrd);
		for (unsigned k = 0; k < vm->stack_memory.n; k++)
			opt.stack[opt.nstack++] =
			    (struct vmdtb_range){vm->stack_memory.v[k].ipa,
						 vm->stack_memory.v[k].size};
		opt.note = print_note;
		opt.note_ctx = (void *)o->source;
		if (vmdtb_generate(b->data, i, plat, &opt, &l->tree[i],
				   &l->tree_size[i], msg, sizeof(msg))) {
			fprintf(stderr,
				"%s: error: vm %u (%s): device tree: %s\n",
				o->source, i, vm->name, msg);
			return -1;
		}
	}
	return 0;
}

/*
 * The configuration with each generated tree as one more image of its VM
 * (`paths` names the stand-ins load_file() recognizes) at its boot_arg.
 */
static struct cfg_vm *with_trees(const struct cfg_config *cfg, struct loader *l,
				 char paths[][VMDESC_NAME_MAX + 32])
{
	struct cfg_vm *vms = calloc(cfg->vms.n, sizeof(*vms));

	if (!vms) {
		perror("mkconfig");
		exit(1);
	}
	for (unsigned i = 0; i < cfg->vms.n; i++) {
		struct cfg_image *img;
		unsigned n = cfg->vms.v[i].images.n;

		vms[i] = cfg->vms.v[i];
		if (!l->tree[i])
			continue;
		img = calloc(n + 1, sizeof(*img));
		if (!img) {
			perror("mkconfig");
			exit(1);
		}
		if (n)
			memcpy(img, vms[i].images.v, n * sizeof(*img));
		snprintf(paths[i], VMDESC_NAME_MAX + 32,
			 "<generated device tree of vm %u>", i);
		img[n].path = paths[i];
		img[n].ipa = vms[i].dtb.ipa;
		l->tree_path[i] = paths[i];
		vms[i].images.v = img;
		vms[i].images.n = n + 1;
		vms[i].boot_arg = vms[i].dtb.ipa;
	}
	l->trees = cfg->vms.n;
	return vms;
}

static void free_trees(const struct cfg_config *cfg, struct cfg_vm *vms,
		       struct loader *l)
{
	for (unsigned i = 0; i < cfg->vms.n && i < VMDESC_MAX_VMS; i++) {
		if (vms && l->tree[i])
			free((void *)vms[i].images.v);
		free(l->tree[i]);
	}
	free(vms);
}

/* The blob of `cfg`, validated, with the generated trees. */
static int build(const struct options *o, const struct cfg_config *cfg,
		 struct cfg_blob *out)
{
	static char paths[VMDESC_MAX_VMS][VMDESC_NAME_MAX + 32];
	struct loader l = {.root = o->root};
	struct cfg_config full = *cfg;
	struct cfg_vm *vms = NULL;
	char msg[512] = "";
	int trees = 0, rc = -1;

	for (unsigned i = 0; i < cfg->vms.n; i++) {
		if (check_tree_fields(o, i, &cfg->vms.v[i]))
			return -1;
		trees |= (cfg->vms.v[i].dtb.flags & CFG_DTB_GENERATE) != 0;
	}
	if (cfg_serialize(cfg, load_file, &l, out, msg, sizeof(msg))) {
		fprintf(stderr, "%s: error: %s\n", o->source, msg);
		return -1;
	}
	if (validate(o, cfg, out))
		goto done;
	if (!trees)
		return 0;
	if (cfg->vms.n > VMDESC_MAX_VMS || make_trees(o, cfg, out, &l))
		goto done;
	vms = with_trees(cfg, &l, paths);
	full.vms.v = vms;
	free(out->data);
	if (cfg_serialize(&full, load_file, &l, out, msg, sizeof(msg))) {
		fprintf(stderr, "%s: error: %s\n", o->source, msg);
		out->data = NULL;
	} else if ((rc = validate(o, &full, out)) != 0) {
		for (unsigned i = 0; i < cfg->vms.n; i++)
			if (l.tree[i])
				fprintf(stderr,
					"%s: note: vm %u (%s): images[%u] is "
					"its generated device tree\n",
					o->source, i, vms[i].name,
					vms[i].images.n - 1);
	}
done:
	free_trees(cfg, vms, &l);
	if (rc) {
		free(out->data);
		out->data = NULL;
	}
	return rc;
}

static void usage(void)
{
	fprintf(stderr, "usage: mkconfig --root DIR --out FILE [--deps FILE] "
			"[--deps-only] [--source NAME]\n");
	exit(2);
}

static void parse(int argc, char **argv, struct options *o)
{
	static const struct option opts[] = {
	    {"root", required_argument, NULL, 'r'},
	    {"out", required_argument, NULL, 'o'},
	    {"deps", required_argument, NULL, 'd'},
	    {"deps-only", no_argument, NULL, 'D'},
	    {"source", required_argument, NULL, 's'},
	    {NULL, 0, NULL, 0},
	};
	int c;

	while ((c = getopt_long(argc, argv, "r:o:d:s:", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			o->root = optarg;
			break;
		case 'o':
			o->out = optarg;
			break;
		case 'd':
			o->deps = optarg;
			break;
		case 'D':
			o->deps_only = 1;
			break;
		case 's':
			o->source = optarg;
			break;
		default:
			usage();
		}
	}
	if (!o->root || !o->out || optind != argc || (o->deps_only && !o->deps))
		usage();
	if (!o->source)
		o->source = o->out;
}

int main(int argc, char **argv)
{
	struct options o = {0};
	struct cfg_config cfg = tessera_config;
	struct cfg_blob b;

	parse(argc, argv, &o);
	if (&tessera_shmem)
		cfg.shmem = tessera_shmem;
	if (&tessera_hyp_colors)
		cfg.hyp_colors = tessera_hyp_colors;
	if (o.deps_only)
		return write_deps(&o, &cfg) ? 1 : 0;
	remove(o.out);
	if (build(&o, &cfg, &b))
		return 1;
	if (write_blob(o.out, &b) || (o.deps && write_deps(&o, &cfg))) {
		free(b.data);
		return 1;
	}
	free(b.data);
	return 0;
}
