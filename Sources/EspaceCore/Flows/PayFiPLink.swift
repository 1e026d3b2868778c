import Foundation
import Parsers

/// The PayFiP (DGFiP) payment link of one unpaid invoice.
public enum PayFiPLink {
    public static let base = "https://www.payfip.gouv.fr/tpa/paiement.web"

    /// The invoice reference reduced to 6–30 ASCII letters and digits (left-padded with zeros when shorter,
    /// keeping the end — the distinctive part — when longer).
    public static func refdet(_ reference: String) -> String {
        let kept = String(reference.unicodeScalars.filter { $0.isASCII && CharacterSet.alphanumerics.contains($0) }.map(Character.init))
        if kept.count > 30 { return String(kept.suffix(30)) }
        if kept.count < 6 { return String(repeating: "0", count: 6 - kept.count) + kept }
        return kept
    }

    /// ASCII letters, digits and spaces only (accents folded), single spaces, at most 100 characters.
    public static func objet(_ label: String) -> String {
        let folded = label.folding(options: [.diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
            .replacingEvery("œ", with: "oe").replacingEvery("Œ", with: "OE")
            .replacingEvery("æ", with: "ae").replacingEvery("Æ", with: "AE")
        var out = ""
        for ch in folded.unicodeScalars {
            let c = Character(ch)
            if ch.isASCII && (c.isLetter || c.isNumber) { out.append(c) } else if !out.hasSuffix(" ") && !out.isEmpty { out.append(" ") }
        }
        out = out.trimmedWhitespace
        if out.count > 100 { out = String(out.prefix(100)).trimmedWhitespace }
        return out
    }

    static let unreserved: CharacterSet = {
        var s = CharacterSet()
        s.insert(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return s
    }()

    static func encode(_ v: String) -> String { v.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "" }

    /// nil for a paid invoice, or when the configuration has no real 6-digit numcli.
    public static func make(invoice: InvoiceRecord, payfip: Settings.PayFiP, email: String) -> String? {
        guard !invoice.isPaid, invoice.amountCents > 0 else { return nil }
        guard Settings.PayFiP.isRealNumcli(payfip.numcli) else { return nil }
        let exer = CivilDate(iso: invoice.issueDate)?.year ?? Int(invoice.issueDate.prefix(4)) ?? 0
        let params: [(String, String)] = [
            ("numcli", payfip.numcli), ("exer", String(exer)), ("refdet", refdet(invoice.id)),
            ("objet", objet(invoice.label)), ("montant", String(invoice.amountCents)), ("mel", email),
            ("urlcl", payfip.urlcl), ("saisie", payfip.saisie),
        ]
        return base + "?" + params.map { "\($0.0)=\(encode($0.1))" }.joined(separator: "&")
    }
}
