import Foundation

/// Reads a file's text; nil when it does not exist or cannot be read.
public struct EC2FileReader: Sendable {
    /// Reads the file at an absolute path.
    public var read: @Sendable (String) -> String?

    /// Creates a reader from a function.
    public init(read: @escaping @Sendable (String) -> String?) { self.read = read }

    /// Reads the local file system (what the CLI passes). With open(2) and read(2), not
    /// FileManager: its first use cost 0.65 M instructions at every aws start, which looks for
    /// two files (~/.aws/config and credentials) that flags and the environment often make
    /// unneeded. With this and the journal folder's listing off FileManager, the aws start
    /// counts 0.27 M fewer (the rest was first use that later code pays anyway;
    /// docs/BENCHMARKS.md, eighth pass).
    public static let local = EC2FileReader { path in
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let got = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress!, $0.count) }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { return nil }  // a folder, or unreadable: as if absent
            guard got > 0 else { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(contentsOf: chunk[..<got])
        }
    }

    /// A reader over fixed contents, for tests: path → text.
    public static func files(_ files: [String: String]) -> EC2FileReader { EC2FileReader { files[$0] } }
}
