// SPDX-License-Identifier: GPL-2.0-only
/*
 * sdi8k video buffer memory: a videobuf2 allocator with one property
 * vb2_dma_sg lacks, and which a card that can leave the bus needs.
 *
 * A buffer's mapping for the card (its IOMMU entries) ends when the card
 * goes, not when the last user of the buffer lets go. A capture client
 * may keep a buffer mmapped, or exported as a DMABUF, for as long as it
 * likes after a hot unplug; by then the PCI core has released the
 * function's IOMMU group, and unmapping through it dereferences NULL
 * (seen with vb2_dma_sg on Linux 6.12 with an IOMMU: __iommu_dma_unmap
 * from the client's munmap). Here sdi8k_card_unregister() calls
 * sdi8k_vb2_owner_detach(), which unmaps every buffer still alive while
 * the device is whole; the pages live on until their last user is done.
 *
 * Memory: MMAP (pages from the page allocator, as large as it gives
 * them, mapped for the card as one scatter-gather table), exported as
 * DMABUF (VIDIOC_EXPBUF), and imported DMABUF (whose attachment vb2
 * detaches when the queue is released, which unregistering does before
 * the detach). No USERPTR.
 */

#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/refcount.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <media/videobuf2-memops.h>
#include <media/videobuf2-v4l2.h>

#include "sdi8k.h"
#include "sdi8k-compat.h"

SDI8K_IMPORT_NS_DMA_BUF;

/**
 * struct sdi8k_vb2_owner - the buffers mapped for one card's device
 * @kref: one reference for the card, one for each buffer it allocated
 * @lock: protects @bufs, @dev and each buffer's @dev and @node
 * @bufs: the buffers mapped for @dev (sdi8k_vb2_buf.node)
 * @dev: the card's device; NULL once detached (the card is gone)
 */
struct sdi8k_vb2_owner {
	struct kref kref;
	/* @bufs, @dev, and the buffers' dev and node; process context */
	struct mutex lock;
	struct list_head bufs;
	struct device *dev;
};

/**
 * struct sdi8k_vb2_buf - one plane's memory
 * @owner: MMAP: the owner it is mapped through (a reference)
 * @node: MMAP: in @owner's list while mapped for the card
 * @dev: MMAP: the device @sgt is mapped for, NULL once unmapped (the
 *	owner's lock); DMABUF: the device attached
 * @vb: the vb2 buffer the memory was made for
 * @dma_dir: the queue's DMA direction
 * @size: bytes
 * @num_pages: MMAP: pages in @pages
 * @pages: MMAP: the pages
 * @sgt: MMAP: @pages as a scatter-gather table
 * @dma_sgt: what the card is given: &@sgt (MMAP), the import's mapping
 *	(DMABUF, while mapped) or NULL
 * @vaddr: MMAP: kernel mapping, made on first use
 * @refcount: MMAP: vb2, each mmap and each exported DMABUF
 * @handler: MMAP: the mmaps' reference tracking (vb2_common_vm_ops)
 * @db_attach: DMABUF: the attachment of the imported buffer
 */
struct sdi8k_vb2_buf {
	struct sdi8k_vb2_owner *owner;
	struct list_head node;
	struct device *dev;
	struct vb2_buffer *vb;
	enum dma_data_direction dma_dir;
	unsigned long size;
	unsigned int num_pages;
	struct page **pages;
	struct sg_table sgt;
	struct sg_table *dma_sgt;
	void *vaddr;
	refcount_t refcount;
	struct vb2_vmarea_handler handler;
	struct dma_buf_attachment *db_attach;
};

/**
 * sdi8k_vb2_owner_new - the buffer owner of a card
 * @dev: the card's device (the one vb2 allocates for)
 *
 * Return: the owner, or NULL without memory. Drop with sdi8k_vb2_owner_put().
 */
struct sdi8k_vb2_owner *sdi8k_vb2_owner_new(struct device *dev)
{
	struct sdi8k_vb2_owner *o = kzalloc(sizeof(*o), GFP_KERNEL);

	if (!o)
		return NULL;
	kref_init(&o->kref);
	mutex_init(&o->lock);
	INIT_LIST_HEAD(&o->bufs);
	o->dev = dev;
	return o;
}

static void sdi8k_vb2_owner_release(struct kref *kref)
{
	struct sdi8k_vb2_owner *o = container_of(kref, struct sdi8k_vb2_owner,
						 kref);

	WARN_ON(!list_empty(&o->bufs));
	mutex_destroy(&o->lock);
	kfree(o);
}

