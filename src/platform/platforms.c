// SPDX-License-Identifier: Apache-2.0
/*
 * Every board by name, for the host tools: a blob names the board it was
 * built for, and `tessera-config check` validates it against that one. The
 * hypervisor does not link this table, only its own board, so this file
 * may use the host's C library.
 */
#include <stddef.h>
#include <string.h>

#include <tessera/platform_desc.h>

const struct platform_desc *const platform_descs[] = {
    &platform_qemu_aarch64_virt,
    &platform_qemu_riscv64_virt,
    NULL,
};

const struct platform_desc *platform_desc_find(const char *name)
{
	for (unsigned i = 0; platform_descs[i]; i++)
		if (strcmp(platform_descs[i]->name, name) == 0)
			return platform_descs[i];
	return NULL;
}
