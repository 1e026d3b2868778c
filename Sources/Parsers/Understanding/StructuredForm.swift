/// The town's help-page form: a subject keyword and `Champ : valeur` lines.
struct FormFields {
    var intent: Intent?
    var children: String?
    var from: String?
    var to: String?
    var dates: String?
    var activity: String?
    var slot: String?
    var reason: String?
    var key: String?
    var phone: String?
    var address: String?
    var postalCode: String?
    var city: String?
    var email: String?
    /// `Facture en ligne : oui` / `non`.
    var einvoice: Bool?
    /// Lines that are not form fields, to be read as free text.
    var otherLines: [String] = []
    /// A form is present when a field beyond contact details appears.
    var isForm: Bool { intent != nil || children != nil || from != nil || to != nil || dates != nil || activity != nil || slot != nil || key != nil || einvoice != nil }
}

enum StructuredForm {
    private static let field = Pattern(#"^\s*[-*•]?\s*([A-Za-zÀ-ÿ()'’ \-]{1,32}?)\s*[:：]\s*(.*?)\s*$"#)

    static func read(_ lines: [String]) -> FormFields {
        var f = FormFields()
        for line in lines {
            let normalised = line.replacingEvery("\u{a0}", with: " ").replacingEvery("\u{202f}", with: " ")
            guard let m = field.firstMatch(normalised), let rawName = m[1], let value = m[2], !value.isEmpty else {
                f.otherLines.append(line); continue
            }
            let name = TextFolding.foldCollapsed(rawName).replacingEvery("(s)", with: "s")
            switch name {
            case "objet", "demande", "type", "type de demande":
                if let i = keyword(value) { f.intent = i } else { f.otherLines.append(line) }
            case "enfant", "enfants", "prenom", "prenoms", "prenom de l'enfant", "prenoms des enfants", "nom de l'enfant":
                f.children = value
            case "du", "debut", "a partir du", "date de debut", "depuis le": f.from = value
            case "au", "fin", "jusqu'au", "date de fin": f.to = value
            case "date", "dates", "le", "jour", "jours", "date de l'absence", "dates de l'absence": f.dates = value
            case "activite", "activites", "service", "prestation": f.activity = value
            case "creneau", "creneaux", "horaire", "formule": f.slot = value
            case "motif", "raison", "cause": f.reason = value
            case "cle", "cle d'activation", "code", "code d'activation", "cle d'acces": f.key = value
            case "facture en ligne", "factures en ligne", "facturation en ligne", "online invoices", "e-invoicing":
                let v = TextFolding.foldCollapsed(value)
                if ["oui", "yes", "o", "y"].contains(v) { f.einvoice = true; if f.intent == nil { f.intent = .einvoice } }
                else if ["non", "no", "n"].contains(v) { f.einvoice = false; if f.intent == nil { f.intent = .einvoice } }
            case "telephone", "tel", "portable", "numero", "numero de telephone", "nouveau numero", "nouveau telephone":
                f.phone = value
            case "adresse", "nouvelle adresse", "adresse postale": f.address = value
            case "code postal", "cp": f.postalCode = value
            case "ville", "commune": f.city = value
            case "email", "e-mail", "courriel", "mail", "adresse mail", "adresse e-mail", "adresse email", "adresse electronique",
                 "nouvel e-mail", "nouvelle adresse mail", "nouvelle adresse e-mail":
                f.email = value
            default:
                f.otherLines.append(line)
            }
        }
        return f
    }

    /// The intent named by a form's `Objet :` or a subject that is only a keyword.
    static func keyword(_ s: String) -> Intent? {
        let k = TextFolding.foldCollapsed(s).trimmingCharacters(in: CharacterSet(charactersIn: " .!:-"))
        let table: [(String, Intent)] = [
            ("absence", .absence), ("absences", .absence), ("absent", .absence), ("absente", .absence),
            ("reservation", .reservation), ("reservations", .reservation), ("inscription", .reservation),
            ("inscriptions", .reservation), ("reserver", .reservation), ("inscrire", .reservation),
            ("annulation", .cancellation), ("annulations", .cancellation), ("annuler", .cancellation),
            ("desinscription", .cancellation),
            ("activation", .activation), ("activer", .activation), ("activation du compte", .activation),
            ("activation espace famille", .activation),
            ("facture en ligne", .einvoice), ("factures en ligne", .einvoice), ("facturation en ligne", .einvoice),
            ("factures", .invoices), ("facture", .invoices), ("paiement", .invoices), ("payer", .invoices),
            ("mes factures", .invoices),
            ("recapitulatif", .summary), ("recap", .summary), ("releve", .summary),
            ("coordonnees", .contact), ("changement de coordonnees", .contact), ("contact", .contact),
            ("modification de coordonnees", .contact), ("nouvelles coordonnees", .contact),
            ("aide", .help), ("help", .help),
        ]
        return table.first(where: { $0.0 == k })?.1
    }
}

import Foundation
