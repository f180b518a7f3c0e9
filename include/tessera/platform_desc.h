/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What a board offers, as plain data: the validator checks VM descriptions
 * against it in the hypervisor and in the host tools, so it must not depend on
 * anything but fixed-width types.
 */
#ifndef TESSERA_PLATFORM_DESC_H
#define TESSERA_PLATFORM_DESC_H

#include <stdint.h>

#define PLATFORM_MAX_RAM 4u
/* QEMU's virt boards list 32 virtio-mmio transports beside their other devices.
 */
#define PLATFORM_MAX_DEVICES 48u

struct platform_range {
	uint64_t base;
	uint64_t size;
};

/*
 * A device a VM may be given. Stage 2 maps whole pages, so a VM is given the
 * pages around the device: a VM device range must be covered by the
 * page-rounded ranges of platform devices (adjacent devices may be given
 * together in one range).
 */
struct platform_device {
	const char *name;
	uint64_t base;
	uint64_t size;
	uint32_t irq_first; /* interrupts the device may raise, [first, first +
			       count) */
	uint32_t irq_count;
};

/*
 * A board states its cache geometry through these, so a build can describe
 * another (make LLC_SIZE=bytes LLC_WAYS=n defines TESSERA_LLC_*).
 */
#ifdef TESSERA_LLC_SIZE
#define LLC_SIZE_OR(board) (TESSERA_LLC_SIZE)
#else
#define LLC_SIZE_OR(board) (board)
#endif
#ifdef TESSERA_LLC_WAYS
#define LLC_WAYS_OR(board) (TESSERA_LLC_WAYS)
#else
#define LLC_WAYS_OR(board) (board)
#endif

struct platform_cache {
	uint32_t line_size; /* bytes */
	uint32_t ways;
	uint64_t size; /* bytes; colors = size / (ways * page size) */
};

struct platform_desc {
	const char *name;
	uint32_t cpu_count;
	uint32_t ram_count;
	struct platform_range ram[PLATFORM_MAX_RAM];
	/*
	 * The hypervisor occupies [ram[0].base, ram[0].base + hyp_reserved)
	 * plus its configuration blob placed right after, rounded up to 2 MiB.
	 */
	uint64_t hyp_reserved;
	/* Devices a VM may be given (pass-through). */
	uint32_t device_count;
	struct platform_device devices[PLATFORM_MAX_DEVICES];
	/* Interrupts a VM may own: [irq_first, irq_first + irq_count). */
	uint32_t irq_first;
	uint32_t irq_count;
	/* Interrupts the hypervisor keeps for itself (its console), 0 = none.
	 */
	uint32_t hyp_irq;
	/* Guest-physical window of the emulated interrupt controller, no VM
	 * memory there. */
	struct platform_range intc_window;
	/*
	 * Guest-physical addresses stage 2 translates, [0, 2^ipa_bits); the
	 * arch layer must set up at least this many. 0 means 64 (no limit
	 * checked).
	 */
	uint32_t ipa_bits;
	struct platform_cache llc;
};

/* The boards (src/platform/<name>/platform_desc.c); the hypervisor links its
 * own. */
extern const struct platform_desc platform_qemu_aarch64_virt;
extern const struct platform_desc platform_qemu_riscv64_virt;

/* Host tools: every board by name (src/platform/platforms.c), NULL-terminated.
 */
extern const struct platform_desc *const platform_descs[];
const struct platform_desc *platform_desc_find(const char *name);

#endif
