import Foundation

/// Reads the Authentication-Results headers (RFC 8601) that the town's own receiving server added, and only those.
public struct AuthenticationVerdict: Sendable, Equatable {
    public var dmarcPass = false
    public var spfPassDomain: String?
    public var dkimPassDomains: [String] = []
    /// True when at least one trusted header was found.
    public var trustedHeaderFound = false
    public init() {}
}

public enum AuthenticationResults {
    /// - Parameter fields: the message's header fields in order (top = most recent hop).
    /// Only headers above the first `Received` line added by another server are considered: the town's servers
    /// prepend their headers at the top, so anything below a foreign hop could have been written by anyone.
    /// A Received line is the town's when its `by` host is one of `internalHosts` (the authserv-ids count too).
    public static func verdict(fields: [HeaderField], trustedIds: [String], internalHosts: [String] = []) -> AuthenticationVerdict {
        var v = AuthenticationVerdict()
        let trusted = Set(trustedIds.map { $0.lowercased() })
        let ours = Set((trustedIds + internalHosts).map { $0.lowercased() })
        for f in fields {
            let name = f.name.lowercased()
            if name == "received" {
                if let by = receivedBy(f.raw), ours.contains(by) { continue }
                break
            }
            guard name == "authentication-results" else { continue }
            let value = stripComments(f.raw)
            let parts = value.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let first = parts.first else { continue }
            let authserv = first.split(separator: " ").first.map { $0.lowercased() } ?? ""
            guard trusted.contains(authserv) else { continue }
            v.trustedHeaderFound = true
            for clause in parts.dropFirst() {
                let tokens = clause.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                guard let method = tokens.first?.lowercased() else { continue }
                let result = method.split(separator: "=").dropFirst().first.map { $0.lowercased() } ?? ""
                let props = Dictionary(tokens.dropFirst().compactMap { t -> (String, String)? in
                    guard let eq = t.firstIndex(of: "=") else { return nil }
                    return (t[..<eq].lowercased(), String(t[t.index(after: eq)...]).trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
                }, uniquingKeysWith: { a, _ in a })
                if method.hasPrefix("dmarc="), result == "pass" { v.dmarcPass = true }
                if method.hasPrefix("spf="), result == "pass" {
                    let d = props["smtp.mailfrom"].map(domainOf) ?? props["smtp.helo"]
                    v.spfPassDomain = d?.lowercased()
                }
                if method.hasPrefix("dkim="), result == "pass", let d = props["header.d"] ?? props["header.i"].map(domainOf) {
                    v.dkimPassDomains.append(d.lowercased())
                }
            }
        }
        return v
    }

    /// The host after `by` in a Received line.
    static func receivedBy(_ raw: String) -> String? {
        let tokens = stripComments(raw).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" })
        guard let i = tokens.firstIndex(where: { $0.lowercased() == "by" }), i + 1 < tokens.count else { return nil }
        return tokens[i + 1].lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ";"))
    }

    static func domainOf(_ s: String) -> String {
        String(s.split(separator: "@").last ?? Substring(s))
    }

    static func stripComments(_ s: String) -> String {
        var out = ""
        var depth = 0
        for c in s {
            if c == "(" { depth += 1; continue }
            if c == ")" { depth = max(0, depth - 1); continue }
            if depth == 0 { out.append(c) }
        }
        return out
    }

    /// Relaxed alignment (RFC 7489): same organisational domain, approximated as a shared suffix on a label boundary.
    public static func aligned(_ authenticated: String, with fromDomain: String) -> Bool {
        let a = authenticated.lowercased(), f = fromDomain.lowercased()
        return a == f || f.hasSuffix("." + a) || a.hasSuffix("." + f)
    }
}
