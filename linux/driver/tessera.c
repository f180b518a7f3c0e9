// SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0
/*
 * tessera.ko: child VMs of a Linux VM running on Tessera (docs/dynamic-vms.md).
 *
 * /dev/tessera turns the hypervisor's VM-stack calls (docs/hypercalls.md)
 * into ioctls (linux/include/tessera-ioctl.h). A child's memory is Linux's
 * own: CREATE allocates it, copies the image in, writes its guest-physical
 * address into the description's regions and asks the hypervisor to build
 * the child; from then on the pages belong to the child (Linux's stage 2 no
 * longer maps them) and stay allocated here until the hypervisor, at
 * DESTROY, has zeroed them and given them back. RUN invokes a child vCPU on
 * the Linux CPU it is stacked on; an interrupt for Linux ends an invoke
 * early, Linux handles it on the way back and the driver invokes again.
 *
 * /dev/tessera-ipcN are the VM's shared-memory links of its device tree
 * (`tessera,shmem` nodes, docs/ipc.md): mmap of the region, read / write in
 * the message mode of <tessera/ipc.h>, poll, and the doorbell.
 *
 * Children belong to the driver, not to an open file: `tessera-vm create`
 * and `tessera-vm run` are separate processes. Unloading the module
 * destroys the children left.
 */
#include <linux/arm-smccc.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/list.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/of_irq.h>
#include <linux/overflow.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/uaccess.h>

#include <asm/cputype.h>

#include <tessera/hypercall.h>
#include <tessera/ipc.h>
#include <tessera/vmdesc.h>

#include "tessera-ioctl.h"

static unsigned int max_child_mib = 64;
module_param(max_child_mib, uint, 0444);
MODULE_PARM_DESC(max_child_mib, "largest child memory in MiB (default 64)");

/* One allocation is at most this (the buddy allocator's largest block). */
#define CHUNK_MAX (PAGE_SIZE << MAX_PAGE_ORDER)
/* Smallest piece tried when a larger contiguous block cannot be had. */
#define CHUNK_MIN    (64 * 1024UL)
#define MAX_VCPU_IDS 64

/* ---- hypercalls ---- */

struct hc_ret {
	long status; /* HS_* */
	unsigned long v[4];
};

/* The instruction Linux's firmware description names for SMCCC calls. */
static bool conduit_smc;

#define HC_ASM(insn)                                                       \
	asm volatile(insn                                                  \
		     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4),   \
		       "+r"(x5)                                            \
		     :                                                     \
		     : "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", \
		       "x14", "x15", "x16", "x17", "memory")

/*
 * One Tessera call: an SMCCC fast SMC64 call in the vendor hypervisor range,
 * function id in x0, arguments in x1..x3, status back in x0 and results in
 * x1..x4 (MEASURE uses all four); x6..x17 are declared clobbered too, to
 * be safe whatever the callee. Tessera answers on both conduits (an SMC traps
 * to it); the driver uses the one Linux's PSCI node names, as Linux does.
 */
static struct hc_ret hc(unsigned int fn, unsigned long a1, unsigned long a2,
			unsigned long a3)
{
	register unsigned long x0 asm("x0") = TESSERA_SMCCC_FN(fn);
	register unsigned long x1 asm("x1") = a1;
	register unsigned long x2 asm("x2") = a2;
	register unsigned long x3 asm("x3") = a3;
	register unsigned long x4 asm("x4") = 0;
	register unsigned long x5 asm("x5") = 0;

	if (conduit_smc)
		HC_ASM("smc #0");
	else
		HC_ASM("hvc #0");
	/* The status is a 32-bit signed value in either convention. */
	return (struct hc_ret){(long)(int)x0, {x1, x2, x3, x4}};
}

static int hs_errno(long status)
{
	switch (status) {
	case HS_OK:
		return 0;
	case HS_NOT_SUPPORTED:
		return -EOPNOTSUPP;
	case HS_INVALID:
		return -EINVAL;
	case HS_DENIED:
		return -EPERM;
	case HS_NO_MEMORY:
		return -ENOSPC;
	case HS_BUSY:
		return -EBUSY;
	case HS_NOT_FOUND:
		return -ENOENT;
	case HS_BAD_DESC:
		return -ENOEXEC;
	default:
		return -EIO;
	}
}

/* ---- this VM ---- */

static u64 self_vm_id;
static unsigned int self_vcpus;
/* The Linux CPU running on each of this VM's vCPUs, -1 if none. */
static int cpu_of_vcpu[MAX_VCPU_IDS];

static void vcpu_id_here(void *arg)
{
	struct hc_ret r = hc(HC_VM_INFO, 0, 0, 0);

	*(long *)arg = r.status ? -1 : (long)r.v[1];
}

