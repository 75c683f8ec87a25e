// Giving freed memory back to the system between evaluating and planning.
//
// glibc's malloc keeps freed blocks for reuse, in the arena of the thread that
// allocated them, and Swift concurrency resumes a task on whichever pool thread
// is free. A large script's syntax tree, freed once it is evaluated, stayed
// resident while the planner and the report grew in fresh pages: a dry run of
// 100,000 lines peaked at 173–201 MB resident. Trimming once after evaluation
// (malloc_trim releases the whole free pages of every arena) brings the peak
// to the evaluation's own, 155–156 MB; docs/BENCHMARKS.md.

#if canImport(Glibc)
    import Glibc
#endif

enum FreedMemory {
    /// Returns the pages of freed memory to the system (`malloc_trim(0)`); does nothing where
    /// the C library has no `malloc_trim` (musl, macOS).
    static func returnToSystem() {
        #if canImport(Glibc)
            // Glibc's Swift module does not export malloc_trim: it is looked up and called as C.
            guard let symbol = dlsym(nil, "malloc_trim") else { return }
            typealias MallocTrim = @convention(c) (Int) -> Int32
            _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }
}
