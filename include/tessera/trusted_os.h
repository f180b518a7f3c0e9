/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The header of a trusted OS written for Tessera (docs/tee.md), shared by
 * the hypervisor and such images. The image's first word, its entry point,
 * is a branch over the header; the magic follows. The dispatcher runs such
 * an image as it is: unlike Debian's OP-TEE it was built for a TEE VM and
 * has no secure-world instruction to rewrite. An image that claims so
 * falsely harms only itself (its own vector takes what it cannot do).
 */
#ifndef TESSERA_TRUSTED_OS_H
#define TESSERA_TRUSTED_OS_H

#define TESSERA_TOS_MAGIC      "TESSERA-TOS1" /* bytes 4..15 */
#define TESSERA_TOS_MAGIC_SIZE 12
#define TESSERA_TOS_HEADER     16 /* bytes: the branch and the magic */

#endif
