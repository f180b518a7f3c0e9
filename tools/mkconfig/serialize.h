/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host side: turns the structures of <tessera/config.h> into a VM
 * description blob. Used by mkconfig and by the unit tests, which build their
 * good blobs this way and then break them one field at a time.
 */
#ifndef TESSERA_MKCONFIG_SERIALIZE_H
#define TESSERA_MKCONFIG_SERIALIZE_H

#include <stddef.h>
#include <stdint.h>

#include <tessera/config.h>

/*
 * Reads the image at `path`; *data is freed by the caller with free().
 * Returns 0, or -1 with a message in msg.
 */
typedef int (*cfg_load_fn)(void *ctx, const char *path, void **data,
			   size_t *size, char *msg, size_t n);

struct cfg_blob {
	uint8_t *data; /* malloc()ed, 8-byte aligned */
	size_t size;
};

/* 0, or -1 with "vm 1 (name): tee: no VM named \"x\"" style text in msg. */
int cfg_serialize(const struct cfg_config *cfg, cfg_load_fn load, void *ctx,
		  struct cfg_blob *out, char *msg, size_t n);

#endif
