// SPDX-License-Identifier: Apache-2.0
/*
 * QEMU 7.2 `virt` (Arm), as started by `make run`:
 *   -machine virt,virtualization=on,gic-version=3 -cpu cortex-a53 -smp 4 -m 1G
 * Addresses and interrupts come from the board's own device tree
 * (-machine ...,dumpdtb=FILE); INTID = 32 + the SPI number listed there.
 */
#include <tessera/platform_desc.h>

#define MiB (1ull << 20)
#define GiB (1ull << 30)

/* A table is easier to check against the device tree as a table. */
/* clang-format off */
#define VIRTIO_MMIO(n)                                                         \
	{ "virtio-mmio", 0x0a000000ull + (n) * 0x200ull, 0x200, 48 + (n), 1 }

const struct platform_desc platform_qemu_aarch64_virt = {
	.name = "qemu-aarch64-virt",
	.cpu_count = 4,
	.ram_count = 1,
	.ram = { { 0x40000000, 1 * GiB } },
	.hyp_reserved = 16 * MiB,
	.device_count = 34,
	.devices = {
		{ "pl031-rtc", 0x09010000, 0x1000, 34, 1 },
		{ "pl061-gpio", 0x09030000, 0x1000, 39, 1 },
		VIRTIO_MMIO(0), VIRTIO_MMIO(1), VIRTIO_MMIO(2), VIRTIO_MMIO(3),
		VIRTIO_MMIO(4), VIRTIO_MMIO(5), VIRTIO_MMIO(6), VIRTIO_MMIO(7),
		VIRTIO_MMIO(8), VIRTIO_MMIO(9), VIRTIO_MMIO(10), VIRTIO_MMIO(11),
		VIRTIO_MMIO(12), VIRTIO_MMIO(13), VIRTIO_MMIO(14),
		VIRTIO_MMIO(15), VIRTIO_MMIO(16), VIRTIO_MMIO(17),
		VIRTIO_MMIO(18), VIRTIO_MMIO(19), VIRTIO_MMIO(20),
		VIRTIO_MMIO(21), VIRTIO_MMIO(22), VIRTIO_MMIO(23),
		VIRTIO_MMIO(24), VIRTIO_MMIO(25), VIRTIO_MMIO(26),
		VIRTIO_MMIO(27), VIRTIO_MMIO(28), VIRTIO_MMIO(29),
		VIRTIO_MMIO(30), VIRTIO_MMIO(31),
	},
	/* SPIs; the GICv3 emulation offers 256 of them on this board. */
	.irq_first = 32,
	.irq_count = 256,
	/* The PL011 at 0x09000000 stays the hypervisor's console. */
	.hyp_irq = 33,
	/* GICv3 distributor 0x08000000, ITS, redistributors up to 0x08ffffff. */
	.intc_window = { 0x08000000, 16 * MiB },
	/* Cortex-A53 PARange: 40 bits. */
	.ipa_bits = 40,
	/*
	 * QEMU models no cache: colors are planned on a Cortex-A53 cluster's
	 * shared L2 as SoCs build it (1 MiB, 16 ways, 64-byte lines: 16
	 * colors); make LLC_SIZE= LLC_WAYS= describes another.
	 */
	.llc = { .line_size = 64, .ways = LLC_WAYS_OR(16),
		 .size = LLC_SIZE_OR(1 * MiB) },
};
/* clang-format on */
