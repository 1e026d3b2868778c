import Foundation

/// What the town's own receiving server said about a message (RFC 8601), and only that.
public struct AuthenticationVerdict: Sendable, Equatable {
    public var dmarcPass = false
    /// The `header.from` the DMARC result is about.
    public var dmarcDomain: String?
    public var spfPassDomain: String?
    public var dkimPassDomains: [String] = []
    /// Explicit failures the town's MX recorded (`dmarc=fail`, `spf=fail`, `dkim=fail`).
    public var dmarcFail = false
    public var spfFail = false
    public var dkimFail = false
    /// True when the town's header was found.
    public var trustedHeaderFound = false
    public init() {}
}

public enum AuthenticationResults {
    /// - Parameter fields: the message's header fields in order (top = most recent hop).
    ///
    /// The town's servers prepend their headers. Walking down from the top, `Received` lines of `internalHosts`
    /// (relays after the MX, e.g. the mailbox's LMTP) are passed over; the MX's own `Received` (its `by` is an
    /// authserv-id) is where the message entered the town, and nothing below it can be trusted; any other
    /// `Received` ends the search too. Only the topmost `Authentication-Results` with a trusted authserv-id counts:
    /// a later one, even trusted-looking, may have been written by the sender.
    public static func verdict(fields: [HeaderField], trustedIds: [String], internalHosts: [String] = []) -> AuthenticationVerdict {
        var v = AuthenticationVerdict()
        let trusted = Set(trustedIds.map { $0.lowercased() })
        let relays = Set(internalHosts.map { $0.lowercased() }).subtracting(trusted)
        for f in fields {
            let name = f.name.lowercased()
            if name == "received" {
                if let by = receivedBy(f.raw), relays.contains(by) { continue }
                break
            }
            // Trust-deciding fields are matched exactly: `Authentication-Results :` is not the MX's header.
            guard f.name.caseInsensitiveCompare("Authentication-Results") == .orderedSame,
                  f.name == f.name.trimmedWhitespace else { continue }
            let clauses = splitClauses(f.raw)
            guard let first = clauses.first,
                  let authserv = first.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map({ String($0) }),
                  trusted.contains(authserv.lowercased()) else { continue }
            v.trustedHeaderFound = true
            for clause in clauses.dropFirst() {
                let tokens = tokenize(clause)
                guard let head = tokens.first, let eq = head.firstIndex(of: "=") else { continue }
                let method = head[..<eq].lowercased()
                let result = head[head.index(after: eq)...].lowercased()
                var props: [String: String] = [:]
                for t in tokens.dropFirst() {
                    guard let e = t.firstIndex(of: "=") else { continue }
                    let key = t[..<e].lowercased()
                    if props[key] == nil { props[key] = String(t[t.index(after: e)...]) }
                }
                switch (method, result) {
                case ("dmarc", "pass"):
                    v.dmarcPass = true
                    v.dmarcDomain = props["header.from"].map { domainOf($0).lowercased() }
                case ("spf", "pass"):
                    v.spfPassDomain = (props["smtp.mailfrom"].map(domainOf) ?? props["smtp.helo"])?.lowercased()
                case ("dkim", "pass"):
                    if let d = props["header.d"] ?? props["header.i"].map(domainOf) { v.dkimPassDomains.append(d.lowercased()) }
                case ("dmarc", "fail"): v.dmarcFail = true
                case ("spf", "fail"): v.spfFail = true
                case ("dkim", "fail"): v.dkimFail = true
                default:
                    break
                }
            }
            break // the topmost trusted header only
        }
        return v
    }

    /// `;`-separated clauses, with comments removed and quoted strings kept whole (a `;` inside quotes is data).
    static func splitClauses(_ raw: String) -> [String] {
        var clauses: [String] = []
        var current = ""
        var depth = 0
        var quoted = false
        var escaped = false
        for c in raw {
            if escaped { if depth == 0 { current.append(c) }; escaped = false; continue }
            if c == "\\" && (quoted || depth > 0) { escaped = true; if depth == 0 { current.append(c) }; continue }
            if quoted {
                current.append(c)
                if c == "\"" { quoted = false }
                continue
            }
            if c == "(" { depth += 1; continue }
            if c == ")" && depth > 0 { depth -= 1; continue }
            if depth > 0 { continue }
            if c == "\"" { quoted = true; current.append(c); continue }
            if c == ";" { clauses.append(current.trimmedWhitespaceAndNewlines); current = ""; continue }
            current.append(c)
        }
        clauses.append(current.trimmedWhitespaceAndNewlines)
        return clauses.filter { !$0.isEmpty }
    }

    /// Whitespace-separated tokens of one clause; quoted strings stay inside their token, quotes removed.
    static func tokenize(_ clause: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var quoted = false
        for c in clause {
            if c == "\"" { quoted.toggle(); continue }
            if !quoted && (c == " " || c == "\t" || c == "\r" || c == "\n") {
                if !current.isEmpty { tokens.append(current); current = "" }
                continue
            }
            current.append(c)
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
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
}
