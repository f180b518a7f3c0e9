/*
 * Isolation catalogue: child ids, a parent, shared-memory links and a TEE
 * the VM does not have. While the VM-stack parent of test-vmstack.c creates,
 * runs and destroys its children, the intruder calls invoke, destroy and
 * measure on every child id of the first 64 generations, yields without a
 * parent, notifies links it is not on and calls a TEE: all refused, and the
 * parent's own test passes.
 */
#include "hostile.h"

TESSERA_CONFIG(
    "qemu-aarch64-virt",
    VM(.name = "parent", .cpus = CPUS(0),
       .memory = REGIONS(RAM(0x40000000, 64 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/vmstack.bin", 0x40000000),
			IMAGE("guests/baremetal/vmchild.bin", 0x42000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)),
    VM(.name = "intruder", .cpus = CPUS(1),
       .memory = REGIONS(RAM(0x40000000, 16 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/attack_calls.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33)));
