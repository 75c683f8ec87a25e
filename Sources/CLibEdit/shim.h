// libedit for Swift (Debian: libedit-dev). The readline-compatible API is
// exported as is; the native API's el_set/history are variadic, which Swift
// cannot call, so each use sgsh makes of them has a fixed-argument wrapper.
#include <stdio.h>
#include <editline/readline.h>
#include <histedit.h>

static inline int sgsh_el_set_prompt(EditLine *el, char *(*prompt)(EditLine *)) {
    return el_set(el, EL_PROMPT, prompt);
}
static inline int sgsh_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
static inline int sgsh_el_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
static inline int sgsh_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
static inline int sgsh_el_add_function(
    EditLine *el, const char *name, const char *help, unsigned char (*function)(EditLine *, int)) {
    return el_set(el, EL_ADDFN, name, help, function);
}
static inline int sgsh_el_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, NULL);
}
/// `bind -a`: the alternate keymap (vi command mode).
static inline int sgsh_el_bind_alternate(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, "-a", key, function, NULL);
}
/// `setty -d FLAG`: a terminal mode flag while editing (e.g. "-isig" so ^C is a key).
static inline int sgsh_el_setty_edit(EditLine *el, const char *flag) {
    return el_set(el, EL_SETTY, "-d", flag, NULL);
}

static inline int sgsh_history_setsize(History *h, int size) {
    HistEvent event;
    return history(h, &event, H_SETSIZE, size);
}
static inline int sgsh_history_setunique(History *h, int unique) {
    HistEvent event;
    return history(h, &event, H_SETUNIQUE, unique);
}
static inline int sgsh_history_enter(History *h, const char *line) {
    HistEvent event;
    return history(h, &event, H_ENTER, line);
}
static inline int sgsh_history_load(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_LOAD, path);
}
static inline int sgsh_history_save(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_SAVE, path);
}
/// One step of a walk through the history (H_LAST, then H_PREV: oldest to newest);
/// the entry's text, or NULL when the walk is over.
static inline const char *sgsh_history_step(History *h, int operation) {
    HistEvent event;
    if (history(h, &event, operation) == -1) return NULL;
    return event.str;
}

// The C standard streams, which Swift 6 will not read as globals.
static inline FILE *sgsh_stdin(void) { return stdin; }
static inline FILE *sgsh_stdout(void) { return stdout; }
static inline FILE *sgsh_stderr(void) { return stderr; }

// Not libedit, but this is the CLI's C header: how glibc's malloc serves the CLI.
// - One arena for every thread. Swift concurrency resumes a task on whichever pool
//   thread is free, so a script's syntax tree, freed after evaluation, sat in one
//   thread's arena while planning and the report grew in another's: the dry run of
//   100,000 lines peaked at 146 MB unless the freed pages were handed back
//   (malloc_trim), and then planning faulted 8,000 pages in again. In one arena the
//   planner reuses the tree's memory: 113 MB peak, 23,400 page faults instead of
//   31,600, 0.27 s instead of 0.30 s (docs/BENCHMARKS.md, sixth pass). Small blocks
//   still come from each thread's own cache without a lock.
// - The heap grown in 64 MB steps: it grew page by page with mprotect, 14,000 system
//   calls to check a 100,000-line script (~30 ms of its ~180 ms). Address space only:
//   pages are still touched (and counted) only when used.
#ifdef __GLIBC__
#include <malloc.h>
static inline void sgsh_configure_malloc(void) {
    mallopt(M_ARENA_MAX, 1);
    mallopt(M_TOP_PAD, 64 << 20);
}
// - The binary's zero-initialized data (.bss, 1.3 MB: the Swift runtime's metadata caches, lazy
//   globals, once tokens) made writable in one call, before the first thread starts. Touched a
//   page at a time, ~90 of its pages were first read (mapped to the shared zero page) and then
//   written by whichever thread got there, and each such write must flush the old mapping from
//   the other core too: an inter-processor interrupt, a trap to the hypervisor on this VM. The aws
//   backend's start took ~550 page faults instead of ~365 and 0.3-0.6 ms longer, one rule on moto
//   1.4 ms (docs/BENCHMARKS.md, twelfth pass). MADV_POPULATE_WRITE (Linux 5.14) allocates the
//   ~320 pages at once (0.6 ms, less than the flushes it saves); an older kernel refuses it and
//   nothing changes.
#include <sys/mman.h>
#include <stdint.h>
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
extern char __bss_start[], _end[];  // Defined by the linker around .bss.
static inline void sgsh_populate_bss(void) {
    uintptr_t page = 4096;
    uintptr_t start = (uintptr_t)__bss_start & ~(page - 1);
    uintptr_t end = ((uintptr_t)_end + page - 1) & ~(page - 1);
    madvise((void *)start, end - start, MADV_POPULATE_WRITE);
}
#else
static inline void sgsh_configure_malloc(void) {}
static inline void sgsh_populate_bss(void) {}
#endif
