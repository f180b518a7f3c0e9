/*
 * Test: three VMs each do one thing they may not (guests/baremetal/tests/
 * undef.c); each is stopped with its log line, the fourth keeps going.
 */
#include <tessera/config.h>

#define UNDEF_VM(name_, cpu, what)                                            \
	VM(.name = name_, .cpus = CPUS(cpu),                                  \
	   .memory = REGIONS(RAM(0x40000000, 16 * MiB)),                      \
	   .images = IMAGES(IMAGE("guests/baremetal/undef.bin", 0x40000000)), \
	   .entry = 0x40000000, .boot_arg = (what),                           \
	   .console = PL011(0x09000000, 33))

TESSERA_CONFIG("qemu-aarch64-virt", UNDEF_VM("bad-hvc", 0, 0),
	       UNDEF_VM("bad-sysreg", 1, 1), UNDEF_VM("bad-device", 2, 2),
	       VM(.name = "good", .cpus = CPUS(3),
		  .memory = REGIONS(RAM(0x40000000, 16 * MiB)),
		  .images = IMAGES(IMAGE("guests/baremetal/ticks.bin",
					 0x40000000)),
		  .entry = 0x40000000, .console = PL011(0x09000000, 33)));
