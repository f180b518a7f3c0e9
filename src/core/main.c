/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The boot flow, arch-neutral: take ownership of RAM, check the built-in
 * configuration completely, build every VM, then bring up the other CPUs,
 * each of which enters the first vCPU stacked on it.
 */
#include "arch.h"
#include "mem.h"
#include "platform.h"
#include "tee.h"
#include "vm.h"
#include "vmdesc.h"

#define MAX_RAM_PAGES (4 * GiB / PAGE_SIZE)

extern const char __config_start[], __config_end[];
static owner_t page_owner[MAX_RAM_PAGES];

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

static const struct vmdesc_header *config_check(const struct platform_desc *p)
{
	const struct vmdesc_header *blob = (const void *)__config_start;
	uint32_t size =
	    (uint32_t)((uintptr_t)__config_end - (uintptr_t)__config_start);
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
