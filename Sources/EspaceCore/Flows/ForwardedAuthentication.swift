import Foundation
import Parsers

/// A staff forward acts for the original's sender. When the original still carries the town MX's own
/// Authentication-Results and that verdict is a failure, the original was not from that sender: it is not acted on.
public enum ForwardedAuthentication {
    /// The original's header fields that can carry the MX's verdict: an attached message's whole header, or the
    /// `Authentication-Results` lines an inline forward shows (with their continuation lines).
    static func fields(_ m: ParsedMessage) -> [HeaderField] {
        if m.forwarded?.viaAttachedMessage == true,
           let attached = m.root.leaves.first(where: { $0.message != nil })?.message {
            return attached.headers.fields
        }
        var fields: [HeaderField] = []
        var current: String? = nil
        func flush() {
            if let c = current { fields.append(HeaderField(name: "Authentication-Results", raw: c, value: c)) }
            current = nil
        }
        for rawLine in m.textBody.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(rawLine.replacingOccurrences(of: "\r", with: ""))
            while line.first == ">" { line = line.dropFirst(); if line.first == " " { line = line.dropFirst() } }
            if current != nil, line.first == " " || line.first == "\t" {
                current! += " " + line.trimmedWhitespace
                continue
            }
            flush()
            let name = "authentication-results:"
            if line.lowercased().hasPrefix(name) {
                current = line.dropFirst(name.count).trimmedWhitespace
            }
        }
        flush()
        return fields
    }

    /// Why the forwarded original must not be acted on (French, for staff and the review folder), or nil.
    /// Only an explicit failure recorded by a trusted authserv-id counts: an inline forward usually shows no
    /// header at all, and staff vouch for it. Policy `none` verifies nothing, here too.
    public static func failure(of m: ParsedMessage, sender: String, trust: Settings.Trust,
                               suffixes: PublicSuffixList? = OrganizationalDomains.system) -> String? {
        let policy = trust.policy.lowercased()
        guard policy == "dmarc" || policy == "aligned" else { return nil }
        let v = AuthenticationResults.verdict(fields: fields(m), trustedIds: trust.authservIds, internalHosts: trust.internalHosts)
        guard v.trustedHeaderFound else { return nil }
        let domain = String(sender.split(separator: "@").last ?? "")
        if v.dmarcFail { return "le serveur de la ville a noté un échec DMARC pour le message d’origine (\(domain))" }
        if policy == "aligned" && (v.spfFail || v.dkimFail) {
            let passes = (v.spfPassDomain.map { [$0] } ?? []) + v.dkimPassDomains
            if !passes.contains(where: { OrganizationalDomains.aligned($0, with: domain, list: suffixes) }) {
                let which = [v.spfFail ? "SPF" : nil, v.dkimFail ? "DKIM" : nil].compactMap { $0 }.joined(separator: " et ")
                return "le serveur de la ville a noté un échec \(which) pour le message d’origine (\(domain))"
            }
        }
        return nil
    }
}
