// SPDX-License-Identifier: Apache-2.0
/*
 * Benchmark (bench/run.py): the TEE round trip from Linux user space
 * (guests/linux/tee/teebench.c), measured as the TrustZone baseline was:
 * QEMU -smp 2 under -icount, Debian's Linux on both CPUs with its own
 * Debian OP-TEE in a TEE VM (as configs/test-linux-optee.c, without the
 * neighbour), its tree running the benchmark instead of xtest.
 */
#include <tessera/config.h>

TESSERA_CONFIG(
    "qemu-aarch64-virt",
    VM(.name = "linux", .cpus = CPUS(0, 1), .tee = "optee",
       .memory = REGIONS(RAM(0x40000000, 256 * MiB)), .irqs = IRQS(219),
       .images =
	   IMAGES(IMAGE("linux/arm64/Image", 0x44000000),
		  IMAGE("guests/linux/tee/linux-optee-bench.dtb", 0x47e00000),
		  IMAGE("linux/arm64/initramfs-optee.cpio.gz", 0x48000000)),
       .entry = 0x44000000, .boot_arg = 0x47e00000,
       .console = PL011(0x09000000, 33)),
    VM(.name = "optee", .cpus = CPUS(0, 1), .flags = TEE_VM,
       .memory = REGIONS(RAM(0x0e100000, 15 * MiB)),
       .images = IMAGES(IMAGE("optee/arm64/tee-pager_v2.bin", 0x0e100000)),
       .entry = 0x0e100000, .console = PL011(0x09040000, 40)));