static void vcpu_map_build(void)
{
	int cpu;

	for (int i = 0; i < MAX_VCPU_IDS; i++)
		cpu_of_vcpu[i] = -1;
	cpus_read_lock();
	for_each_online_cpu(cpu)
	{
		long vcpu = -1;

		if (smp_call_function_single(cpu, vcpu_id_here, &vcpu, 1) ||
		    vcpu < 0 || vcpu >= MAX_VCPU_IDS)
			continue;
		cpu_of_vcpu[vcpu] = cpu;
	}
	cpus_read_unlock();
}

/* ---- children ---- */

struct chunk {
	void *va;
	size_t size;
};

struct child {
	struct list_head node;
	u64 id;
	char name[VMDESC_NAME_MAX];
	u32 vcpus;
	u64 affinity; /* our vCPUs its vCPUs are stacked on, in order */
	struct chunk chunks[VMDESC_MAX_REGIONS];
	unsigned int nchunks;
	u64 mem_size;
	bool running; /* a RUN is using it: DESTROY waits for it */
	bool stopped;
	u64 runs, last_value;
};

static LIST_HEAD(children);
/* Guards the list and every child's fields; held across CREATE / DESTROY. */
static DEFINE_MUTEX(children_lock);

static struct child *child_find(u64 id)
{
	struct child *c;

	list_for_each_entry(c, &children, node) if (c->id == id) return c;
	return NULL;
}

static void chunks_free(struct chunk *chunks, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		free_pages_exact(chunks[i].va, chunks[i].size);
}

/*
 * Clean and invalidate to the point of coherency: the child may start with
 * its MMU (and so its caches) off and must find the image in memory, and no
 * dirty line of Linux's may be written back over what the child wrote.
 */
static void dcache_clean_inval(void *va, size_t size)
{
	unsigned long line = 4UL << ((read_cpuid_cachetype() >> 16) & 0xf);
	unsigned long p = (unsigned long)va & ~(line - 1);
	unsigned long end = (unsigned long)va + size;

	for (; p < end; p += line)
		asm volatile("dc civac, %0" : : "r"(p) : "memory");
	asm volatile("dsb sy" : : : "memory");
}

/* ---- the description ---- */

/* The bytes [off, off + size) lie inside a blob of `total` bytes. */
static bool in_blob(u64 off, u64 size, u64 total)
{
	return off <= total && size <= total - off;
}

/* A (count, offset) array of `elem`-byte records inside the blob. */
static void *blob_array(void *blob, u32 total, const struct vmdesc_array *a,
			size_t elem, u32 max)
{
	if (!a->count)
		return NULL;
	if (a->count > max || a->offset % VMDESC_ALIGN ||
	    a->offset < sizeof(struct vmdesc_header) ||
	    !in_blob(a->offset, (u64)a->count * elem, total))
		return ERR_PTR(-EINVAL);
	return (u8 *)blob + a->offset;
}

struct desc_view {
	struct vmdesc_header *h;
	struct vmdesc_vm *vm;
	struct vmdesc_region *regions;
	struct vmdesc_image *image; /* the in-place image the user's goes to */
	u64 mem_size;
};

/*
 * Enough of the hypervisor's checks to index the blob safely and to know
 * what to allocate; the hypervisor validates everything again.
 */
static int desc_parse(void *blob, u32 size, struct desc_view *d)
{
	struct vmdesc_image *images;
	u32 total;

	memset(d, 0, sizeof(*d));
	d->h = blob;
	if (d->h->magic != VMDESC_MAGIC || d->h->version != VMDESC_VERSION ||
	    d->h->kind != VMDESC_KIND_VM)
		return -ENOEXEC;
	total = d->h->total_size;
	if (total < sizeof(*d->h) || total > size)
		return -EINVAL;
	if (d->h->vms.count != 1)
		return -ENOEXEC;
	d->vm = blob_array(blob, total, &d->h->vms, sizeof(*d->vm), 1);
	if (IS_ERR(d->vm))
		return PTR_ERR(d->vm);
	d->regions = blob_array(blob, total, &d->vm->regions,
				sizeof(*d->regions), VMDESC_MAX_REGIONS);
	if (IS_ERR_OR_NULL(d->regions))
		return d->regions ? PTR_ERR(d->regions) : -EINVAL;
	images = blob_array(blob, total, &d->vm->images, sizeof(*images),
			    VMDESC_MAX_IMAGES);
	if (IS_ERR(images))
		return PTR_ERR(images);
	if (!d->vm->vcpus || d->vm->vcpus > MAX_VCPU_IDS ||
	    hweight64(d->vm->cpu_affinity) != d->vm->vcpus)
		return -EINVAL;
	for (u32 i = 0; i < d->vm->regions.count; i++) {
		const struct vmdesc_region *r = &d->regions[i];

		/* Memory comes from us: fixed, at a pa we fill in. */
		if (!(r->flags & VMDESC_MEM_FIXED_PA) || r->pa || !r->size ||
		    !PAGE_ALIGNED(r->size) || !PAGE_ALIGNED(r->ipa) ||
		    r->ipa + r->size < r->ipa)
			return -EINVAL;
		if (check_add_overflow(d->mem_size, r->size, &d->mem_size))
			return -E2BIG;
	}
	if (d->mem_size > (u64)max_child_mib << 20)
		return -E2BIG;
	for (u32 i = 0; images && i < d->vm->images.count; i++)
		if (images[i].source == VMDESC_IMAGE_IN_PLACE) {
			d->image = &images[i];
			break;
		}
	return 0;
}

