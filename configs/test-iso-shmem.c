/*
 * Isolation catalogue: a shared-memory region the VM is not on. The
 * neighbour links "ring" at 0x50000000; the intruder, not linked, reads the
 * same guest-physical address and must be stopped.
 */
#include "hostile.h"

TESSERA_SHARED_MEMORY(SHMEM("ring", 2 * MiB));

TESSERA_CONFIG(
    "qemu-aarch64-virt", PROBE_VM("intruder", 0, PROBE(0x50000000, PROBE_READ)),
    VM(.name = "member", .cpus = CPUS(2, 3),
       .memory = REGIONS(RAM(0x40000000, 16 * MiB)),
       .images = IMAGES(IMAGE("guests/baremetal/hello.bin", 0x40000000)),
       .entry = 0x40000000, .console = PL011(0x09000000, 33),
       .ipcs = IPCS(IPC("ring", 0x50000000, 0))));
