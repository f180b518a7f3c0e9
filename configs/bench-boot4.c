// SPDX-License-Identifier: Apache-2.0
/*
 * Benchmarks (bench/run.py): boot time with four VMs like bench-boot1's,
 * one per CPU; the figure is the last of them to reach its first
 * instruction. The runner also reads the hypervisor's page ownership
 * table from this machine for the stage-2 footprint per VM.
 */
#include <tessera/config.h>

#define BOOT_VM(vm_name, cpu)                                                \
	VM(.name = vm_name, .cpus = CPUS(cpu),                               \
	   .memory = REGIONS(RAM(0x40000000, 16 * MiB)),                     \
	   .images =                                                         \
	       IMAGES(IMAGE("guests/baremetal/bench_boot.bin", 0x40000000)), \
	   .entry = 0x40000000, .console = PL011(0x09000000, 33))

TESSERA_CONFIG("qemu-aarch64-virt", BOOT_VM("boot0", 0), BOOT_VM("boot1", 1),
	       BOOT_VM("boot2", 2), BOOT_VM("boot3", 3));
