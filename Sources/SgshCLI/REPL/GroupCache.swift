// The backend's group ids and names for Tab completion. Tab must answer at
// once, and a backend call can take seconds (or, with an unreachable
// endpoint, until its retries give up), so the cache is refilled by a
// background task and read under a lock; completion offers whatever it last
// held.

import Foundation

/// Group ids and names known to the backend, refreshed in the background.
final class GroupCache: @unchecked Sendable {
    private let lock = NSLock()
    private var groups: [REPLGroup] = []

    /// What the cache holds now.
    var current: [REPLGroup] { lock.withLock { groups } }

    func replace(with groups: [REPLGroup]) { lock.withLock { self.groups = groups } }

    /// Starts a refresh without waiting for it; a failed read keeps the old contents.
    @discardableResult
    func refresh(from engine: any REPLEngine) -> Task<Void, Never> {
        Task { [self] in
            if let groups = try? await engine.groups() { replace(with: groups) }
        }
    }
}
