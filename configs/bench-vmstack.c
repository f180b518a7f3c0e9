// SPDX-License-Identifier: Apache-2.0
/*
 * Benchmarks (bench/run.py): the VM-stack. One parent VM on CPU 0 creates,
 * invokes and destroys children in its own memory; the configuration puts
 * the child image (vmchild.bin) 32 MiB into the parent's RAM.
 */
#include <tessera/config.h>

TESSERA_CONFIG(
    "qemu-aarch64-virt",
    VM(.name = "parent", .cpus = CPUS(0),
       .memory = REGIONS(RAM(0x40000000, 64 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/bench_vmstack.bin", 0x40000000),
			IMAGE("guests/baremetal/vmchild.bin", 0x42000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)));
