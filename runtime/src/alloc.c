/*
 * alloc.c — the heap allocator: a bump region over linear memory plus
 * segregated free lists.
 *
 * Invariants:
 *  - Blocks are 8-aligned and sized by class: multiples of 8 bytes up to
 *    SMALL_LIMIT, powers of two above. The caller passes the requested size
 *    back to heap_free (sized deallocation), so blocks carry no header.
 *  - A freed block goes on its class's list and is the next one that class
 *    hands out (LIFO keeps recently touched memory hot).
 *  - Memory only grows; nothing is ever returned to the host.
 */
#include "taipan_internal.h"
#include <string.h>

#define GRANULE 8u
#define SMALL_LIMIT 512u
#define SMALL_CLASSES (SMALL_LIMIT / GRANULE)     /* classes 0..63: 8..512 */
#define LARGE_MIN_SHIFT 10u                        /* first large class 1 KiB */
#define LARGE_MAX_SHIFT 31u
#define CLASS_COUNT (SMALL_CLASSES + (LARGE_MAX_SHIFT - LARGE_MIN_SHIFT + 1))
#define WASM_PAGE_BYTES 65536u

typedef struct FreeBlock {
    struct FreeBlock *next;
} FreeBlock;

static FreeBlock *free_lists[CLASS_COUNT];
static uintptr_t bump_next;  /* absolute address of the next fresh byte */
static uintptr_t bump_limit; /* absolute end of linear memory */

void heap_init(uint32_t heap_start) {
    uintptr_t base = platform_memory_base();
    memset(free_lists, 0, sizeof free_lists);
    bump_next = base + ((heap_start + GRANULE - 1) & ~(GRANULE - 1));
    bump_limit = base + platform_memory_bytes();
}

static uint32_t size_class_of(uint32_t size) {
    if (size <= SMALL_LIMIT)
        return size == 0 ? 0 : (size - 1) / GRANULE;
    uint32_t shift = LARGE_MIN_SHIFT;
    while (shift < LARGE_MAX_SHIFT && (1u << shift) < size)
        shift++;
    return SMALL_CLASSES + (shift - LARGE_MIN_SHIFT);
}

static uint32_t class_bytes(uint32_t cls) {
    if (cls < SMALL_CLASSES)
        return (cls + 1) * GRANULE;
    return 1u << (cls - SMALL_CLASSES + LARGE_MIN_SHIFT);
}

uint32_t heap_size_class_bytes(uint32_t size) { return class_bytes(size_class_of(size)); }

static bool ensure_bump_room(uint32_t bytes) {
    if (bump_limit - bump_next >= bytes)
        return true;
    uint64_t missing = (uint64_t)bytes - (bump_limit - bump_next);
    uint64_t pages = (missing + WASM_PAGE_BYTES - 1) / WASM_PAGE_BYTES;
    if (pages > 65536 || !platform_memory_grow((uint32_t)pages))
        return false;
    bump_limit = platform_memory_base() + platform_memory_bytes();
    return bump_limit - bump_next >= bytes;
}

void *heap_alloc(uint32_t size) {
    if (size > (1u << LARGE_MAX_SHIFT))
        return NULL;
    uint32_t cls = size_class_of(size);
    FreeBlock *block = free_lists[cls];
    if (block) {
        free_lists[cls] = block->next;
        return block;
    }
    uint32_t bytes = class_bytes(cls);
    if (!ensure_bump_room(bytes))
        return NULL;
    void *fresh = (void *)bump_next;
    bump_next += bytes;
    return fresh;
}

void heap_free(void *block, uint32_t size) {
    if (!block)
        return;
    uint32_t cls = size_class_of(size);
#ifdef TAIPAN_DEBUG
    /* Poison so use-after-free shows up as garbage rather than stale data. */
    memset(block, 0xDD, class_bytes(cls));
#endif
    FreeBlock *fb = (FreeBlock *)block;
    fb->next = free_lists[cls];
    free_lists[cls] = fb;
}