/* Where guest-physical `ipa` of the child is in our chunks, or NULL. */
static u8 *child_addr(const struct desc_view *d, const struct chunk *chunks,
		      u64 ipa)
{
	for (u32 i = 0; i < d->vm->regions.count; i++) {
		const struct vmdesc_region *r = &d->regions[i];

		if (ipa >= r->ipa && ipa - r->ipa < r->size)
			return (u8 *)chunks[i].va + (ipa - r->ipa);
	}
	return NULL;
}

/*
 * Give every region memory. A region larger than one allocation can give is
 * split into regions back to back in the child's address space (each
 * physically contiguous); the new region array goes at the end of the
 * blob. Returns the blob's new size, or a negative errno.
 */
static long memory_give(void *blob, struct desc_view *d, struct chunk *chunks,
			unsigned int *nchunks)
{
	struct vmdesc_region out[VMDESC_MAX_REGIONS];
	unsigned int n = 0;
	u32 total = d->h->total_size;

	for (u32 i = 0; i < d->vm->regions.count; i++) {
		const struct vmdesc_region *r = &d->regions[i];
		u64 done = 0;

		while (done < r->size) {
			size_t want = min_t(u64, r->size - done, CHUNK_MAX);
			void *va = NULL;

			if (n == VMDESC_MAX_REGIONS)
				goto nomem;
			for (;;) {
				va = alloc_pages_exact(want, GFP_KERNEL |
								 __GFP_ZERO |
								 __GFP_NOWARN);
				if (va || want <= CHUNK_MIN)
					break;
				want = max_t(size_t, PAGE_ALIGN(want / 2),
					     CHUNK_MIN);
			}
			if (!va)
				goto nomem;
			chunks[n] = (struct chunk){va, want};
			out[n] = *r;
			out[n].ipa = r->ipa + done;
			out[n].size = want;
			out[n].pa = virt_to_phys(va);
			n++;
			done += want;
		}
	}
	*nchunks = n;
	if (n == d->vm->regions.count) {
		memcpy(d->regions, out, n * sizeof(out[0]));
		return total;
	}
	/* Split: a new region array after everything else. */
	total = ALIGN(total, VMDESC_ALIGN);
	if (total + n * sizeof(out[0]) > TESSERA_DESC_MAX) {
		chunks_free(chunks, n);
		*nchunks = 0;
		return -E2BIG;
	}
	memcpy((u8 *)blob + total, out, n * sizeof(out[0]));
	d->vm->regions.count = n;
	d->vm->regions.offset = total;
	d->regions = (struct vmdesc_region *)((u8 *)blob + total);
	total += n * sizeof(out[0]);
	d->h->total_size = total;
	return total;
nomem:
	chunks_free(chunks, n);
	*nchunks = 0;
	return -ENOMEM;
}

/* Copy the user's image to the in-place image's guest-physical address. */
static int image_copy(const struct desc_view *d, const struct chunk *chunks,
		      const void __user *src, u64 size)
{
	u64 ipa, done = 0;

	if (!size)
		return 0;
	if (!d->image)
		return -EINVAL; /* nowhere to put it */
	if (size > d->image->size)
		return -EFBIG;
	ipa = d->image->ipa;
	while (done < size) {
		u8 *dst = child_addr(d, chunks, ipa + done);
		u64 n = min_t(u64, size - done,
			      PAGE_SIZE - ((ipa + done) & (PAGE_SIZE - 1)));

		if (!dst)
			return -EINVAL; /* the image is not in its memory */
		if (copy_from_user(dst, (const u8 __user *)src + done, n))
			return -EFAULT;
		done += n;
		cond_resched();
	}
	return 0;
}

/* ---- ioctls ---- */

