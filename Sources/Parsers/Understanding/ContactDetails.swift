/// New phone number, postal address or e-mail address given by a parent.
enum ContactDetails {
    private static let email = Pattern(#"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"#)
    private static let address = Pattern(
        #"(\d{1,4}(?:\s?(?:bis|ter|b))?,?\s+(?:rue|avenue|av\.?|all[ée]e|chemin|impasse|place|boulevard|bd|route|r[ée]sidence|cours|lotissement|square|quai|passage|hameau|lieu-dit|cit[ée]|domaine|parc)\b[^,\n]*?)(?:\s*,\s*|\s+)(\d{5})\s+([A-Za-zÀ-ÿ'’\- ]+?)\s*(?:[.,;]|$)"#)
    private static let addressOnly = Pattern(
        #"(\d{1,4}(?:\s?(?:bis|ter|b))?,?\s+(?:rue|avenue|av\.?|all[ée]e|chemin|impasse|place|boulevard|bd|route|r[ée]sidence|cours|lotissement|square|quai|passage|hameau|lieu-dit|cit[ée]|domaine|parc)\b[^,.\n]*)"#)

    /// Details found in `text`; an address on one of the service's own domains (the town's, its staff's) is not a
    /// parent's new e-mail.
    static func read(_ text: String, serviceDomains: [String] = []) -> ContactChange? {
        var c = ContactChange()
        if let p = MessageCleaner.phones(in: text).first { c.phone = normalisePhone(p) }
        func isService(_ address: String) -> Bool {
            guard let at = address.lastIndex(of: "@") else { return false }
            let domain = address[address.index(after: at)...].lowercased()
            return serviceDomains.contains { d in domain == d.lowercased() || domain.hasSuffix("." + d.lowercased()) }
        }
        if let e = email.allMatches(text).compactMap({ $0[0] }).first(where: { !isService($0) }) {
            c.email = e.lowercased()
        }
        if let m = address.firstMatch(text) {
            c.address = m[1]?.trimmedWhitespace
            c.postalCode = m[2]
            c.city = m[3]?.trimmedWhitespace
        } else if let m = addressOnly.firstMatch(text) {
            c.address = m[1]?.trimmedWhitespace
        }
        return c == ContactChange() ? nil : c
    }

    /// A line that holds contact details and little else ("06 33 48 12 90", "Tél. : 06 33 48 12 90").
    static func isOnlyDetails(_ text: String, serviceDomains: [String] = []) -> Bool {
        guard read(text, serviceDomains: serviceDomains) != nil else { return false }
        var rest = text
        for p in MessageCleaner.phones(in: text) { rest = rest.replacingOccurrences(of: p, with: " ") }
        for e in email.allMatches(text).compactMap({ $0[0] }) { rest = rest.replacingOccurrences(of: e, with: " ") }
        if let m = address.firstMatch(rest), let whole = m[0] { rest = rest.replacingOccurrences(of: whole, with: " ") }
        let words = TextFolding.foldCollapsed(rest).split(whereSeparator: { !$0.isLetter }).map(String.init)
        let allowed: Set<String> = ["tel", "telephone", "portable", "mobile", "fixe", "numero", "mail", "e-mail", "email",
                                    "courriel", "e", "adresse", "nouveau", "nouvelle", "mon", "ma", "le", "la", "est"]
        return words.allSatisfy { allowed.contains($0) }
    }

    /// "0633481290", "+33 6 33 48 12 90" → "06 33 48 12 90".
    static func normalisePhone(_ s: String) -> String {
        var digits = String(s.filter(\.isNumber))
        if digits.hasPrefix("0033") { digits = "0" + digits.dropFirst(4) }
        else if digits.hasPrefix("33"), digits.count == 11 { digits = "0" + digits.dropFirst(2) }
        if digits.count == 11, digits.hasPrefix("330") { digits = String(digits.dropFirst(2)) }
        guard digits.count == 10 else { return s.trimmedWhitespace }
        let chars = Array(digits)
        return stride(from: 0, to: 10, by: 2).map { String(chars[$0..<($0 + 2)]) }.joined(separator: " ")
    }

    static func merge(_ a: ContactChange?, _ b: ContactChange?) -> ContactChange? {
        guard let a else { return b }
        guard let b else { return a }
        return ContactChange(phone: a.phone ?? b.phone, address: a.address ?? b.address,
                             postalCode: a.postalCode ?? b.postalCode, city: a.city ?? b.city, email: a.email ?? b.email)
    }
}
