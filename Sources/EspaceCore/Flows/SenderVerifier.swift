import Parsers

/// Applies the configured trust policy to a message's Authentication-Results (see README, « Sécurité »).
public struct SenderVerifier {
    let trust: Settings.Trust

    public init(trust: Settings.Trust) { self.trust = trust }

    /// nil when the From address is verified under the policy; otherwise why not, for the review folder.
    public func failure(fields: [HeaderField], fromAddress: String) -> String? {
        let policy = trust.policy.lowercased()
        if policy == "none" { return nil }
        let verdict = AuthenticationResults.verdict(fields: fields, trustedIds: trust.authservIds,
                                                    internalHosts: trust.internalHosts)
        guard verdict.trustedHeaderFound else { return "aucun Authentication-Results de confiance" }
        let domain = String(fromAddress.split(separator: "@").last ?? "")
        switch policy {
        case "dmarc":
            return verdict.dmarcPass ? nil : "DMARC non validé pour \(domain)"
        case "aligned":
            if verdict.dmarcPass { return nil }
            if let spf = verdict.spfPassDomain, AuthenticationResults.aligned(spf, with: domain) { return nil }
            if verdict.dkimPassDomains.contains(where: { AuthenticationResults.aligned($0, with: domain) }) { return nil }
            return "ni SPF ni DKIM alignés avec \(domain)"
        default:
            return "politique de confiance inconnue « \(trust.policy) »"
        }
    }
}
