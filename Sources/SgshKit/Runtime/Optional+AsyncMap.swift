extension Optional {
    /// `map` for an async transform (the evaluator's optional sub-expressions).
    nonisolated(nonsending) func asyncMap<T>(_ transform: nonisolated(nonsending) (Wrapped) async throws -> T)
        async rethrows -> T?
    {
        guard let self else { return nil }
        return try await transform(self)
    }
}
