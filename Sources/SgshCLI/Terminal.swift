import Foundation
import SgshKit

/// Facts about where output goes, and writing to stdout/stderr.
enum Terminal {
    /// True when the file descriptor is a terminal.
    static func isTTY(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// ANSI colour only on a terminal with NO_COLOR unset (https://no-color.org).
    static var diagnosticStyle: DiagnosticStyle {
        isTTY(STDERR_FILENO) && ProcessInfo.processInfo.environment["NO_COLOR"] == nil ? .ansi : .plain
    }

    static func writeError(_ text: String) {
        guard !text.isEmpty else { return }
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func write(_ text: String) {
        guard !text.isEmpty else { return }
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes bytes to stdout as they are: a large plan's report (5 MB for 100,000 rules) is
    /// not copied into a String and a Data on the way.
    static func write(bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        try? FileHandle.standardOutput.write(contentsOf: bytes)
    }
}
