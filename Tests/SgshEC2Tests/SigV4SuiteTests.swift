// The AWS SigV4 test suite (botocore's and aws-c-auth's copies) and the 18
// EC2 vectors generated with botocore, each checked for the exact canonical
// request, string to sign and signature.
//
// Cases left out, with the reason:
// - botocore `post-sts-token/post-sts-header-after` and aws-c-auth
//   `post-sts-header-after` (omit_session_token): the token header is added
//   after signing; sgsh signs the token, as botocore does for EC2.
// - aws-c-auth `post-x-www-form-urlencoded*` (sign_body): aws-c-auth adds and
//   signs x-amz-content-sha256 and content-length; botocore does not for EC2.
// - aws-c-auth `*-unnormalized` (normalize: false): S3-style unnormalized,
//   double-encoded paths; EC2 always posts to `/` with normalization.

import Foundation
import SgshEC2
import Testing

/// 2015-08-30T12:36:00Z, the suite's frozen clock.
let suiteDate = Date(timeIntervalSince1970: 1_440_938_160)
let suiteCredentials = AWSCredentials(
    accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")

/// Parses a raw test-suite HTTP request (`METHOD path HTTP/1.1`, headers with
/// folded continuation lines, blank line, body).
func parseRawRequest(_ text: String) throws -> SigV4Request {
    struct Malformed: Error {}
    let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
    var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard !lines.isEmpty else { throw Malformed() }
    let requestLine = lines.removeFirst()
    guard let space = requestLine.firstIndex(of: " "),
        let version = requestLine.range(of: " HTTP/", options: .backwards)
    else { throw Malformed() }
    let method = String(requestLine[..<space])
    let target = String(requestLine[requestLine.index(after: space)..<version.lowerBound])
    var path = target
    var query = ""
    if let mark = target.firstIndex(of: "?") {
        path = String(target[..<mark])
        query = String(target[target.index(after: mark)...])
    }
    var headers: [(name: String, value: String)] = []
    var bodyLines: [String] = []
    var inBody = false
    for line in lines {
        if inBody {
            bodyLines.append(line)
        } else if line.isEmpty {
            inBody = true
        } else if line.first == " " || line.first == "\t", !headers.isEmpty {
            headers[headers.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
        } else if let colon = line.firstIndex(of: ":") {
            headers.append((name: String(line[..<colon]), value: String(line[line.index(after: colon)...])))
        } else {
            throw Malformed()
        }
    }
    return SigV4Request(
        method: method, path: path, query: query, headers: headers,
        body: Array(bodyLines.joined(separator: "\n").utf8))
}

private func stripCR(_ text: String) -> String { text.replacingOccurrences(of: "\r", with: "") }

@Suite struct SigV4SuiteTests {
    static let botocoreCases = [
        "get-header-key-duplicate", "get-header-value-multiline", "get-header-value-order", "get-header-value-trim",
        "get-unreserved", "get-utf8", "get-vanilla", "get-vanilla-empty-query-key", "get-vanilla-query",
        "get-vanilla-query-order-encoded", "get-vanilla-query-order-key", "get-vanilla-query-order-key-case",
        "get-vanilla-query-order-value", "get-vanilla-query-unreserved", "get-vanilla-utf8-query",
        "get-vanilla-with-session-token", "normalize-path/get-relative", "normalize-path/get-relative-relative",
        "normalize-path/get-slash", "normalize-path/get-slash-dot-slash", "normalize-path/get-slash-pointless-dot",
        "normalize-path/get-slashes", "normalize-path/get-space", "normalize-path/get-special-character",
        "post-header-key-case", "post-header-key-sort", "post-header-value-case",
        "post-sts-token/post-sts-header-before", "post-vanilla", "post-vanilla-empty-query-value",
        "post-vanilla-query", "post-x-www-form-urlencoded", "post-x-www-form-urlencoded-parameters",
    ]

    static let botocoreSkipped = ["post-sts-token/post-sts-header-after"]
    static let awsCSkipped = [
        "post-sts-header-after", "post-x-www-form-urlencoded", "post-x-www-form-urlencoded-parameters",
        "get-relative-relative-unnormalized", "get-relative-unnormalized", "get-slash-dot-slash-unnormalized",
        "get-slash-pointless-dot-unnormalized", "get-slash-unnormalized", "get-slashes-unnormalized",
        "get-space-unnormalized",
    ]

    /// Every case directory is either run or skipped for a reason stated in the header.
    @Test func everySuiteCaseIsAccountedFor() throws {
        let files = FileManager.default
        let botocoreRoot = Vectors.url("sigv4/botocore-aws4_testsuite")
        var botocoreFound: [String] = []
        for case let url as URL in files.enumerator(at: botocoreRoot, includingPropertiesForKeys: nil)!
        where url.pathExtension == "req" {
            let relative = url.deletingLastPathComponent().path.dropFirst(botocoreRoot.path.count + 1)
            botocoreFound.append(String(relative))
        }
        #expect(botocoreFound.sorted() == (Self.botocoreCases + Self.botocoreSkipped).sorted())
        let awsC = try files.contentsOfDirectory(atPath: Vectors.url("sigv4/aws-c-auth-signing-test-suite/v4").path)
        #expect(awsC.sorted() == (Self.awsCCases + Self.awsCSkipped).sorted())
    }

    @Test(arguments: botocoreCases)
    func botocoreSuiteCaseSignsExactly(_ path: String) throws {
        let name = String(path.split(separator: "/").last!)
        let base = "sigv4/botocore-aws4_testsuite/\(path)/\(name)"
        var request = try parseRawRequest(Vectors.text("\(base).req"))
        let expectedCanonical = stripCR(try Vectors.text("\(base).creq"))
        // The token of the session-token cases is the x-amz-security-token line of the
        // canonical request (the signer adds the header unless the request has it).
        var credentials = suiteCredentials
        credentials.sessionToken = expectedCanonical.split(separator: "\n")
            .first { $0.hasPrefix("x-amz-security-token:") }
            .map { String($0.dropFirst("x-amz-security-token:".count)) }
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "service")
        let result = signer.sign(&request, date: suiteDate)
        #expect(result.canonicalRequest == expectedCanonical)
        #expect(result.stringToSign == stripCR(try Vectors.text("\(base).sts")))
        #expect(result.authorization == stripCR(try Vectors.text("\(base).authz")))
        #expect(request.header("authorization") == result.authorization)
    }

    struct AwsCContext: Decodable {
        struct Credentials: Decodable {
            var access_key_id: String
            var secret_access_key: String
            var token: String?
        }
        var credentials: Credentials
        var region: String
        var service: String
        var normalize: Bool
        var sign_body: Bool
        var omit_session_token: Bool?
    }

    static let awsCCases = [
        "get-header-key-duplicate", "get-header-value-multiline", "get-header-value-order", "get-header-value-trim",
        "get-relative-normalized", "get-relative-relative-normalized", "get-slash-dot-slash-normalized",
        "get-slash-normalized", "get-slash-pointless-dot-normalized", "get-slashes-normalized", "get-space-normalized",
        "get-unreserved", "get-utf8", "get-vanilla", "get-vanilla-empty-query-key", "get-vanilla-query",
        "get-vanilla-query-order-encoded", "get-vanilla-query-order-key-case", "get-vanilla-query-unreserved",
        "get-vanilla-utf8-query", "get-vanilla-with-session-token", "post-header-key-case", "post-header-key-sort",
        "post-header-value-case", "post-sts-header-before", "post-vanilla", "post-vanilla-empty-query-value",
        "post-vanilla-query",
    ]

    @Test(arguments: awsCCases)
    func awsCAuthSuiteCaseSignsExactly(_ name: String) throws {
        let base = "sigv4/aws-c-auth-signing-test-suite/v4/\(name)"
        let context = try Vectors.json(AwsCContext.self, "\(base)/context.json")
        // Guard the skip list above: only cases this client's flavour applies to are listed.
        #expect(context.normalize && !context.sign_body && context.omit_session_token != true)
        var request = try parseRawRequest(Vectors.text("\(base)/request.txt"))
        let signer = SigV4Signer(
            credentials: AWSCredentials(
                accessKeyId: context.credentials.access_key_id,
                secretAccessKey: context.credentials.secret_access_key, sessionToken: context.credentials.token),
            region: context.region, service: context.service)
        let result = signer.sign(&request, date: suiteDate)
        #expect(result.canonicalRequest == stripCR(try Vectors.text("\(base)/header-canonical-request.txt")))
        #expect(result.stringToSign == stripCR(try Vectors.text("\(base)/header-string-to-sign.txt")))
        #expect(result.signature == stripCR(try Vectors.text("\(base)/header-signature.txt")))
    }
}

@Suite struct EC2SigV4GoldenTests {
    struct File: Decodable { var cases: [Case] }
    struct Case: Decodable, CustomTestStringConvertible {
        struct Credentials: Decodable {
            var access_key_id: String
            var secret_access_key: String
            var session_token: String?
        }
        struct Request: Decodable {
            var method: String
            var url: String
            var headers: [String: String]
            var body: String
        }
        var id: String
        var credentials: Credentials
        var region: String
        var service: String
        var timestamp: String
        var request: Request
        var payload_sha256: String
        var signature: String
        var canonical_request: String
        var string_to_sign: String
        var signed_headers: [String: String]
        var authorization: String
        var testDescription: String { id }
    }

    static func cases() throws -> [Case] { try Vectors.json(File.self, "golden/ec2-sg-sigv4.json").cases }

    @Test func allEighteenCasesArePresent() throws {
        #expect(try Self.cases().count == 18)
    }

    @Test(arguments: 0..<18)
    func goldenCaseSignsExactly(_ index: Int) throws {
        let all = try Self.cases()
        try #require(index < all.count)
        let golden = all[index]
        let url = try #require(URL(string: golden.request.url))
        let host = try #require(url.host)
        var request = SigV4Request(
            method: golden.request.method, path: url.path.isEmpty ? "/" : url.path,
            headers: golden.request.headers.map { (name: $0.key, value: $0.value) } + [(name: "Host", value: host)],
            body: Array(golden.request.body.utf8))
        let signer = SigV4Signer(
            credentials: AWSCredentials(
                accessKeyId: golden.credentials.access_key_id, secretAccessKey: golden.credentials.secret_access_key,
                sessionToken: golden.credentials.session_token),
            region: golden.region, service: golden.service)
        let result = signer.sign(&request, date: suiteDate)
        #expect(SigV4Signer.hexSHA256(request.body) == golden.payload_sha256, "\(golden.id)")
        #expect(result.canonicalRequest == golden.canonical_request, "\(golden.id)")
        #expect(result.stringToSign == golden.string_to_sign, "\(golden.id)")
        #expect(result.signature == golden.signature, "\(golden.id)")
        #expect(result.authorization == golden.authorization, "\(golden.id)")
        for (name, value) in golden.signed_headers {
            #expect(request.header(name) == value, "\(golden.id): header \(name)")
        }
    }

    @Test func amzDateFormatsUTC() {
        var request = SigV4Request(method: "GET", headers: [(name: "Host", value: "h")])
        SigV4Signer(credentials: suiteCredentials, region: "r").sign(
            &request, date: Date(timeIntervalSince1970: 951_782_400))
        #expect(request.header("x-amz-date") == "20000229T000000Z")
    }

    @Test func credentialsDescriptionHidesSecretAndToken() {
        let credentials = AWSCredentials(
            accessKeyId: "AKID", secretAccessKey: "CANARY-SECRET", sessionToken: "CANARY-TOKEN")
        let text = "\(credentials) \(String(reflecting: credentials))"
        #expect(!text.contains("CANARY"))
        #expect(text.contains("AKID"))
    }
}
