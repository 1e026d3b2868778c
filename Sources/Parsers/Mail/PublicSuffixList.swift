import Foundation

/// The Public Suffix List (publicsuffix.org), for DMARC relaxed alignment: two domains are aligned when they have
/// the same organizational domain (RFC 7489 §3.2), and a public suffix (`fr`, `co.uk`, `test`) is nobody's.
public struct PublicSuffixList: Sendable {
    private let rules: Set<String>
    private let wildcards: Set<String>   // `*.ck` stored as `ck`
    private let exceptions: Set<String>  // `!www.ck` stored as `www.ck`

    /// Parses the list's text format: one rule per line, `//` comments, `*.` wildcards and `!` exceptions.
    public init(text: String) {
        var rules = Set<String>(), wildcards = Set<String>(), exceptions = Set<String>()
        for line in text.split(whereSeparator: \.isNewline) {
            guard let rule = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map({ $0.lowercased() }),
                  !rule.hasPrefix("//") else { continue }
            if rule.hasPrefix("!") { exceptions.insert(String(rule.dropFirst())) }
            else if rule.hasPrefix("*.") { wildcards.insert(String(rule.dropFirst(2))) }
            else { rules.insert(rule) }
        }
        self.rules = rules; self.wildcards = wildcards; self.exceptions = exceptions
    }

    public var isEmpty: Bool { rules.isEmpty && wildcards.isEmpty }

    /// The registrable domain (public suffix plus one label), or nil when `domain` is itself a public suffix.
    /// Unlisted top-level domains are public suffixes (the list's implicit `*` rule).
    public func organizationalDomain(_ domain: String) -> String? {
        let labels = domain.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".")).split(separator: ".").map(String.init)
        guard !labels.isEmpty, !labels.contains(where: \.isEmpty) else { return nil }
        var suffixLength = 1  // the implicit `*` rule
        for n in 1...labels.count {
            let candidate = labels.suffix(n).joined(separator: ".")
            if exceptions.contains(candidate) { suffixLength = n - 1; break }  // an exception wins over every rule
            if rules.contains(candidate) { suffixLength = max(suffixLength, n) }
            if wildcards.contains(candidate), n < labels.count { suffixLength = max(suffixLength, n + 1) }
        }
        guard labels.count > suffixLength else { return nil }
        return labels.suffix(suffixLength + 1).joined(separator: ".")
    }

    /// Relaxed alignment: the same organizational domain. A public suffix aligns with nothing but itself.
    public func aligned(_ authenticated: String, with fromDomain: String) -> Bool {
        let a = authenticated.lowercased(), f = fromDomain.lowercased()
        if a == f { return organizationalDomain(a) != nil }
        guard let oa = organizationalDomain(a), let of = organizationalDomain(f) else { return false }
        return oa == of
    }
}
