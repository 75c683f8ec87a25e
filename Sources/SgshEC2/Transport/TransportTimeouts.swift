// How long one attempt may wait on the network, as the AWS CLI lets users set
// it: --connect-timeout / --read-timeout, else the profile's
// cli_connect_timeout / cli_read_timeout, else the defaults below. A value of
// 0 means "wait as long as it takes", as in the AWS CLI.

/// The connect and read timeouts of one attempt.
public struct TransportTimeouts: Hashable, Sendable, CustomStringConvertible {
    /// How long to wait for a TCP (and TLS) connection; nil waits without limit.
    public var connect: Duration?
    /// How long to wait for the next bytes of an answer once the request is sent; nil waits without limit.
    public var read: Duration?

    /// sgsh's defaults: a connection within 10 s (a live endpoint answers a SYN in
    /// milliseconds), an answer within 60 s (the AWS CLI's read timeout).
    public static let defaults = TransportTimeouts(connect: .seconds(10), read: .seconds(60))

    /// Creates timeouts.
    public init(connect: Duration?, read: Duration?) {
        self.connect = connect
        self.read = read
    }

    /// The longest one attempt may take in all (connect, send, the whole answer); nil without limit.
    /// A server that trickles bytes forever is abandoned after this.
    public var attemptDeadline: Duration? {
        guard let connect, let read else { return nil }
        return connect + read + read
    }

    /// `connect 10 s, read 60 s`.
    public var description: String {
        "connect \(Self.text(connect)), read \(Self.text(read))"
    }

    /// `2 s`, `1.5 s`, `no limit`.
    public static func text(_ duration: Duration?) -> String {
        guard let duration else { return "no limit" }
        let (seconds, attoseconds) = duration.components
        if attoseconds == 0 { return "\(seconds) s" }
        let value = Double(seconds) + Double(attoseconds) / 1e18
        return "\((value * 1000).rounded() / 1000) s"
    }

    /// Parses a number of seconds (`5`, `0.5`; `0` is no limit) as the AWS CLI reads it.
    /// - Returns: `.some(nil)` for no limit, nil when the text is not a non-negative number.
    public static func parseSeconds(_ text: String) -> Duration?? {
        guard let value = Double(text.trimmingASCIIWhitespace()), value.isFinite, value >= 0, value <= 86_400
        else { return nil }
        if value == 0 { return .some(nil) }
        return .some(.nanoseconds(Int64((value * 1e9).rounded())))
    }
}
