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
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tessera/config.h>

#include "core/vmdesc.h"
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

static int load_file(void *ctx, const char *path, void **data, size_t *size,
		     char *msg, size_t n)
{
	char *full = join(ctx, path);
	FILE *f = fopen(full, "rb");
	long len = -1;
	int rc = -1;

	*data = NULL;
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
		fclose(f);
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
	char msg[512] = "";

	parse(argc, argv, &o);
	if (&tessera_shmem)
		cfg.shmem = tessera_shmem;
	if (&tessera_hyp_colors)
		cfg.hyp_colors = tessera_hyp_colors;
	if (o.deps_only)
		return write_deps(&o, &cfg) ? 1 : 0;
	remove(o.out);
	if (cfg_serialize(&cfg, load_file, (void *)o.root, &b, msg,
			  sizeof(msg))) {
		fprintf(stderr, "%s: error: %s\n", o.source, msg);
		return 1;
	}
	if (validate(&o, &cfg, &b) || write_blob(o.out, &b) ||
	    (o.deps && write_deps(&o, &cfg))) {
		free(b.data);
		return 1;
	}
	free(b.data);
	return 0;
}
