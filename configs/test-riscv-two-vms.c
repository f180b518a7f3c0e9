// SPDX-License-Identifier: Apache-2.0
/*
 * RISC-V: two bare-metal VMs side by side, two harts each. Both print on an
 * emulated NS16550A at the board's UART address (PLIC source 10 in their
 * own virtual PLIC); the hypervisor multiplexes their lines onto the real
 * one, and keyboard input starts with vm0 (Ctrl-T switches). RAM starts at
 * 0x80000000 as on the board; the guest is entered at 0x80200000, where
 * OpenSBI would enter it natively.
 */
#include <tessera/config.h>

#define HELLO IMAGE("guests/baremetal-riscv/hello.bin", 0x80200000)

TESSERA_CONFIG("qemu-riscv64-virt",
	       VM(.name = "vm0", .cpus = CPUS(0, 1), .flags = CONSOLE_INPUT,
		  .memory = REGIONS(RAM(0x80000000, 64 * MiB)),
		  .images = IMAGES(HELLO), .entry = 0x80200000,
		  .console = NS16550(0x10000000, 10)),
	       VM(.name = "vm1", .cpus = CPUS(2, 3),
		  .memory = REGIONS(RAM(0x80000000, 64 * MiB)),
		  .images = IMAGES(HELLO), .entry = 0x80200000,
		  .console = NS16550(0x10000000, 10)));
