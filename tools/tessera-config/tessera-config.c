// SPDX-License-Identifier: Apache-2.0
/*
 * tessera-config: check and list VM description blobs on a workstation with
 * the very validator the hypervisor runs (src/core/vmdesc.c).
 *
 *   tessera-config check FILE...   "FILE: ok" or the reason; exit 1 if any bad
 *   tessera-config dump FILE       every field, then the validator's verdict
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vmdesc.h"
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
		fclose(f);
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
	      "       tessera-config dump FILE\n",
	      stderr);
	return 2;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "check"))
		return check(argc - 2, argv + 2);
	if (argc == 3 && !strcmp(argv[1], "dump"))
		return dump(argv[2]);
	return usage();
}
