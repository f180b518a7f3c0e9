/*
 * Test (RISC-V): a Linux VM that writes to a guest-physical address it does
 * not own (/tessera/attack in its initramfs, at 0xc0000000: its RAM base +
 * 1 GiB, as on Arm) is stopped; the baremetal VM goes on.
 */
#include "riscv-linux-vm.h"

/* Where the attack script writes: outside this VM's RAM (0x8xxxxxxx). */
#define ATTACK RISCV_LINUX_RUN("attack") " tessera.attack=0xc0000000"

TESSERA_CONFIG("qemu-riscv64-virt", RISCV_LINUX_VM("linux", 0, ATTACK, 0, 1),
	       VM(.name = "baremetal", .cpus = CPUS(2, 3),
		  .memory = REGIONS(RAM(0x80000000, 16 * MiB)),
		  .images = IMAGES(IMAGE("guests/baremetal-riscv/hello.bin",
					 0x80200000)),
		  .entry = 0x80200000, .console = NS16550(0x10000000, 10)));
