import Foundation
import SgshKit

/// Facts about where output goes, and writing to stdout/stderr.
enum Terminal {
    /// True when the file descriptor is a terminal.
    static func isTTY(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// ANSI colour only on a terminal with NO_COLOR unset (https://no-color.org).
    static var diagnosticStyle: DiagnosticStyle {
        isTTY(STDERR_FILENO) && ProcessEnvironment.variables["NO_COLOR"] == nil ? .ansi : .plain
    }

    static func writeError(_ text: String) {
        write(text, to: STDERR_FILENO)
    }

    static func write(_ text: String) {
        write(text, to: STDOUT_FILENO)
    }

    /// Writes bytes to stdout as they are: a large plan's report (5 MB for 100,000 rules) is
    /// not copied into a String on the way.
    static func write(bytes: [UInt8]) {
        bytes.withUnsafeBytes { writeAll($0, to: STDOUT_FILENO) }
    }

    /// The text's UTF-8, straight to the descriptor. Not through FileHandle and Data: Data's
    /// generic initializer cost a conformance lookup (0.4 M instructions) at the first write.
    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { writeAll(UnsafeRawBufferPointer($0), to: descriptor) }
    }

    /// All of `bytes`, across short writes and signals. A write that fails (a closed pipe, a
    /// full disk) ends it silently, as FileHandle's `try?` did: the exit code tells the outcome.
    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) {
        guard var next = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let written = Foundation.write(descriptor, next, left)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            next += written
            left -= written
        }
    }
}
