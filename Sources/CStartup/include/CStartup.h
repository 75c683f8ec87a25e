// The sgsh binary's start-up, in C: how glibc's malloc serves the CLI, and the binary's
// zero-initialized data made writable before the first thread starts (startup.c says why).
#pragma once

/// One malloc arena for every thread, the heap grown in 64 MB steps. Call before any other
/// thread allocates.
void sgsh_configure_malloc(void);

/// Makes the part of the binary's .bss that the common commands touch writable in one call.
/// Call while the process has one thread.
void sgsh_populate_bss(void);