static long ioc_create(struct tessera_create __user *uarg)
{
	struct tessera_create a;
	struct desc_view d;
	struct child *c = NULL;
	void *blob = NULL;
	struct hc_ret r = {0};
	long size;
	int err;

	if (copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	if (a.flags || a.desc_size < sizeof(struct vmdesc_header) ||
	    a.desc_size > TESSERA_DESC_MAX)
		return -EINVAL;
	/* Room for a split region array after the user's bytes. */
	blob = kzalloc(TESSERA_DESC_MAX, GFP_KERNEL);
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!blob || !c) {
		err = -ENOMEM;
		goto out;
	}
	if (copy_from_user(blob, u64_to_user_ptr(a.desc), a.desc_size)) {
		err = -EFAULT;
		goto out;
	}
	err = desc_parse(blob, a.desc_size, &d);
	if (err)
		goto out;

	mutex_lock(&children_lock);
	size = memory_give(blob, &d, c->chunks, &c->nchunks);
	if (size < 0) {
		err = (int)size;
		goto unlock;
	}
	err = image_copy(&d, c->chunks, u64_to_user_ptr(a.image), a.image_size);
	if (err)
		goto free;
	for (unsigned int i = 0; i < c->nchunks; i++)
		dcache_clean_inval(c->chunks[i].va, c->chunks[i].size);
	r = hc(HC_VM_CREATE, virt_to_phys(blob), (unsigned long)size, 0);
	err = hs_errno(r.status);
	if (err)
		goto free; /* the hypervisor changed nothing */

	c->id = r.v[0];
	memcpy(c->name, d.vm->name, sizeof(c->name));
	c->name[sizeof(c->name) - 1] = 0;
	c->vcpus = d.vm->vcpus;
	c->affinity = d.vm->cpu_affinity;
	c->mem_size = d.mem_size;
	list_add_tail(&c->node, &children);
	mutex_unlock(&children_lock);
	a.id = c->id;
	a.mem_size = c->mem_size;
	a.regions = c->nchunks;
	a.hs_status = (s32)r.status;
	c = NULL;
	err = copy_to_user(uarg, &a, sizeof(a)) ? -EFAULT : 0;
	goto out;
free:
	chunks_free(c->chunks, c->nchunks);
unlock:
	mutex_unlock(&children_lock);
	a.hs_status = (s32)r.status;
	if (r.status && copy_to_user(uarg, &a, sizeof(a)))
		err = -EFAULT;
out:
	kfree(c);
	kfree(blob);
	return err;
}

/* The Linux CPU hosting vCPU `vcpu` of the child: the vcpu-th affinity bit. */
static int host_cpu(const struct child *c, u32 vcpu)
{
	u64 aff = c->affinity;
	unsigned int host;

	if (vcpu >= c->vcpus)
		return -EINVAL;
	while (vcpu--)
		aff &= aff - 1;
	host = __ffs64(aff);
	if (host >= MAX_VCPU_IDS || cpu_of_vcpu[host] < 0 ||
	    !cpu_online(cpu_of_vcpu[host]))
		return -ENXIO;
	return cpu_of_vcpu[host];
}

