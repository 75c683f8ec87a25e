// The embedded default backend: EC2-faithful security groups in a SQLite file.
//
// Every SecurityGroupBackend call is one SQLite transaction, begun IMMEDIATE so
// that a call is all-or-nothing and two processes sharing a state file
// serialize their writes (a busy timeout makes the second writer wait instead
// of failing). The behaviour — ids, the default VPC and its `default` group,
// the default egress rule, error codes and messages, quotas — follows EC2
// (docs: EC2-FACTS.md §2–4, EC2-SCENARIOS.md), not moto where the two differ.

import Foundation
import GRDB
import SgshModel

/// Security groups kept in a local SQLite file (or in memory), behaving as EC2 does.
public final class LocalBackend: SecurityGroupBackend, Sendable {
    /// Quotas the store enforces; EC2's defaults unless a test or user raises them.
    public struct Limits: Hashable, Sendable {
        /// Inbound or outbound rules per group, counted apart for IPv4 and IPv6 (EC2: 60).
        public var rulesPerDirection: Int
        /// Security groups per region (EC2: 2,500).
        public var securityGroups: Int
        /// Tags per resource (EC2: 50).
        public var tagsPerResource: Int

        /// Creates limits; the defaults are EC2's.
        public init(rulesPerDirection: Int = 60, securityGroups: Int = 2500, tagsPerResource: Int = 50) {
            self.rulesPerDirection = rulesPerDirection
            self.securityGroups = securityGroups
            self.tagsPerResource = tagsPerResource
        }

        /// EC2's default quotas.
        public static let ec2Defaults = Limits()
    }

    /// The quotas in force.
    public let limits: Limits
    /// The account id reported as OwnerId and in group references (`000000000000` by default).
    public let ownerId: String
    /// The state file, or nil in memory.
    public let path: String?
    /// A short name for prompts and reports.
    public var displayName: String { "local" }

    let database: DatabaseQueue

    /// Opens (creating if needed) a state file, in WAL mode so other processes can read while one writes.
    /// - Parameters:
    ///   - path: the SQLite file; missing parent folders are created.
    ///   - limits: the quotas to enforce.
    ///   - ownerId: the account id to report.
    ///   - busyTimeout: how long a write waits for another process's write to finish, in seconds.
    /// - Throws: `BackendError` (`InternalError`) when the file cannot be opened or is not a state file.
    public convenience init(
        path: String, limits: Limits = .ec2Defaults, ownerId: String = "000000000000", busyTimeout: Double = 30
    ) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        // WAL, as GRDB's `journalMode = .wal` sets it, but without its work-around for
        // DatabasePool readers (a table created and dropped on every open whose -wal file is
        // missing, as it is after every clean close): that write was 9 % of a local `sgsh -c`
        // start. WAL mode stays in the file once set; `synchronous` is per connection.
        configuration.prepareDatabase { db in
            if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                    throw DatabaseError(message: "could not put the state file in WAL mode")
                }
            }
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let queue: DatabaseQueue
        do {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw LocalBackend.storeError(error, path: path)
        }
        try self.init(database: queue, path: path, limits: limits, ownerId: ownerId)
    }

    private init(database: DatabaseQueue, path: String?, limits: Limits, ownerId: String) throws {
        self.database = database
        self.path = path
        self.limits = limits
        self.ownerId = ownerId
        do {
            try database.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try LocalBackend.migrate(db)
                    _ = try self.defaultVPC(db)
                    return .commit
                }
            }
        } catch let error as BackendError {
            throw error
        } catch {
            throw LocalBackend.storeError(error, path: path)
        }
    }

    /// A fresh store that lives in memory only, for tests and previews.
    public static func inMemory(limits: Limits = .ec2Defaults, ownerId: String = "000000000000") -> LocalBackend {
        do {
            return try LocalBackend(database: DatabaseQueue(), path: nil, limits: limits, ownerId: ownerId)
        } catch {
            // An in-memory SQLite database only fails to open when memory is exhausted.
            preconditionFailure("cannot create an in-memory SQLite database: \(error)")
        }
    }

    /// The per-user default state file: `$XDG_DATA_HOME/sgsh/state.sqlite`, else `~/.local/share/sgsh/state.sqlite`.
    public static func defaultStatePath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            return data + "/sgsh/state.sqlite"
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/sgsh/state.sqlite"
    }

    // MARK: - Transactions

    /// Runs `body` in one IMMEDIATE transaction; a thrown error rolls everything back.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await database.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch let error as BackendError {
            throw error
        } catch {
            throw LocalBackend.storeError(error, path: path)
        }
    }

    /// Runs `body` in a read transaction (a consistent snapshot).
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await database.read(body)
        } catch let error as BackendError {
            throw error
        } catch {
            throw LocalBackend.storeError(error, path: path)
        }
    }

    /// A failure of the store itself (I/O, a lock held too long), reported as retryable.
    static func storeError(_ error: any Error, path: String?) -> BackendError {
        BackendError(
            code: "InternalError", message: "local state \(path.map { "file \($0)" } ?? "(in memory)"): \(error)")
    }

    // MARK: - Ids

    /// `prefix-` and 17 random lowercase hex digits, as EC2's long ids.
    static func newID(_ prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        // 17 hex digits = 68 bits: 64 from one draw and 4 from another.
        let high = String(generator.next() & 0xf, radix: 16)
        let low = String(generator.next(), radix: 16)
        return prefix + "-" + high + String(repeating: "0", count: 16 - low.count) + low
    }
}
