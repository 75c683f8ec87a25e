#include "CStartup.h"

#include <stdint.h>
#include <stdlib.h>  // Defines __GLIBC__ on glibc.

#ifdef __GLIBC__
#include <malloc.h>
#include <sys/mman.h>

// - One arena for every thread. Swift concurrency resumes a task on whichever pool thread is
//   free, so a script's syntax tree, freed after evaluation, sat in one thread's arena while
//   planning and the report grew in another's: the dry run of 100,000 lines peaked at 146 MB
//   unless the freed pages were handed back (malloc_trim), and then planning faulted 8,000 pages
//   in again. In one arena the planner reuses the tree's memory: 113 MB peak, 23,400 page faults
//   instead of 31,600, 0.27 s instead of 0.30 s (docs/BENCHMARKS.md, sixth pass). Small blocks
//   still come from each thread's own cache without a lock.
// - The heap grown in 64 MB steps: it grew page by page with mprotect, 14,000 system calls to
//   check a 100,000-line script (~30 ms of its ~180 ms). Address space only: pages are still
//   touched (and counted) only when used.
void sgsh_configure_malloc(void) {
    mallopt(M_ARENA_MAX, 1);
    mallopt(M_TOP_PAD, 64 << 20);
}

// The binary's zero-initialized data (.bss, 1.3 MB: the Swift runtime's metadata caches, lazy
// globals, once tokens). Touched a page at a time, ~90 of its pages were first read (mapped to
// the shared zero page) and then written by whichever thread got there, and each such write must
// flush the old mapping from the other core too: an inter-processor interrupt, a trap to the
// hypervisor on this VM. The aws backend's start took ~550 page faults instead of ~365 and
// 0.3-0.6 ms longer, one rule on moto 1.4 ms (docs/BENCHMARKS.md, twelfth pass).
// MADV_POPULATE_WRITE (Linux 5.14) allocates the pages at once; an older kernel refuses it and
// nothing changes.
//
// Only the part the common commands touch: the installed binary has lld lay those symbols out
// first (~1,400 of ~17,000; with the rest of their object files' .bss, ~110 of the ~320 pages),
// then this marker (scripts/link-order lists them; scripts/install passes the list). Populating
// all 320 pages cost 0.6 ms, and an aws start touched 116 of them (docs/BENCHMARKS.md,
// thirteenth pass). Where the layout did not take (a debug build), the marker lies anywhere in
// .bss and a part of it is populated: a cost, never a fault.
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
extern char __bss_start[], _end[];  // Defined by the linker around .bss.
__attribute__((section(".bss.sgsh_bss_hot_end"))) char sgsh_bss_hot_end[1];

void sgsh_populate_bss(void) {
    uintptr_t page = 4096;
    uintptr_t start = (uintptr_t)__bss_start & ~(page - 1);
    uintptr_t end = ((uintptr_t)_end + page - 1) & ~(page - 1);
    uintptr_t hot = ((uintptr_t)(sgsh_bss_hot_end + 1) + page - 1) & ~(page - 1);
    if (hot > start && hot < end) end = hot;
    madvise((void *)start, end - start, MADV_POPULATE_WRITE);
}
#else
void sgsh_configure_malloc(void) {}
void sgsh_populate_bss(void) {}
#endif
