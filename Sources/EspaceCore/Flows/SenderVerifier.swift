import Parsers

/// Applies the configured trust policy to a message's Authentication-Results (see README, « Sécurité »).
public struct SenderVerifier {
    let trust: Settings.Trust
    /// For relaxed alignment; nil means exact-domain alignment.
    let suffixes: PublicSuffixList?

    public init(trust: Settings.Trust, suffixes: PublicSuffixList? = OrganizationalDomains.system) {
        self.trust = trust; self.suffixes = suffixes
    }

    /// nil when the From address is verified under the policy; otherwise why not, for the review folder.
    public func failure(fields: [HeaderField], fromAddress: String) -> String? {
        // One From field holding one plain mailbox, or nothing is trusted: an address only an encoded word or
        // quoting makes look like a parent's is someone else's.
        let froms = fields.filter { $0.name.caseInsensitiveCompare("From") == .orderedSame }
        guard froms.count == 1 else { return "\(froms.count) champs From" }
        let mailboxes = AddressParser.parseList(froms[0].raw)
        guard mailboxes.count == 1 else { return "From avec \(mailboxes.count) adresses" }
        let address = mailboxes[0].address
        if address.contains("=?") || address.contains("\"") || address.contains("\\") || address.lowercased() != fromAddress {
            return "adresse From ambiguë"
        }
        let policy = trust.policy.lowercased()
        if policy == "none" { return nil }
        let verdict = AuthenticationResults.verdict(fields: fields, trustedIds: trust.authservIds,
                                                    internalHosts: trust.internalHosts)
        guard verdict.trustedHeaderFound else { return "aucun Authentication-Results de confiance" }
        let domain = String(fromAddress.split(separator: "@").last ?? "")
        let dmarcForFrom = verdict.dmarcPass && (verdict.dmarcDomain.map { $0 == domain.lowercased() } ?? false)
        switch policy {
        case "dmarc":
            return dmarcForFrom ? nil : "DMARC non validé pour \(domain)"
        case "aligned":
            if dmarcForFrom { return nil }
            if let spf = verdict.spfPassDomain, OrganizationalDomains.aligned(spf, with: domain, list: suffixes) { return nil }
            if verdict.dkimPassDomains.contains(where: { OrganizationalDomains.aligned($0, with: domain, list: suffixes) }) { return nil }
            return "ni SPF ni DKIM alignés avec \(domain)"
        default:
            return "politique de confiance inconnue « \(trust.policy) »"
        }
    }
}
