/* Test: one VM with four vCPUs on the four CPUs brings them all up. */
#include <tessera/config.h>

TESSERA_CONFIG("qemu-aarch64-virt",
	       VM(.name = "smp", .cpus = CPUS(0, 1, 2, 3),
		  .memory = REGIONS(RAM(0x40000000, 64 * MiB)),
		  .images = IMAGES(IMAGE("guests/baremetal/smp.bin",
					 0x40000000)),
		  .entry = 0x40000000, .console = PL011(0x09000000, 33)));
