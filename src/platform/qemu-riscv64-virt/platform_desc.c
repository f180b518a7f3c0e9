// SPDX-License-Identifier: Apache-2.0
/*
 * QEMU 7.2 `virt` (RISC-V), as started by `make run`:
 *   -machine virt -smp 4 -m 1G -bios fw_jump.elf
 * Addresses and PLIC sources come from the board's own device tree
 * (-machine virt,dumpdtb=FILE).
 */
#include <tessera/platform_desc.h>

#define MiB (1ull << 20)
#define GiB (1ull << 30)

/* A table is easier to check against the device tree as a table. */
/* clang-format off */
#define VIRTIO_MMIO(n)                                                         \
	{ "virtio-mmio", 0x10001000ull + (n) * 0x1000ull, 0x1000, 1 + (n), 1 }

const struct platform_desc platform_qemu_riscv64_virt = {
	.name = "qemu-riscv64-virt",
	.cpu_count = 4,
	.ram_count = 1,
	.ram = { { 0x80000000, 1 * GiB } },
	/* OpenSBI at 0x80000000, the hypervisor from 0x80200000. */
	.hyp_reserved = 32 * MiB,
	.device_count = 9,
	.devices = {
		{ "goldfish-rtc", 0x00101000, 0x1000, 11, 1 },
		VIRTIO_MMIO(0), VIRTIO_MMIO(1), VIRTIO_MMIO(2), VIRTIO_MMIO(3),
		VIRTIO_MMIO(4), VIRTIO_MMIO(5), VIRTIO_MMIO(6), VIRTIO_MMIO(7),
	},
	/* PLIC sources 1..96 (the device tree's riscv,ndev = 96); 0 is "none". */
	.irq_first = 1,
	.irq_count = 96,
	/* The NS16550A at 0x10000000 stays the hypervisor's console. */
	.hyp_irq = 10,
	/* The emulated PLIC's window. */
	.intc_window = { 0x0c000000, 64 * MiB },
	/* Sv39x4 G-stage translation. */
	.ipa_bits = 41,
	/*
	 * QEMU models no cache: colors are planned on a shared L2 of 1 MiB,
	 * 16 ways, 64-byte lines (16 colors), as on SiFive's U74 cluster's
	 * order of size; make LLC_SIZE= LLC_WAYS= describes another.
	 */
	.llc = { .line_size = 64, .ways = LLC_WAYS_OR(16),
		 .size = LLC_SIZE_OR(1 * MiB) },
};
/* clang-format on */
