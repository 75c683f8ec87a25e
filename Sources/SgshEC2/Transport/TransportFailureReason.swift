// Turns what async-http-client and SwiftNIO throw into a short reason a user
// reads in one line ("connection refused", "no answer within 2 s"): no
// library type names, no unbalanced brackets from their descriptions. The
// library's own text goes to --debug only.

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Why an attempt got no response, in words.
struct TransportFailureReason: Hashable, Sendable {
    /// The reason (`connection refused`, `no answer within 60 s`).
    var text: String
    /// True when a timeout ended the attempt.
    var isTimeout: Bool

    /// The reason for `error`, given the timeouts the attempt ran with.
    init(_ error: any Error, timeouts: TransportTimeouts, deadline: Duration?) {
        switch error {
        case let error as HTTPClientError:
            self = Self.reason(error, timeouts: timeouts, deadline: deadline)
        case let error as IOError:
            self.init(text: Self.reason(errno: error.errnoCode), isTimeout: error.errnoCode == ETIMEDOUT)
        case let error as NIOConnectionError:
            if error.dnsAError != nil || error.dnsAAAAError != nil {
                self.init(text: "the host name \(error.host) was not found", isTimeout: false)
            } else if let first = error.connectionErrors.first {
                self.init(first.error, timeouts: timeouts, deadline: deadline)
            } else {
                self.init(text: "no address to connect to for \(error.host)", isTimeout: false)
            }
        case is NIOSSLError, is BoringSSLError:
            self.init(text: "the TLS handshake failed", isTimeout: false)
        case let error as ChannelError:
            switch error {
            case .connectTimeout:
                self.init(text: Self.connectTimeoutText(timeouts), isTimeout: true)
            case .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed:
                self.init(text: "the connection was closed before an answer arrived", isTimeout: false)
            default:
                self.init(text: "the connection failed", isTimeout: false)
            }
        default:
            self.init(text: "the connection failed", isTimeout: false)
        }
    }

    init(text: String, isTimeout: Bool) {
        self.text = text
        self.isTimeout = isTimeout
    }

    private static func reason(_ error: HTTPClientError, timeouts: TransportTimeouts, deadline: Duration?) -> Self {
        switch error {
        case .connectTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout:
            Self(text: connectTimeoutText(timeouts), isTimeout: true)
        case .readTimeout:
            Self(
                text:
                    "no answer within \(TransportTimeouts.text(timeouts.read)) (--read-timeout or the profile's cli_read_timeout sets it)",
                isTimeout: true)
        case .deadlineExceeded:
            Self(
                text:
                    "no complete answer within \(TransportTimeouts.text(deadline)) (twice --read-timeout plus --connect-timeout)",
                isTimeout: true)
        case .writeTimeout:
            Self(text: "the request could not be sent within the timeout", isTimeout: true)
        case .remoteConnectionClosed:
            Self(text: "the server closed the connection without answering", isTimeout: false)
        case .invalidURL, .emptyHost, .emptyScheme:
            Self(text: "the endpoint URL is not usable", isTimeout: false)
        default:
            Self(text: "the HTTP exchange failed", isTimeout: false)
        }
    }

    private static func connectTimeoutText(_ timeouts: TransportTimeouts) -> String {
        "no connection within \(TransportTimeouts.text(timeouts.connect)) (--connect-timeout or the profile's cli_connect_timeout sets it)"
    }

    private static func reason(errno code: Int32) -> String {
        switch code {
        case ECONNREFUSED: "connection refused"
        case ECONNRESET: "the connection was reset"
        case ETIMEDOUT: "the connection timed out"
        case EHOSTUNREACH, ENETUNREACH: "no route to the host"
        case EPIPE: "the connection was closed while sending"
        default: "the connection failed (\(String(cString: strerror(code))))"
        }
    }
}
