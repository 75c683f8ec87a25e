import Foundation

/// Reads a file's text; nil when it does not exist or cannot be read.
public struct EC2FileReader: Sendable {
    /// Reads the file at an absolute path.
    public var read: @Sendable (String) -> String?

    /// Creates a reader from a function.
    public init(read: @escaping @Sendable (String) -> String?) { self.read = read }

    /// Reads the local file system (what the CLI passes).
    public static let local = EC2FileReader { path in
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// A reader over fixed contents, for tests: path → text.
    public static func files(_ files: [String: String]) -> EC2FileReader { EC2FileReader { files[$0] } }
}
