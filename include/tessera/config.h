/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Writing a Tessera configuration (docs/config.md, "Authoring").
 *
 * A configuration is a C file, configs/<name>.c, made of the macros below:
 *
 *	#include <tessera/config.h>
 *
 *	TESSERA_CONFIG("qemu-aarch64-virt",
 *		VM(.name = "vm0", .cpus = CPUS(0, 1), .flags = CONSOLE_INPUT,
 *		   .memory = REGIONS(RAM(0x40000000, 64 * MiB)),
 *		   .images = IMAGES(IMAGE("guests/baremetal/hello.bin",
 *					  0x40000000)),
 *		   .entry = 0x40000000, .console = PL011(0x09000000, 33)));
 *
 * The build compiles it with the host compiler and links it with
 * tools/mkconfig, which turns these structures into the pointer-free blob of
 * <tessera/vmdesc.h>, embeds the images and validates the result. Nothing
 * here reaches the hypervisor: these are host-side structures, free to use
 * pointers and names.
 */
#ifndef TESSERA_CONFIG_H
#define TESSERA_CONFIG_H

#include <stdint.h>

#include <tessera/vmdesc.h>

#ifndef KiB
#define KiB (1ull << 10)
#endif
#ifndef MiB
#define MiB (1ull << 20)
#endif
#ifndef GiB
#define GiB (1ull << 30)
#endif

/*
 * A counted list from a brace-less list of elements. sizeof does not
 * evaluate its operand, so the elements are only instantiated once.
 */
#define CFG_LIST(type, ...)                                             \
	{                                                               \
		.v = (const type[]){__VA_ARGS__},                       \
		.n = sizeof((const type[]){__VA_ARGS__}) / sizeof(type) \
	}

struct cfg_numbers {
	const unsigned long long *v;
	unsigned n;
};

struct cfg_region {
	uint64_t ipa;
	uint64_t size;
	uint64_t pa; /* with VMDESC_MEM_FIXED_PA */
	uint32_t flags;
};

struct cfg_regions {
	const struct cfg_region *v;
	unsigned n;
};

struct cfg_device {
	uint64_t pa;
	uint64_t ipa;
	uint64_t size;
};

struct cfg_devices {
	const struct cfg_device *v;
	unsigned n;
};

/* What an image is to the VM's generated device tree. */
enum cfg_image_role {
	CFG_IMAGE_PLAIN = 0,
	CFG_IMAGE_INITRD = 1, /* /chosen/linux,initrd-start and -end */
};

struct cfg_image {
	const char *path; /* relative to mkconfig's --root; NULL: in place */
	uint64_t ipa;
	uint64_t size; /* in-place images only; a file's size is its own */
	uint32_t role; /* enum cfg_image_role */
};

struct cfg_images {
	const struct cfg_image *v;
	unsigned n;
};

struct cfg_ipc {
	const char *shmem; /* the name of a TESSERA_SHARED_MEMORY entry */
	uint64_t ipa;
	uint32_t doorbell;
	uint32_t flags;
};

struct cfg_ipcs {
	const struct cfg_ipc *v;
	unsigned n;
};

struct cfg_console {
	uint32_t type; /* enum vmdesc_console */
	uint32_t irq;
	uint64_t ipa;
};

/*
 * A device tree mkconfig generates from the VM's description
 * (docs/guests.md): embedded as one more image at `ipa`, which becomes the
 * VM's boot_arg (x0 on Arm, a1 on RISC-V).
 */
#define CFG_DTB_GENERATE (1u << 0) /* set by DTB_AT() */
#define DTB_GICV2	 (1u << 1) /* Arm: describe a GICv2, not a GICv3 */
#define DTB_NO_SSTC	 (1u << 2) /* RISC-V: harts without Sstc */

struct cfg_dtb {
	uint64_t ipa;
	uint32_t flags;
};

struct cfg_vm {
	const char *name;
	struct cfg_numbers cpus; /* physical CPUs (parent vCPUs at run time) */
	uint32_t flags;		 /* CONSOLE_INPUT | TEE_VM | SHARE_COLORS */
	struct cfg_regions memory;
	struct cfg_devices devices;
	struct cfg_numbers irqs;
	struct cfg_images images;
	struct cfg_ipcs ipcs;
	uint64_t entry;
	uint64_t boot_arg;
	struct cfg_numbers colors;
	struct cfg_console console;
	const char *tee;      /* name of the TEE VM serving this one */
	const char *parent;   /* name of the parent VM (static VM-stack) */
	struct cfg_dtb dtb;   /* a generated device tree, see DTB_AT() */
	const char *bootargs; /* its /chosen/bootargs (needs .dtb) */
	/* VM-stack: memory kept for children, reserved in the tree (.dtb) */
	struct cfg_regions stack_memory;
};

