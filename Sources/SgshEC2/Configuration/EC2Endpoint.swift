/// Small URL helpers that need no Foundation URL parsing quirks.
enum EC2Endpoint {
    /// `host[:port]` of an http(s) URL.
    static func authority(of url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        // Drop userinfo if present.
        if let at = authority.lastIndex(of: "@") { return String(authority[authority.index(after: at)...]) }
        return String(authority)
    }

    /// The host without port.
    static func host(of url: String) -> String? {
        guard let authority = authority(of: url) else { return nil }
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            return String(authority[...close])
        }
        return String(authority.prefix { $0 != ":" })
    }

    /// The Host header value: the authority without a default port.
    static func hostHeader(of url: String) -> String? {
        guard let authority = authority(of: url) else { return nil }
        if url.hasPrefix("https://"), authority.hasSuffix(":443") { return String(authority.dropLast(4)) }
        if url.hasPrefix("http://"), authority.hasSuffix(":80") { return String(authority.dropLast(3)) }
        return authority
    }

    /// The path of the URL (`/` when empty).
    static func path(of url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return "/" }
        let rest = url[schemeEnd.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        return String(rest[slash...].prefix { $0 != "?" && $0 != "#" })
    }

    /// The URL with a path of at least `/`.
    static func normalized(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        return url[schemeEnd.upperBound...].contains("/") ? url : url + "/"
    }
}