/**
 * sdi8k_vb2_owner_put - drop the card's reference to its buffer owner
 * @o: the owner, or NULL
 */
void sdi8k_vb2_owner_put(struct sdi8k_vb2_owner *o)
{
	if (o)
		kref_put(&o->kref, sdi8k_vb2_owner_release);
}

/* Caller holds buf->owner->lock; buf->dev is set. */
static void sdi8k_vb2_unmap_locked(struct sdi8k_vb2_buf *buf)
{
	dma_unmap_sgtable(buf->dev, &buf->sgt, buf->dma_dir,
			  DMA_ATTR_SKIP_CPU_SYNC);
	put_device(buf->dev);
	buf->dev = NULL;
	list_del_init(&buf->node);
}

/**
 * sdi8k_vb2_owner_detach - the card is going: unmap every buffer from it
 * @o: the owner
 *
 * Called once the card's queues are released and its DMA is stopped,
 * while its device can still unmap (before the bus removes it). Buffers
 * still mmapped or exported keep their pages; no new buffer is made.
 */
void sdi8k_vb2_owner_detach(struct sdi8k_vb2_owner *o)
{
	struct sdi8k_vb2_buf *buf, *tmp;

	mutex_lock(&o->lock);
	list_for_each_entry_safe(buf, tmp, &o->bufs, node)
		sdi8k_vb2_unmap_locked(buf);
	o->dev = NULL;
	mutex_unlock(&o->lock);
}

static void sdi8k_vb2_put(void *buf_priv)
{
	struct sdi8k_vb2_buf *buf = buf_priv;
	struct sdi8k_vb2_owner *o = buf->owner;
	unsigned int i;

	if (!refcount_dec_and_test(&buf->refcount))
		return;
	mutex_lock(&o->lock);
	if (buf->dev)
		sdi8k_vb2_unmap_locked(buf);
	mutex_unlock(&o->lock);
	if (buf->vaddr)
		vm_unmap_ram(buf->vaddr, buf->num_pages);
	sg_free_table(&buf->sgt);
	for (i = 0; i < buf->num_pages; i++)
		__free_page(buf->pages[i]);
	kvfree(buf->pages);
	kfree(buf);
	kref_put(&o->kref, sdi8k_vb2_owner_release);
}

/* Fills buf->pages with the largest blocks the page allocator gives. */
static int sdi8k_vb2_alloc_pages(struct sdi8k_vb2_buf *buf, gfp_t gfp)
{
	unsigned int n = 0;
	unsigned long left = buf->size;

	while (left) {
		int order = get_order(left);
		struct page *p = NULL;
		unsigned int i;

		if ((PAGE_SIZE << order) > left)
			order--;
		for (; order >= 0; order--) {
			p = alloc_pages(GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN |
					gfp, order);
			if (p)
				break;
		}
		if (!p) {
			while (n--)
				__free_page(buf->pages[n]);
			return -ENOMEM;
		}
		split_page(p, order);
		for (i = 0; i < (1U << order); i++)
			buf->pages[n++] = p + i;
		left -= PAGE_SIZE << order;
	}
	return 0;
}

