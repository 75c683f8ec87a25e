// AWS Signature Version 4 for the EC2 Query API.
//
// The signer works on a plain value (`SigV4Request`: method, path, raw query,
// header list, body) rather than on an HTTP client type, so that it can be
// checked against the AWS test suite byte for byte and used by any transport.
// It signs every header it is given, as botocore does; the EC2 client gives it
// exactly Content-Type, Host, X-Amz-Date and, with temporary credentials,
// X-Amz-Security-Token (signed, like botocore).

import Crypto
import Foundation

/// Signs requests with AWS Signature Version 4 for one region and service.
public struct SigV4Signer: Sendable {
    /// The credentials that sign.
    public var credentials: AWSCredentials
    /// The region in the credential scope (`us-east-1`).
    public var region: String
    /// The service in the credential scope (`ec2`).
    public var service: String

    /// Creates a signer.
    public init(credentials: AWSCredentials, region: String, service: String = "ec2") {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// Adds `X-Amz-Date` (unless present), `X-Amz-Security-Token` (with temporary
    /// credentials, unless present) and `Authorization` to the request.
    /// - Parameter normalizePath: remove `.`/`..` segments and duplicate slashes from the
    ///   path before encoding it (every service but S3).
    /// - Returns: the canonical request, string to sign and signature that were used.
    @discardableResult
    public func sign(_ request: inout SigV4Request, date: Date, normalizePath: Bool = true) -> SigV4Signature {
        let stamp = AMZDate(date)
        if request.header("x-amz-date") == nil {
            request.headers.append((name: "X-Amz-Date", value: stamp.dateTime))
        }
        if let token = credentials.sessionToken, request.header("x-amz-security-token") == nil {
            request.headers.append((name: "X-Amz-Security-Token", value: token))
        }
        let result = signature(for: request, stamp: stamp, normalizePath: normalizePath)
        request.headers.removeAll { $0.name.lowercased() == "authorization" }
        request.headers.append((name: "Authorization", value: result.authorization))
        return result
    }

    /// Computes the signature of a request as it stands, without changing it.
    public func signature(for request: SigV4Request, date: Date, normalizePath: Bool = true) -> SigV4Signature {
        signature(for: request, stamp: AMZDate(date), normalizePath: normalizePath)
    }

    private func signature(for request: SigV4Request, stamp: AMZDate, normalizePath: Bool) -> SigV4Signature {
        let (canonicalHeaders, signedHeaders) = Self.canonicalHeaders(request.headers)
        let canonicalRequest = [
            request.method.uppercased(),
            Self.canonicalURI(request.path, normalize: normalizePath),
            Self.canonicalQuery(request.query),
            canonicalHeaders,
            signedHeaders,
            Self.hexSHA256(request.body),
        ].joined(separator: "\n")
        let scope = "\(stamp.date)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            "AWS4-HMAC-SHA256", stamp.dateTime, scope, Self.hexSHA256(Array(canonicalRequest.utf8)),
        ].joined(separator: "\n")
        var key = SymmetricKey(data: Array("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [stamp.date, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
        let authorization =
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"
        return SigV4Signature(
            canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: signature,
            signedHeaders: signedHeaders, authorization: authorization)
    }

    // MARK: - Canonical parts

    /// Lower-cased names, sorted; values trimmed with inner whitespace runs collapsed;
    /// repeated names joined with commas in their original order.
    static func canonicalHeaders(_ headers: [(name: String, value: String)]) -> (text: String, signed: String) {
        var order: [String] = []
        var values: [String: [String]] = [:]
        for header in headers {
            let name = header.name.lowercased()
            if name == "authorization" { continue }
            if values[name] == nil { order.append(name) }
            let folded = header.value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
                .joined(separator: " ")
            values[name, default: []].append(folded)
        }
        let names = order.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        let text = names.map { "\($0):\(values[$0]!.joined(separator: ","))\n" }.joined()
        return (text, names.joined(separator: ";"))
    }

    /// The path, optionally normalized, with each segment URI-encoded (slashes kept).
    static func canonicalURI(_ path: String, normalize: Bool) -> String {
        var decoded = percentDecode(path.isEmpty ? "/" : path)
        if normalize { decoded = normalizedPath(decoded) }
        return percentEncode(decoded, keepSlash: true)
    }

    /// Query pairs decoded, re-encoded per RFC 3986 and sorted by key, then value.
    static func canonicalQuery(_ query: String) -> String {
        guard !query.isEmpty else { return "" }
        let pairs: [(String, String)] = query.split(separator: "&", omittingEmptySubsequences: true).map { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = percentEncode(percentDecode(String(parts[0])), keepSlash: false)
            let value = parts.count > 1 ? percentEncode(percentDecode(String(parts[1])), keepSlash: false) : ""
            return (key, value)
        }
        return pairs.sorted { lhs, rhs in
            lhs.0 != rhs.0
                ? Array(lhs.0.utf8).lexicographicallyPrecedes(Array(rhs.0.utf8))
                : Array(lhs.1.utf8).lexicographicallyPrecedes(Array(rhs.1.utf8))
        }.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// RFC 3986 remove_dot_segments, plus collapsing repeated slashes; keeps a trailing slash.
    static func normalizedPath(_ path: String) -> String {
        var output: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !output.isEmpty { output.removeLast() }
            default: output.append(segment)
            }
        }
        var result = "/" + output.joined(separator: "/")
        let last = path.split(separator: "/", omittingEmptySubsequences: false).last
        if path.hasSuffix("/") || last == "." || last == ".." { if result != "/" { result += "/" } }
        return result
    }

    // MARK: - Encoding and hashing

    /// Percent-encodes everything but `A-Za-z0-9-_.~` (and `/` when asked), upper-case hex.
    /// Written into a byte buffer: a bulk request's body holds thousands of values.
    public static func percentEncode(_ text: String, keepSlash: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        percentEncode(text, keepSlash: keepSlash, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `percentEncode(_:keepSlash:)` appended to a buffer.
    /// - Parameters:
    ///   - text: the text to encode.
    ///   - keepSlash: true to leave `/` as it is (paths).
    ///   - out: the buffer the encoded bytes are appended to.
    public static func percentEncode(_ text: String, keepSlash: Bool, into out: inout [UInt8]) {
        percentEncode(bytes: text.utf8, keepSlash: keepSlash, into: &out)
    }

    /// `percentEncode(_:keepSlash:into:)` of UTF-8 bytes (a form name built as bytes).
    static func percentEncode(bytes: some Sequence<UInt8>, keepSlash: Bool, into out: inout [UInt8]) {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.append(byte)
            case UInt8(ascii: "/") where keepSlash:
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0xF)])
            }
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Decodes `%XX` escapes; malformed escapes are kept as they are.
    static func percentDecode(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Lower-case hex SHA-256 of the bytes.
    public static func hexSHA256(_ bytes: [UInt8]) -> String { hex(SHA256.hash(data: bytes)) }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
