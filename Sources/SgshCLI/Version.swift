// What `sgsh --version` prints: the version and the commit it was built from,
// or "dev" for a build not made by scripts/install.
//
// scripts/install writes InstalledCommit.swift (git-ignored, removed after the
// build) and builds with -DSGSH_INSTALL, so `swift build` itself never runs
// git, and the define is the same on every install (only this target
// recompiles when the commit changes).

enum Version {
    static let number = "0.1.0"

    #if SGSH_INSTALL
        static let commit: String? = installedCommit
    #else
        static let commit: String? = nil
    #endif

    /// `0.1.0 (3f2c1a9b04de)` from scripts/install, `0.1.0 (dev)` otherwise.
    static var text: String { "\(number) (\(commit ?? "dev"))" }
}