static void *sdi8k_vb2_alloc(struct vb2_buffer *vb, struct device *dev,
			     unsigned long size)
{
	struct sdi8k_input *in = vb2_get_drv_priv(vb->vb2_queue);
	struct sdi8k_vb2_owner *o = in->card->vb2_owner;
	struct sdi8k_vb2_buf *buf;
	unsigned int i;
	int ret = -ENOMEM;

	if (WARN_ON(!dev || !size || !PAGE_ALIGNED(size)))
		return ERR_PTR(-EINVAL);
	buf = kzalloc(sizeof(*buf), GFP_KERNEL);
	if (!buf)
		return ERR_PTR(-ENOMEM);
	buf->vb = vb;
	buf->dma_dir = vb->vb2_queue->dma_dir;
	buf->size = size;
	buf->num_pages = size >> PAGE_SHIFT;
	INIT_LIST_HEAD(&buf->node);
	buf->pages = kvcalloc(buf->num_pages, sizeof(*buf->pages), GFP_KERNEL);
	if (!buf->pages)
		goto err_buf;
	ret = sdi8k_vb2_alloc_pages(buf, vb->vb2_queue->gfp_flags);
	if (ret)
		goto err_array;
	ret = sg_alloc_table_from_pages(&buf->sgt, buf->pages, buf->num_pages,
					0, size, GFP_KERNEL);
	if (ret)
		goto err_pages;

	mutex_lock(&o->lock);
	if (!o->dev) {
		ret = -ENODEV;		/* the card is gone */
		goto err_unlock;
	}
	/* the CPU syncs to the device in prepare, before the card writes */
	ret = dma_map_sgtable(dev, &buf->sgt, buf->dma_dir,
			      DMA_ATTR_SKIP_CPU_SYNC);
	if (ret)
		goto err_unlock;
	buf->dev = get_device(dev);
	list_add_tail(&buf->node, &o->bufs);
	kref_get(&o->kref);
	buf->owner = o;
	mutex_unlock(&o->lock);

	buf->dma_sgt = &buf->sgt;
	refcount_set(&buf->refcount, 1);
	buf->handler.refcount = &buf->refcount;
	buf->handler.put = sdi8k_vb2_put;
	buf->handler.arg = buf;
	return buf;

err_unlock:
	mutex_unlock(&o->lock);
	sg_free_table(&buf->sgt);
err_pages:
	for (i = 0; i < buf->num_pages; i++)
		__free_page(buf->pages[i]);
err_array:
	kvfree(buf->pages);
err_buf:
	kfree(buf);
	return ERR_PTR(ret);
}

/*
 * prepare and finish run on a queued or dequeued buffer, which the card
 * can be writing: before unregistering released the queue, so before
 * the detach; buf->dev needs no lock here. An import's exporter syncs.
 */
static void sdi8k_vb2_prepare(void *buf_priv)
{
	struct sdi8k_vb2_buf *buf = buf_priv;

	if (buf->db_attach || !buf->dev || buf->vb->skip_cache_sync_on_prepare)
		return;
	dma_sync_sgtable_for_device(buf->dev, &buf->sgt, buf->dma_dir);
}

static void sdi8k_vb2_finish(void *buf_priv)
{
	struct sdi8k_vb2_buf *buf = buf_priv;

	if (buf->db_attach || !buf->dev || buf->vb->skip_cache_sync_on_finish)
		return;
	dma_sync_sgtable_for_cpu(buf->dev, &buf->sgt, buf->dma_dir);
}

/* The driver never needs a kernel mapping of an imported buffer. */
static void *sdi8k_vb2_vaddr(struct vb2_buffer *vb, void *buf_priv)
{
	struct sdi8k_vb2_buf *buf = buf_priv;

	if (buf->db_attach)
		return NULL;
	if (!buf->vaddr)
		buf->vaddr = vm_map_ram(buf->pages, buf->num_pages, NUMA_NO_NODE);
	return buf->vaddr;
}

static void *sdi8k_vb2_cookie(struct vb2_buffer *vb, void *buf_priv)
{
	struct sdi8k_vb2_buf *buf = buf_priv;

	return buf->dma_sgt;
}

static unsigned int sdi8k_vb2_num_users(void *buf_priv)
{
	struct sdi8k_vb2_buf *buf = buf_priv;

	return refcount_read(&buf->refcount);
}

static int sdi8k_vb2_mmap(void *buf_priv, struct vm_area_struct *vma)
{
	struct sdi8k_vb2_buf *buf = buf_priv;
	int ret;

	ret = vm_map_pages(vma, buf->pages, buf->num_pages);
	if (ret)
		return ret;
	sdi8k_vm_flags_set(vma, VM_DONTEXPAND | VM_DONTDUMP);
	vma->vm_private_data = &buf->handler;
	vma->vm_ops = &vb2_common_vm_ops;
	vma->vm_ops->open(vma);
	return 0;
}

/* ---- exported as DMABUF: the importer maps the pages for itself ---- */

/**
 * struct sdi8k_vb2_attach - one importer of an exported buffer
 * @sgt: the buffer's pages, mapped for the importer's device
 * @dma_dir: the direction @sgt is mapped for, DMA_NONE before
 */
struct sdi8k_vb2_attach {
	struct sg_table sgt;
	enum dma_data_direction dma_dir;
};

static int sdi8k_vb2_dmabuf_attach(struct dma_buf *dbuf,
				   struct dma_buf_attachment *db_attach)
{
	struct sdi8k_vb2_buf *buf = dbuf->priv;
	struct sdi8k_vb2_attach *a;
	int ret;

