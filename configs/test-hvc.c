/* Test: Tessera's calls answer, and an unknown one is refused, not fatal. */
#include <tessera/config.h>

TESSERA_CONFIG("qemu-aarch64-virt",
	       VM(.name = "caller", .cpus = CPUS(3),
		  .memory = REGIONS(RAM(0x40000000, 16 * MiB)),
		  .images = IMAGES(IMAGE("guests/baremetal/hvc.bin",
					 0x40000000)),
		  .entry = 0x40000000, .console = PL011(0x09000000, 33)));
