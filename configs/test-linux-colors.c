/*
 * Test: Debian's Linux in a colored VM (colors 0-7 of 16: its 256 MiB on
 * 65536 frames of those colors, mapped page by page) boots to its shell,
 * next to a baremetal VM with colors 8-15 checking its own frames.
 */
#include "linux-vm.h"

TESSERA_CONFIG("qemu-aarch64-virt",
	       LINUX_VM_COLORED("linux", CONSOLE_INPUT, LINUX_SHELL,
				COLORS(0, 1, 2, 3, 4, 5, 6, 7), 0, 1),
	       VM(.name = "baremetal", .cpus = CPUS(2, 3),
		  .colors = COLORS(8, 9, 10, 11, 12, 13, 14, 15),
		  .memory = REGIONS(RAM(0x40000000, 16 * MiB)),
		  .images = IMAGES(IMAGE("guests/baremetal/colors.bin",
					 0x40000000)),
		  .entry = 0x40000000, .console = PL011(0x09000000, 33)));