struct cfg_vms {
	const struct cfg_vm *v;
	unsigned n;
};

struct cfg_shmem {
	const char *name;
	uint64_t size;
	uint64_t pa; /* 0: allocated */
	struct cfg_numbers colors;
};

struct cfg_shmems {
	const struct cfg_shmem *v;
	unsigned n;
};

/* Everything mkconfig serializes. */
struct cfg_config {
	const char *platform;
	uint32_t kind; /* enum vmdesc_kind */
	struct cfg_vms vms;
	struct cfg_shmems shmem;
	struct cfg_numbers hyp_colors;
};

/* ---- lists ---- */
#define CPUS(...)    CFG_LIST(unsigned long long, __VA_ARGS__)
#define IRQS(...)    CFG_LIST(unsigned long long, __VA_ARGS__)
#define COLORS(...)  CFG_LIST(unsigned long long, __VA_ARGS__)
#define REGIONS(...) CFG_LIST(struct cfg_region, __VA_ARGS__)
#define DEVICES(...) CFG_LIST(struct cfg_device, __VA_ARGS__)
#define IMAGES(...)  CFG_LIST(struct cfg_image, __VA_ARGS__)
#define IPCS(...)    CFG_LIST(struct cfg_ipc, __VA_ARGS__)

/* ---- memory ---- */
#define MEM_R	VMDESC_MEM_R
#define MEM_W	VMDESC_MEM_W
#define MEM_X	VMDESC_MEM_X
#define MEM_RW	(MEM_R | MEM_W)
#define MEM_RX	(MEM_R | MEM_X)
#define MEM_RWX VMDESC_MEM_RWX

/* Memory the hypervisor allocates, at guest-physical `ipa`. */
#define MEM(ipa_, size_, perms)                                  \
	{                                                        \
		.ipa = (ipa_), .size = (size_), .flags = (perms) \
	}
#define RAM(ipa_, size_) MEM(ipa_, size_, MEM_RWX)
#define ROM(ipa_, size_) MEM(ipa_, size_, MEM_RX)
/* Memory at a chosen physical address `pa` (a run-time child: parent IPA). */
#define MEM_FIXED(ipa_, size_, pa_, perms)                   \
	{                                                    \
		.ipa = (ipa_), .size = (size_), .pa = (pa_), \
		.flags = (perms) | VMDESC_MEM_FIXED_PA       \
	}
#define RAM_FIXED(ipa_, size_, pa_) MEM_FIXED(ipa_, size_, pa_, MEM_RWX)

/* ---- pass-through devices ---- */
#define DEVICE(pa_, size_)                                 \
	{                                                  \
		.pa = (pa_), .ipa = (pa_), .size = (size_) \
	}
#define DEVICE_AT(pa_, ipa_, size_)                         \
	{                                                   \
		.pa = (pa_), .ipa = (ipa_), .size = (size_) \
	}

/* ---- images ---- */
#define IMAGE(path_, ipa_)                     \
	{                                      \
		.path = (path_), .ipa = (ipa_) \
	}
/* The VM's initial ramdisk: its extent goes into the generated tree. */
#define IMAGE_INITRD(path_, ipa_)                                        \
	{                                                                \
		.path = (path_), .ipa = (ipa_), .role = CFG_IMAGE_INITRD \
	}
/* Bytes already in the VM's (fixed or inherited) memory. */
#define IMAGE_IN_PLACE(ipa_, size_)                       \
	{                                                 \
		.path = 0, .ipa = (ipa_), .size = (size_) \
	}

/* ---- generated device trees (docs/guests.md) ---- */
/* `.dtb = DTB_AT(ipa)`: the VM's tree, generated, at `ipa` (= boot_arg). */
#define DTB_AT(ipa_)                                     \
	{                                                \
		.ipa = (ipa_), .flags = CFG_DTB_GENERATE \
	}
/* The same with DTB_GICV2 and / or DTB_NO_SSTC. */
#define DTB_AT_WITH(ipa_, opts_)                                   \
	{                                                          \
		.ipa = (ipa_), .flags = CFG_DTB_GENERATE | (opts_) \
	}