static long ioc_run(struct tessera_run __user *uarg)
{
	struct tessera_run a;
	cpumask_var_t saved;
	struct child *c;
	struct hc_ret r = {0};
	int cpu = -1, err;

	if (copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	a.interrupts = 0;
	a.value = 0;
	if (!alloc_cpumask_var(&saved, GFP_KERNEL))
		return -ENOMEM;
	mutex_lock(&children_lock);
	c = child_find(a.id);
	if (!c) {
		err = -ENOENT;
	} else if (c->running) {
		err = -EBUSY;
	} else {
		cpu = host_cpu(c, a.vcpu);
		err = cpu < 0 ? cpu : 0;
		if (!err)
			c->running = true;
	}
	mutex_unlock(&children_lock);
	if (err)
		goto out_mask;

	/* Invokes must come from the vCPU the child is stacked on. */
	cpumask_copy(saved, current->cpus_ptr);
	err = set_cpus_allowed_ptr(current, cpumask_of(cpu));
	if (err)
		goto out_child;
	for (;;) {
		r = hc(HC_VM_INVOKE, a.id, a.vcpu, 0);
		err = hs_errno(r.status);
		if (err || r.v[0] != HC_INVOKE_INTERRUPTED)
			break;
		/* Linux took its interrupt on the way back here. */
		a.interrupts++;
		if (signal_pending(current)) {
			err = -EINTR;
			break;
		}
		cond_resched();
	}
	set_cpus_allowed_ptr(current, saved);
	if (!err) {
		switch (r.v[0]) {
		case HC_INVOKE_YIELDED:
			a.value = r.v[1];
			break;
		case HC_INVOKE_STOPPED:
		case HC_INVOKE_VCPU_OFF:
			break;
		default:
			err = -EPROTO;
		}
		a.end = (u32)r.v[0];
	}
out_child:
	mutex_lock(&children_lock);
	c->running = false;
	if (!err && a.end == HC_INVOKE_YIELDED) {
		c->runs++;
		c->last_value = a.value;
	}
	if (!err && a.end == HC_INVOKE_STOPPED)
		c->stopped = true;
	mutex_unlock(&children_lock);
	a.cpu = cpu;
out_mask:
	free_cpumask_var(saved);
	a.hs_status = (s32)r.status;
	if (copy_to_user(uarg, &a, sizeof(a)) && !err)
		err = -EFAULT;
	return err;
}

/* Destroy through the hypervisor; the memory is ours again only on HS_OK. */
static long child_destroy(struct child *c, long *status)
{
	struct hc_ret r = hc(HC_VM_DESTROY, c->id, 0, 0);

	*status = r.status;
	if (r.status)
		return hs_errno(r.status);
	chunks_free(c->chunks, c->nchunks);
	list_del(&c->node);
	kfree(c);
	return 0;
}

static long ioc_destroy(struct tessera_destroy __user *uarg)
{
	struct tessera_destroy a;
	struct child *c;
	long status = 0;
	int err;

	if (copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	mutex_lock(&children_lock);
	c = child_find(a.id);
	if (!c)
		err = -ENOENT;
	else if (c->running)
		err = -EBUSY;
	else
		err = child_destroy(c, &status);
	mutex_unlock(&children_lock);
	a.hs_status = (s32)status;
	if (copy_to_user(uarg, &a, sizeof(a)) && !err)
		err = -EFAULT;
	return err;
}

static long ioc_measure(struct tessera_measure __user *uarg)
{
	struct tessera_measure a;
	struct hc_ret r = {0};
	int err;

	if (copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	memset(a.digest, 0, sizeof(a.digest));
	mutex_lock(&children_lock);
	if (!child_find(a.id)) {
		err = -ENOENT;
	} else {
		r = hc(HC_VM_MEASURE, a.id, 0, 0);
		err = hs_errno(r.status);
	}
	mutex_unlock(&children_lock);
	/* Byte i of the digest is byte i % 8 of x(1 + i / 8). */
	for (unsigned int i = 0; !err && i < TESSERA_DIGEST_LEN; i++)
		a.digest[i] = (u8)(r.v[i / 8] >> (8 * (i % 8)));
	a.hs_status = (s32)r.status;
	if (copy_to_user(uarg, &a, sizeof(a)) && !err)
		err = -EFAULT;
	return err;
}

static void child_info(const struct child *c, struct tessera_child_info *i)
{
	memset(i, 0, sizeof(*i));
	i->id = c->id;
	memcpy(i->name, c->name, sizeof(i->name));
	i->mem_size = c->mem_size;
	i->mem_pa = c->nchunks ? virt_to_phys(c->chunks[0].va) : 0;
	i->runs = c->runs;
	i->last_value = c->last_value;
	i->vcpus = c->vcpus;
	i->regions = c->nchunks;
	i->state = c->running	? TESSERA_CHILD_RUNNING
		   : c->stopped ? TESSERA_CHILD_STOPPED
				: TESSERA_CHILD_READY;
}

static long ioc_info(struct tessera_child_info __user *uarg)
{
	struct tessera_child_info a;
	struct child *c;
	u64 id;

	if (get_user(id, &uarg->id))
		return -EFAULT;
	mutex_lock(&children_lock);
	c = child_find(id);
	if (c)
		child_info(c, &a);
	mutex_unlock(&children_lock);
	if (!c)
		return -ENOENT;
	return copy_to_user(uarg, &a, sizeof(a)) ? -EFAULT : 0;
}

static long ioc_list(struct tessera_list __user *uarg)
{
	struct tessera_list a;
	struct tessera_child_info *out;
	struct child *c;
	u32 n = 0, max;
	int err = 0;

	if (copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	max = min_t(u32, a.max, 4096);
	out = max ? kvcalloc(max, sizeof(*out), GFP_KERNEL) : NULL;
	if (max && !out)
		return -ENOMEM;
	mutex_lock(&children_lock);
	list_for_each_entry(c, &children, node)
	{
		if (n < max)
			child_info(c, &out[n]);
		n++;
	}
	mutex_unlock(&children_lock);
	a.count = n;
	if (copy_to_user(u64_to_user_ptr(a.children), out,
			 (size_t)min(n, max) * sizeof(*out)) ||
	    copy_to_user(uarg, &a, sizeof(a)))
		err = -EFAULT;
	kvfree(out);
	return err;
}

static long ioc_stats(struct tessera_stats __user *uarg)
{
	struct tessera_stats a = {0};
	struct hc_ret r = hc(HC_HYP_STATS, 0, 0, 0);
	struct child *c;

	a.hs_status = (s32)r.status;
	if (!r.status) {
		a.free_pages = r.v[0];
		a.vms = r.v[1];
	}
	a.vm_id = self_vm_id;
	a.vcpus = self_vcpus;
	mutex_lock(&children_lock);
	list_for_each_entry(c, &children, node)
	{
		a.children++;
		a.child_bytes += c->mem_size;
	}
	mutex_unlock(&children_lock);
	if (copy_to_user(uarg, &a, sizeof(a)))
		return -EFAULT;
	return hs_errno(r.status);
}

static long tessera_ioctl(struct file *file, unsigned int cmd,
			  unsigned long arg)
{
	void __user *p = (void __user *)arg;

	switch (cmd) {
	case TESSERA_IOC_CREATE:
		return ioc_create(p);
	case TESSERA_IOC_RUN:
		return ioc_run(p);
	case TESSERA_IOC_DESTROY:
		return ioc_destroy(p);
	case TESSERA_IOC_MEASURE:
		return ioc_measure(p);
	case TESSERA_IOC_INFO:
		return ioc_info(p);
	case TESSERA_IOC_LIST:
		return ioc_list(p);
	case TESSERA_IOC_STATS:
		return ioc_stats(p);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations tessera_fops = {
    .owner = THIS_MODULE,
    .unlocked_ioctl = tessera_ioctl,
    .compat_ioctl = compat_ptr_ioctl,
    .llseek = noop_llseek,
};

static struct miscdevice tessera_dev = {
    .minor = MISC_DYNAMIC_MINOR,
    .name = "tessera",
    .fops = &tessera_fops,
    .mode = 0600,
};

/* ---- IPC channels: /dev/tessera-ipcN (docs/ipc.md) ---- */

#define POLL_JIFFIES (HZ / 100) /* a peer without a doorbell is polled */

/* One shared-memory link of this VM, from its `tessera,shmem` node. */
struct ipc_chan {
	struct miscdevice dev;
	char name[24];
	u32 link; /* tessera,ipc: HC_IPC_NOTIFY's link number */
	u32 side; /* tessera,side: our mailbox in the message mode */
	bool read_only;
	phys_addr_t base;
	size_t size;
	struct tessera_ipc_page *page; /* the region, mapped write-back */
	int irq;		       /* the doorbell, 0 if none */
	atomic_t doorbells;
	wait_queue_head_t wq;
	struct mutex read_lock, write_lock;
	u32 read_pos; /* bytes of the waiting message already read */
};

/* An open file: the doorbells it has seen through poll. */
struct ipc_file {
	struct ipc_chan *chan;
	int seen;
};

static struct ipc_chan *chans[VMDESC_MAX_IPCS];
static unsigned int nchans;

static irqreturn_t ipc_doorbell(int irq, void *arg)
{
	struct ipc_chan *c = arg;

	atomic_inc(&c->doorbells);
	wake_up_interruptible(&c->wq);
	return IRQ_HANDLED;
}

/* The message mode has two mailboxes: the region's first two VMs'. */
static bool msg_mode(const struct ipc_chan *c)
{
	return c->side < 2;
}

static struct tessera_ipc_box *box_in(struct ipc_chan *c)
{
	return &c->page->box[!c->side];
}

static struct tessera_ipc_box *box_out(struct ipc_chan *c)
{
	return &c->page->box[c->side];
}

static bool msg_waiting(struct ipc_chan *c)
{
	struct tessera_ipc_box *b = box_in(c);

	return smp_load_acquire(&b->seq) != READ_ONCE(b->ack);
}

static bool box_free(struct ipc_chan *c)
{
	struct tessera_ipc_box *b = box_out(c);

	return smp_load_acquire(&b->ack) == READ_ONCE(b->seq);
}

static long ipc_ring(struct ipc_chan *c)
{
	struct hc_ret r = hc(HC_IPC_NOTIFY, c->link, HC_IPC_PEERS, 0);

	return r.status ? hs_errno(r.status) : (long)r.v[0];
}

/* Woken by the doorbell; polls too, since a peer may have none. */
static int ipc_wait(struct ipc_chan *c, struct file *f,
		    bool (*ready)(struct ipc_chan *))
{
	while (!ready(c)) {
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible_timeout(c->wq, ready(c),
						     POLL_JIFFIES) < 0)
			return -ERESTARTSYS;
	}
	return 0;
}

static struct ipc_chan *chan_of(struct file *f)
{
	return ((struct ipc_file *)f->private_data)->chan;
}

/* A byte stream over the peer's messages: one is taken once read whole. */
static ssize_t ipc_read(struct file *f, char __user *buf, size_t count,
			loff_t *off)
{
	struct ipc_chan *c = chan_of(f);
	struct tessera_ipc_box *b;
	u32 seq, len, n;
	int err;

	if (!msg_mode(c))
		return -EOPNOTSUPP;
	if (mutex_lock_interruptible(&c->read_lock))
		return -ERESTARTSYS;
	err = ipc_wait(c, f, msg_waiting);
	if (err)
		goto out;
	b = box_in(c);
	seq = smp_load_acquire(&b->seq);
	/* The peer's numbers are not trusted to stay in the page. */
	len = min_t(u32, READ_ONCE(b->len), TESSERA_IPC_MSG_MAX);
	c->read_pos = min(c->read_pos, len);
	n = min_t(size_t, count, len - c->read_pos);
	if (copy_to_user(buf, b->data + c->read_pos, n)) {
		err = -EFAULT;
		goto out;
	}
	c->read_pos += n;
	if (c->read_pos == len) {
		c->read_pos = 0;
		smp_store_release(&b->ack, seq);
	}
	err = (int)n;
out:
	mutex_unlock(&c->read_lock);
	return err;
}

/* One write, one message: it waits for the peer to take the last one. */
static ssize_t ipc_write(struct file *f, const char __user *buf, size_t count,
			 loff_t *off)
{
	struct ipc_chan *c = chan_of(f);
	struct tessera_ipc_box *b = box_out(c);
	long err;

	if (!msg_mode(c))
		return -EOPNOTSUPP;
	if (c->read_only)
		return -EPERM;
	if (count > TESSERA_IPC_MSG_MAX)
		return -EMSGSIZE;
	if (mutex_lock_interruptible(&c->write_lock))
		return -ERESTARTSYS;
	err = ipc_wait(c, f, box_free);
	if (!err && copy_from_user(b->data, buf, count))
		err = -EFAULT;
	if (!err) {
		WRITE_ONCE(b->len, (u32)count);
		smp_store_release(&b->seq, READ_ONCE(b->seq) + 1);
		err = ipc_ring(c);
	}
	mutex_unlock(&c->write_lock);
	return err < 0 ? err : (ssize_t)count;
}

/* POLLPRI: a doorbell rang since this file's last poll. */
static __poll_t ipc_poll(struct file *f, poll_table *wait)
{
	struct ipc_file *pf = f->private_data;
	struct ipc_chan *c = pf->chan;
	int rung = atomic_read(&c->doorbells);
	__poll_t mask = 0;

	poll_wait(f, &c->wq, wait);
	if (msg_mode(c) && msg_waiting(c))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (msg_mode(c) && !c->read_only && box_free(c))
		mask |= EPOLLOUT | EPOLLWRNORM;
	if (rung != pf->seen)
		mask |= EPOLLPRI;
	pf->seen = rung;
	return mask;
}

static int ipc_mmap(struct file *f, struct vm_area_struct *vma)
{
	struct ipc_chan *c = chan_of(f);
	unsigned long len = vma->vm_end - vma->vm_start;
	unsigned long pages = c->size >> PAGE_SHIFT;

	if (vma->vm_pgoff >= pages || len > (pages - vma->vm_pgoff)
						<< PAGE_SHIFT)
		return -EINVAL;
	if (c->read_only) {
		if (vma->vm_flags & VM_WRITE)
			return -EPERM;
		vm_flags_clear(vma, VM_MAYWRITE);
	}
	return remap_pfn_range(vma, vma->vm_start,
			       PHYS_PFN(c->base) + vma->vm_pgoff, len,
			       vma->vm_page_prot);
}

static long ipc_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	if (cmd != TESSERA_IOC_IPC_NOTIFY)
		return -ENOTTY;
	return ipc_ring(chan_of(f));
}

static int ipc_open(struct inode *inode, struct file *f)
{
	struct ipc_file *pf = kzalloc(sizeof(*pf), GFP_KERNEL);

	if (!pf)
		return -ENOMEM;
	/* misc_open left our miscdevice here. */
	pf->chan = container_of(f->private_data, struct ipc_chan, dev);
	pf->seen = atomic_read(&pf->chan->doorbells);
	f->private_data = pf;
	return 0;
}

static int ipc_release(struct inode *inode, struct file *f)
{
	kfree(f->private_data);
	return 0;
}

static const struct file_operations ipc_fops = {
    .owner = THIS_MODULE,
    .open = ipc_open,
    .release = ipc_release,
    .read = ipc_read,
    .write = ipc_write,
    .poll = ipc_poll,
    .mmap = ipc_mmap,
    .unlocked_ioctl = ipc_ioctl,
    .compat_ioctl = compat_ptr_ioctl,
    .llseek = noop_llseek,
};

static void ipc_chan_free(struct ipc_chan *c)
{
	if (c->irq)
		free_irq(c->irq, c);
	if (c->page)
		memunmap(c->page);
	kfree(c);
}

static int ipc_chan_setup(struct ipc_chan *c, struct device_node *np)
{
	struct resource res;
	int err;

	if (of_address_to_resource(np, 0, &res) ||
	    of_property_read_u32(np, "tessera,ipc", &c->link) ||
	    of_property_read_u32(np, "tessera,side", &c->side))
		return -EINVAL;
	c->base = res.start;
	c->size = resource_size(&res);
	if (c->size < sizeof(struct tessera_ipc_page))
		return -EINVAL;
	c->read_only = of_property_read_bool(np, "tessera,read-only");
	c->page = memremap(c->base, c->size, MEMREMAP_WB);
	if (!c->page)
		return -ENOMEM;
	snprintf(c->name, sizeof(c->name), "tessera-ipc%u", c->link);
	c->irq = irq_of_parse_and_map(np, 0);
	if (c->irq) {
		err = request_irq(c->irq, ipc_doorbell, 0, c->name, c);
		if (err) {
			c->irq = 0;
			return err;
		}
	}
	c->dev = (struct miscdevice){.minor = MISC_DYNAMIC_MINOR,
				     .name = c->name,
				     .fops = &ipc_fops,
				     .mode = 0600};
	return misc_register(&c->dev);
}

static void ipc_chan_add(struct device_node *np)
{
	struct ipc_chan *c = kzalloc(sizeof(*c), GFP_KERNEL);
	int err = c ? 0 : -ENOMEM;

	if (c) {
		init_waitqueue_head(&c->wq);
		mutex_init(&c->read_lock);
		mutex_init(&c->write_lock);
		err = ipc_chan_setup(c, np);
	}
	if (err) {
		pr_err("tessera: %pOF: no channel (%d)\n", np, err);
		if (c)
			ipc_chan_free(c);
		return;
	}
	chans[nchans++] = c;
	pr_info("tessera: /dev/%s: %zu KiB at %pa, side %u%s, doorbell irq "
		"%d\n",
		c->name, c->size / 1024, &c->base, c->side,
		c->read_only ? ", read-only" : "", c->irq);
}

static void ipc_chans_add(void)
{
	struct device_node *np;

	for_each_compatible_node(np, NULL, "tessera,shmem")
	{
		if (nchans == ARRAY_SIZE(chans)) {
			of_node_put(np);
			break;
		}
		ipc_chan_add(np);
	}
}

static void ipc_chans_remove(void)
{
	while (nchans) {
		struct ipc_chan *c = chans[--nchans];

		misc_deregister(&c->dev);
		ipc_chan_free(c);
	}
}

/*
 * gcc 12 has no -fmin-function-alignment and its -falign-functions skips cold
 * functions such as __init and __exit ones; ftrace's call ops need every
 * function 8-byte aligned (docs/dynamic-vms.md, "Building the module").
 */
static int __init __aligned(8) tessera_init(void)
{
	struct hc_ret r;
	int err;

	/*
	 * Only a conduit Linux found working (SMCCC 1.1 through PSCI): an HVC
	 * with nothing at EL2 to take it would be undefined.
	 */
	switch (arm_smccc_1_1_get_conduit()) {
	case SMCCC_CONDUIT_HVC:
		conduit_smc = false;
		break;
	case SMCCC_CONDUIT_SMC:
		conduit_smc = true;
		break;
	default:
		pr_err("tessera: no SMCCC 1.1 conduit (PSCI) to call a "
		       "hypervisor with\n");
		return -ENODEV;
	}
	r = hc(HC_VM_INFO, 0, 0, 0);
	if (r.status) {
		pr_err("tessera: no Tessera hypervisor (HC_VM_INFO: %ld)\n",
		       r.status);
		return -ENODEV;
	}
	self_vm_id = r.v[0];
	self_vcpus = (unsigned int)r.v[2];
	vcpu_map_build();
	err = misc_register(&tessera_dev);
	if (err)
		return err;
	ipc_chans_add();
	pr_info("tessera: VM %llu with %u vCPUs (%s conduit); /dev/tessera "
		"ready, children up to %u MiB\n",
		self_vm_id, self_vcpus, conduit_smc ? "SMC" : "HVC",
		max_child_mib);
	return 0;
}

static void __exit __aligned(8) tessera_exit(void)
{
	struct child *c, *next;

	ipc_chans_remove();
	misc_deregister(&tessera_dev);
	/* No file is open any more, so no RUN is in progress. */
	mutex_lock(&children_lock);
	list_for_each_entry_safe(c, next, &children, node)
	{
		long status;

		if (child_destroy(c, &status))
			/* Still the child's: those pages must never be reused.
			 */
			pr_err("tessera: child %llu not destroyed (%ld); its "
			       "%llu bytes stay allocated\n",
			       c->id, status, c->mem_size);
	}
	mutex_unlock(&children_lock);
}

module_init(tessera_init);
module_exit(tessera_exit);
MODULE_DESCRIPTION("Tessera child VMs (/dev/tessera) and IPC channels");
MODULE_LICENSE("GPL and additional rights"); /* GPL-2.0 OR Apache-2.0 */
