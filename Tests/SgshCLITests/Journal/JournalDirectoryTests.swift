// The journal folder's name for an aws endpoint must not change between
// versions: an apply interrupted by one sgsh is recovered by the next only if
// both name its folder alike. `readable` is pinned against the NSString
// version it replaced, over endpoints of every shape.

import Foundation
import Testing

@testable import SgshCLI

@Suite struct JournalDirectoryTests {
    /// The NSString spelling the folder names were first made with.
    static func foundationReadable(_ endpoint: String) -> String {
        let host = endpoint.replacingOccurrences(of: "https://", with: "").replacingOccurrences(of: "http://", with: "")
        return String(host.map { $0.isLetter || $0.isNumber || $0 == "." ? $0 : "_" }.prefix(60))
            .trimmingCharacters(in: CharacterSet(charactersIn: "_"))
    }

    @Test(arguments: [
        "", "https://ec2.eu-west-1.amazonaws.com", "http://127.0.0.1:5000", "http://127.0.0.1:5000/",
        "https://vpce-0abc.ec2.us-east-1.vpce.amazonaws.com/path?x=http://y", "__weird__", "http://[::1]:8080/",
        "https://ec2.cn-north-1.amazonaws.com.cn", "https://ünïcödé.example/é\u{301}", "https://https://x",
        "http://" + String(repeating: "a", count: 80) + ":1", "ftp://host/_", "https://_x_._y_/",
    ])
    func readableNamesAreTheOnesJournalsWereWrittenUnder(_ endpoint: String) {
        #expect(JournalDirectory.readable(endpoint) == Self.foundationReadable(endpoint))
    }

    @Test func randomEndpointsNameTheSameFolders() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["http://", "https://", "_", ".", ":", "/", "a", "Z", "9", "é", "-", "[", "]", " ", "\u{301}"]
        for _ in 0..<2000 {
            let endpoint = (0..<Int.random(in: 0...24, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            #expect(
                JournalDirectory.readable(endpoint) == Self.foundationReadable(endpoint), "\(endpoint.debugDescription)"
            )
        }
    }
}