/* ---- consoles ---- */
#define PL011(ipa_, irq_)                                                  \
	{                                                                  \
		.type = VMDESC_CONSOLE_PL011, .irq = (irq_), .ipa = (ipa_) \
	}
#define NS16550(ipa_, irq_)                                                  \
	{                                                                    \
		.type = VMDESC_CONSOLE_NS16550, .irq = (irq_), .ipa = (ipa_) \
	}

/*
 * ---- the QEMU `virt` preset (docs/guests.md) ----
 * A VM laid out as QEMU's `virt` board of that architecture lays out a
 * machine: RAM at the board's RAM base, the interrupt controller and the
 * console at the board's addresses, and a generated device tree at the top
 * of RAM, passed as a boot loader passes it (x0 on Arm, a1 on RISC-V). A
 * program built to boot on plain QEMU `virt` with a device tree runs in it
 * unmodified. Use inside VM(...), with .cpus and .images.
 */
#define QEMU_VIRT_ARM64(ram_size_)                       \
	.memory = REGIONS(RAM(0x40000000, (ram_size_))), \
	.console = PL011(0x09000000, 33),                \
	.dtb = DTB_AT(0x40000000 + (ram_size_)-0x200000)
#define QEMU_VIRT_RISCV64(ram_size_)                     \
	.memory = REGIONS(RAM(0x80000000, (ram_size_))), \
	.console = NS16550(0x10000000, 10),              \
	.dtb = DTB_AT(0x80000000 + (ram_size_)-0x200000)

/* ---- VM flags ---- */
#define CONSOLE_INPUT VMDESC_VM_CONSOLE_INPUT
#define TEE_VM	      VMDESC_VM_TEE
#define SHARE_COLORS  VMDESC_VM_SHARE_COLORS

/* ---- shared memory and the VMs' links to it ---- */
#define SHMEM(name_, size_)                      \
	{                                        \
		.name = (name_), .size = (size_) \
	}
#define SHMEM_AT(name_, size_, pa_)                           \
	{                                                     \
		.name = (name_), .size = (size_), .pa = (pa_) \
	}
#define SHMEM_COLORED(name_, size_, ...)          \
	{                                         \
		.name = (name_), .size = (size_), \
		.colors = COLORS(__VA_ARGS__)     \
	}
/* Map shared memory `shm` at `ipa`; `doorbell` is raised on notify (0: none).
 */
#define IPC(shm, ipa_, doorbell_)                                      \
	{                                                              \
		.shmem = (shm), .ipa = (ipa_), .doorbell = (doorbell_) \
	}
#define IPC_RO(shm, ipa_, doorbell_)                                    \
	{                                                               \
		.shmem = (shm), .ipa = (ipa_), .doorbell = (doorbell_), \
		.flags = VMDESC_IPC_RO                                  \
	}

/* ---- the configuration ---- */
#define VM(...)             \
	{                   \
		__VA_ARGS__ \
	}

/* A whole boot configuration: the board's name, then its VMs. */
#define TESSERA_CONFIG(platform_, ...)                   \
	const struct cfg_config tessera_config = {       \
	    .platform = (platform_),                     \
	    .kind = VMDESC_KIND_PLATFORM,                \
	    .vms = CFG_LIST(struct cfg_vm, __VA_ARGS__), \
	}

/* One VM for the run-time create hypercall, written in its parent's terms. */
#define TESSERA_SINGLE_VM(platform_, vm_)          \
	const struct cfg_config tessera_config = { \
	    .platform = (platform_),               \
	    .kind = VMDESC_KIND_VM,                \
	    .vms = CFG_LIST(struct cfg_vm, vm_),   \
	}

/* Optional, once per file: the shared-memory regions IPC() names. */
#define TESSERA_SHARED_MEMORY(...)              \
	const struct cfg_shmems tessera_shmem = \
	    CFG_LIST(struct cfg_shmem, __VA_ARGS__)

/* Optional: the cache colors the hypervisor keeps for itself. */
#define TESSERA_HYP_COLORS(...) \
	const struct cfg_numbers tessera_hyp_colors = COLORS(__VA_ARGS__)

extern const struct cfg_config tessera_config;
extern const struct cfg_shmems tessera_shmem;
extern const struct cfg_numbers tessera_hyp_colors;

#endif
