// SPDX-License-Identifier: Apache-2.0
/* Benchmarks (bench/run.py), RISC-V: boot time with four 16 MiB VMs. */
#include <tessera/config.h>

#define BOOT_VM(vm_name, cpu)                                               \
	VM(.name = vm_name, .cpus = CPUS(cpu),                              \
	   .memory = REGIONS(RAM(0x80000000, 16 * MiB)),                    \
	   .images = IMAGES(                                                \
	       IMAGE("guests/baremetal-riscv/bench_boot.bin", 0x80200000)), \
	   .entry = 0x80200000, .console = NS16550(0x10000000, 10))

TESSERA_CONFIG("qemu-riscv64-virt", BOOT_VM("boot0", 0), BOOT_VM("boot1", 1),
	       BOOT_VM("boot2", 2), BOOT_VM("boot3", 3));
