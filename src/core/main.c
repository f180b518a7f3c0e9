/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The boot flow, arch-neutral: take ownership of RAM, check the built-in
 * configuration completely, build every VM, then bring up the other CPUs,
 * each of which enters the first vCPU stacked on it.
 */
#include "arch.h"
#include "ipc.h"
#include "mem.h"
#include "platform.h"
#include "tee.h"
#include "vm.h"
#include "vmdesc.h"

#define MAX_RAM_PAGES (4 * GiB / PAGE_SIZE)

/* Linker symbols: only their addresses mean anything. */
extern const char __config_start, __config_end;
static owner_t page_owner[MAX_RAM_PAGES] __attribute__((aligned(8)));

static noreturn void halt(void)
{
	log_info("no VM was started: halting");
	arch_system_off();
}

static void memory_init(const struct platform_desc *p, uint32_t blob_size)
{
	paddr_t base = p->ram[0].base;
	uint64_t hyp = vmdesc_hyp_reserved(p, blob_size);

	mem_pool_init(&hyp_mem, base,
		      MIN(p->ram[0].size / PAGE_SIZE, (uint64_t)MAX_RAM_PAGES),
		      page_owner);
	hyp_mem.colors = MAX(vmdesc_color_count(p), 1u);
	if (mem_claim(&hyp_mem, base, hyp, OWNER_HYP))
		panic("cannot reserve the hypervisor's own memory");
}

/* Where the image is now, read back from the hypervisor's own tables. */
static void hyp_frames_log(size_t pages, size_t released)
{
	struct mem_summary s = {0};
	paddr_t prev = 0;

	for (size_t i = 0; i < pages; i++) {
		paddr_t pa =
		    arch_hyp_pa((const void *)((uintptr_t)&hyp_image_start +
					       (i << PAGE_SHIFT)));

		BUG_ON(mem_owner(&hyp_mem, pa) != OWNER_HYP);
		s.colors |= 1ull << mem_color(&hyp_mem, pa);
		s.runs += i == 0 || pa != prev + PAGE_SIZE;
		prev = pa;
	}
	log_info("hypervisor recolored: image on %zu frames, colors 0x%llx, "
		 "%llu runs; %zu frames released",
		 pages, (unsigned long long)s.colors,
		 (unsigned long long)s.runs, released);
}

/*
 * The hypervisor onto frames of its own cache colors: its image (code, data,
 * stacks, the page-owner table) is copied onto them and mapped at the same
 * addresses, and its page tables come from those colors from now on; the
 * frames it leaves go back to the pool. The configuration blob stays where
 * it is: it is read only when a VM is built or reset.
 */
static void hyp_recolor(uint64_t colors)
{
	size_t size = (uintptr_t)&hyp_image_end - (uintptr_t)&hyp_image_start;
	struct frames f = {0, colors, size >> PAGE_SHIFT};
	uint64_t list_size = ALIGN_UP(f.pages * sizeof(void *), PAGE_SIZE);
	paddr_t list = pool_alloc(list_size, PAGE_SIZE, OWNER_HYP);
	void **to = hva(list);

	pool_set_hyp_colors(colors);
	if (!list || pool_alloc_frames(&f, PAGE_SIZE, OWNER_HYP)) {
		log_info("no free memory of the hypervisor's colors");
		halt();
	}
	for_each_run (&hyp_mem, &f, run)
		for (uint64_t i = 0; i < run.pages; i++)
			to[run.index + i] = hva(run.pa + (i << PAGE_SHIFT));
	arch_hyp_recolor(&f, to);
	BUG_ON(pool_release(list, list_size, OWNER_HYP));
	BUG_ON(pool_release((uintptr_t)&hyp_image_start, size, OWNER_HYP));
	hyp_frames_log(f.pages, f.pages);
}

static const struct vmdesc_header *config_check(const struct platform_desc *p)
{
	const struct vmdesc_header *blob = (const void *)&__config_start;
	uint32_t size =
	    (uint32_t)((uintptr_t)&__config_end - (uintptr_t)&__config_start);
	struct vmdesc_error err;
	char msg[192];

	if (vmdesc_validate(blob, size, p, NULL, &err) == 0)
		return blob;
	vmdesc_error_format(&err, msg, sizeof(msg));
	log_info("configuration rejected: %s", msg);
	halt();
}

static void vms_create(const struct vmdesc_header *blob)
{
	for (unsigned i = 0; i < blob->vms.count; i++) {
		const struct vmdesc_vm *d = vmdesc_vm(blob, i);

		if (vm_create(i, blob, d)) {
			log_info("vm %u (%s) could not be built", i, d->name);
			halt();
		}
		vm_count = i + 1;
		vm_print(&vms[i]);
		if ((d->flags & VMDESC_VM_CONSOLE_INPUT) && d->console &&
		    !console_focus())
			console_set_focus(&vms[i]);
	}
}

void core_boot(void)
{
	const struct platform_desc *p = platform_get_desc();
	const struct vmdesc_header *blob;

	for (unsigned i = 0; i < MAX_CPUS; i++)
		cpus[i].id = i;
	for (unsigned i = 0; i < MAX_VMS; i++)
		vms[i].state = VM_FREE;
	log_info("Tessera hypervisor %s on %s (%s, %u CPUs)", TESSERA_VERSION,
		 p->name, arch_intc_name(), p->cpu_count);
	blob = config_check(p);
	memory_init(p, blob->total_size);
	if (blob->hyp_colors)
		hyp_recolor(blob->hyp_colors);
	if (ipc_init(blob))
		halt();
	vms_create(blob);
	tee_init();
	log_info("%u VM(s) built; %llu MiB of RAM left free", vm_count,
		 (unsigned long long)(hyp_mem.free_pages * PAGE_SIZE / MiB));
	for (unsigned cpu = 1; cpu < p->cpu_count; cpu++)
		if (arch_cpu_start(cpu))
			log_info("CPU %u did not start", cpu);
	/* The boot-time figure: reset to (about) the first guest instruction.
	 */
	log_info("entering the guests %llu us after reset",
		 (unsigned long long)arch_time_us());
}

void core_secondary(void)
{
}