	a = kzalloc(sizeof(*a), GFP_KERNEL);
	if (!a)
		return -ENOMEM;
	/* a table of its own: one table cannot be mapped for two devices */
	ret = sg_alloc_table_from_pages(&a->sgt, buf->pages, buf->num_pages,
					0, buf->size, GFP_KERNEL);
	if (ret) {
		kfree(a);
		return ret;
	}
	a->dma_dir = DMA_NONE;
	db_attach->priv = a;
	return 0;
}

static void sdi8k_vb2_dmabuf_detach(struct dma_buf *dbuf,
				    struct dma_buf_attachment *db_attach)
{
	struct sdi8k_vb2_attach *a = db_attach->priv;

	if (!a)
		return;
	if (a->dma_dir != DMA_NONE)
		dma_unmap_sgtable(db_attach->dev, &a->sgt, a->dma_dir, 0);
	sg_free_table(&a->sgt);
	kfree(a);
	db_attach->priv = NULL;
}

static struct sg_table *
sdi8k_vb2_dmabuf_map(struct dma_buf_attachment *db_attach,
		     enum dma_data_direction dir)
{
	struct sdi8k_vb2_attach *a = db_attach->priv;

	if (a->dma_dir == dir)
		return &a->sgt;		/* kept mapped until the detach */
	if (a->dma_dir != DMA_NONE) {
		dma_unmap_sgtable(db_attach->dev, &a->sgt, a->dma_dir, 0);
		a->dma_dir = DMA_NONE;
	}
	if (dma_map_sgtable(db_attach->dev, &a->sgt, dir, 0))
		return ERR_PTR(-EIO);
	a->dma_dir = dir;
	return &a->sgt;
}

static void sdi8k_vb2_dmabuf_unmap(struct dma_buf_attachment *db_attach,
				   struct sg_table *sgt,
				   enum dma_data_direction dir)
{
	/* the mapping stays until the detach (sdi8k_vb2_dmabuf_map) */
}

/* CPU access syncs with the card's mapping while there is one. */
static int sdi8k_vb2_dmabuf_begin_cpu(struct dma_buf *dbuf,
				      enum dma_data_direction dir)
{
	struct sdi8k_vb2_buf *buf = dbuf->priv;

	mutex_lock(&buf->owner->lock);
	if (buf->dev)
		dma_sync_sgtable_for_cpu(buf->dev, &buf->sgt, buf->dma_dir);
	mutex_unlock(&buf->owner->lock);
	return 0;
}

static int sdi8k_vb2_dmabuf_end_cpu(struct dma_buf *dbuf,
				    enum dma_data_direction dir)
{
	struct sdi8k_vb2_buf *buf = dbuf->priv;

	mutex_lock(&buf->owner->lock);
	if (buf->dev)
		dma_sync_sgtable_for_device(buf->dev, &buf->sgt, buf->dma_dir);
	mutex_unlock(&buf->owner->lock);
	return 0;
}

static int sdi8k_vb2_dmabuf_vmap(struct dma_buf *dbuf, struct iosys_map *map)
{
	struct sdi8k_vb2_buf *buf = dbuf->priv;
	void *vaddr = sdi8k_vb2_vaddr(buf->vb, buf);

	if (!vaddr)
		return -ENOMEM;
	iosys_map_set_vaddr(map, vaddr);
	return 0;
}

static int sdi8k_vb2_dmabuf_mmap(struct dma_buf *dbuf,
				 struct vm_area_struct *vma)
{
	return sdi8k_vb2_mmap(dbuf->priv, vma);
}

static void sdi8k_vb2_dmabuf_release(struct dma_buf *dbuf)
{
	sdi8k_vb2_put(dbuf->priv);	/* sdi8k_vb2_get_dmabuf()'s reference */
}

static const struct dma_buf_ops sdi8k_vb2_dmabuf_ops = {
	.attach = sdi8k_vb2_dmabuf_attach,
	.detach = sdi8k_vb2_dmabuf_detach,
	.map_dma_buf = sdi8k_vb2_dmabuf_map,
	.unmap_dma_buf = sdi8k_vb2_dmabuf_unmap,
	.begin_cpu_access = sdi8k_vb2_dmabuf_begin_cpu,
	.end_cpu_access = sdi8k_vb2_dmabuf_end_cpu,
	.vmap = sdi8k_vb2_dmabuf_vmap,
	.mmap = sdi8k_vb2_dmabuf_mmap,
	.release = sdi8k_vb2_dmabuf_release,
};

static struct dma_buf *sdi8k_vb2_get_dmabuf(struct vb2_buffer *vb,
					    void *buf_priv, unsigned long flags)
{
	struct sdi8k_vb2_buf *buf = buf_priv;
	DEFINE_DMA_BUF_EXPORT_INFO(exp_info);
	struct dma_buf *dbuf;

	if (buf->db_attach)
		return NULL;		/* an import is not exported again */
	exp_info.ops = &sdi8k_vb2_dmabuf_ops;
	exp_info.size = buf->size;
	exp_info.flags = flags;
	exp_info.priv = buf;
	dbuf = dma_buf_export(&exp_info);
	if (IS_ERR(dbuf))
		return NULL;
	refcount_inc(&buf->refcount);	/* dropped by the DMABUF's release */
	return dbuf;
}

/* ---- imported DMABUF: mapped for the card through an attachment ---- */

static void *sdi8k_vb2_attach_dmabuf(struct vb2_buffer *vb, struct device *dev,
				     struct dma_buf *dbuf, unsigned long size)
{
	struct sdi8k_vb2_buf *buf;
	struct dma_buf_attachment *a;

	if (WARN_ON(!dev))
		return ERR_PTR(-EINVAL);
	if (dbuf->size < size)
		return ERR_PTR(-EFAULT);
	buf = kzalloc(sizeof(*buf), GFP_KERNEL);
	if (!buf)
		return ERR_PTR(-ENOMEM);
	a = dma_buf_attach(dbuf, dev);
	if (IS_ERR(a)) {
		kfree(buf);
		return ERR_CAST(a);
	}
	INIT_LIST_HEAD(&buf->node);
	buf->db_attach = a;
	buf->dev = dev;
	buf->vb = vb;
	buf->dma_dir = vb->vb2_queue->dma_dir;
	buf->size = size;
	return buf;
}

static int sdi8k_vb2_map_dmabuf(void *buf_priv)
{
	struct sdi8k_vb2_buf *buf = buf_priv;
	struct sg_table *sgt;
	struct scatterlist *sg;
	unsigned long bytes = 0;
	unsigned int i;

	if (WARN_ON(!buf->db_attach) || WARN_ON(buf->dma_sgt))
		return -EINVAL;
	sgt = dma_buf_map_attachment_unlocked(buf->db_attach, buf->dma_dir);
	if (IS_ERR(sgt))
		return PTR_ERR(sgt);
	/* the card writes buf->size bytes: the exporter must map them all */
	for_each_sgtable_dma_sg(sgt, sg, i)
		bytes += sg_dma_len(sg);
	if (bytes < buf->size) {
		dma_buf_unmap_attachment_unlocked(buf->db_attach, sgt,
						  buf->dma_dir);
		return -EINVAL;
	}
	buf->dma_sgt = sgt;
	return 0;
}

static void sdi8k_vb2_unmap_dmabuf(void *buf_priv)
{
	struct sdi8k_vb2_buf *buf = buf_priv;

	if (WARN_ON(!buf->db_attach) || !buf->dma_sgt)
		return;
	dma_buf_unmap_attachment_unlocked(buf->db_attach, buf->dma_sgt,
					  buf->dma_dir);
	buf->dma_sgt = NULL;
}

static void sdi8k_vb2_detach_dmabuf(void *buf_priv)
{
	struct sdi8k_vb2_buf *buf = buf_priv;

	if (buf->dma_sgt)
		sdi8k_vb2_unmap_dmabuf(buf);
	dma_buf_detach(buf->db_attach->dmabuf, buf->db_attach);
	kfree(buf);
}

const struct vb2_mem_ops sdi8k_vb2_memops = {
	.alloc = sdi8k_vb2_alloc,
	.put = sdi8k_vb2_put,
	.get_dmabuf = sdi8k_vb2_get_dmabuf,
	.prepare = sdi8k_vb2_prepare,
	.finish = sdi8k_vb2_finish,
	.attach_dmabuf = sdi8k_vb2_attach_dmabuf,
	.detach_dmabuf = sdi8k_vb2_detach_dmabuf,
	.map_dmabuf = sdi8k_vb2_map_dmabuf,
	.unmap_dmabuf = sdi8k_vb2_unmap_dmabuf,
	.vaddr = sdi8k_vb2_vaddr,
	.cookie = sdi8k_vb2_cookie,
	.num_users = sdi8k_vb2_num_users,
	.mmap = sdi8k_vb2_mmap,
};
