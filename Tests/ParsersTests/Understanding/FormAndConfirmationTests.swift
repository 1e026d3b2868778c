import XCTest
@testable import Parsers

final class FormAndConfirmationTests: XCTestCase {
    typealias F = Fixture

    func testStructuredAbsence() {
        let r = F.read("Bonjour,\n\nObjet : Absence\nEnfant : Élise\nDu : 09/03/2027\nAu : 10/03/2027\nMotif : maladie\n\nLe certificat médical est joint.",
                       attachments: [F.pdf])
        XCTAssertEqual(r.count, 1)
        XCTAssertEqual(r[0].intent, .absence); XCTAssertEqual(r[0].children, ["Élise"])
        XCTAssertEqual(r[0].dates, F.span("2027-03-09", "2027-03-10")); XCTAssertTrue(r[0].certificate)
        XCTAssertEqual(r[0].reason, "maladie"); XCTAssertEqual(r[0].confidence, .certain)
    }

    func testStructuredIsInsensitive() {
        let r = F.read("OBJET\u{a0}: ANNULATION\nenfant   :   ELIOTT\nActivite : Cantine\nDATE(S) : 15/03, 16/03 et 18/03")
        XCTAssertEqual(r.count, 1)
        XCTAssertEqual(r[0].intent, .cancellation); XCTAssertEqual(r[0].children, ["Éliott"])
        XCTAssertEqual(r[0].activity, .restauration)
        XCTAssertEqual(r[0].dates, F.days("2027-03-15", "2027-03-16", "2027-03-18")); XCTAssertEqual(r[0].confidence, .certain)
    }

    func testStructuredReservationWithSubjectKeyword() {
        let r = F.read("Enfant : Élise\nActivité : ALSH vacances\nDu : 12/04/2027\nAu : 16/04/2027\nCréneau : journée avec repas",
                       subject: "Réservation")
        XCTAssertEqual(r[0].intent, .reservation); XCTAssertEqual(r[0].activity, .alshVacances)
        XCTAssertEqual(r[0].slot, .journeeAvecRepas); XCTAssertEqual(r[0].dates.count, 5)
        XCTAssertEqual(r[0].confidence, .certain)
    }

    func testStructuredUnknownChild() {
        let r = F.read("Objet : Absence\nEnfant : Sacha\nDate : 15/03/2027")
        XCTAssertEqual(r[0].confidence, .unsure)
    }

    func testActivationKey() {
        var r = F.read("Objet : Activation\nClé : k7qf 3mzp 9whd")
        XCTAssertEqual(r.map(\.intent), [.activation]); XCTAssertEqual(r[0].key, "K7QF-3MZP-9WHD")
        r = F.read("Bonjour,\n\nClé\u{a0}: K7QF-3MZP-9WDH\n\nKarim")
        XCTAssertEqual(r[0].key, "K7QF-3MZP-9WDH"); XCTAssertEqual(r[0].confidence, .certain)
        r = F.read("Je voudrais activer mon espace, ma clé est k7qf3mzp9whd.")
        XCTAssertEqual(r.map(\.intent), [.activation]); XCTAssertEqual(r[0].key, "K7QF-3MZP-9WHD")
        r = F.read("Je voudrais activer mon espace famille.")
        XCTAssertEqual(r[0].intent, .activation); XCTAssertEqual(r[0].confidence, .unsure)
    }

    func testEinvoiceField() {
        let r = F.read("Facture en ligne : oui\n\nEt pouvez-vous m'envoyer mes factures à régler ? Je paierai en ligne.")
        XCTAssertEqual(r.map(\.intent), [.einvoice, .invoices]); XCTAssertEqual(r[0].einvoice, true)
    }

    func testConfirmations() {
        var r = F.read("Oui\n\nLe lun. 8 mars 2027 à 10:12, Espace Famille <espace-famille@mairie.test> a écrit :", repliesToUs: true)
        XCTAssertEqual(r.count, 1); XCTAssertEqual(r[0].intent, .confirm); XCTAssertEqual(r[0].confirmation, true)
        XCTAssertEqual(r[0].confidence, .certain)
        r = F.read("NON merci", subject: "Re: Espace Famille : merci de confirmer [Réf. EF-k7qf3mzp]")
        XCTAssertEqual(r[0].intent, .confirm); XCTAssertEqual(r[0].confirmation, false)
        XCTAssertEqual(r[0].token, "EF-K7QF3MZP"); XCTAssertEqual(r[0].confidence, .certain)
        r = F.read("Oui")
        XCTAssertEqual(r[0].intent, .confirm); XCTAssertEqual(r[0].confidence, .unsure)
        r = F.read("Oui. Et Éliott sera absent demain.", repliesToUs: true)
        XCTAssertEqual(r.map(\.intent), [.confirm, .absence])
        r = F.read("Bonjour,\n\nGaspard sera absent lundi prochain (vaccin chez le pédiatre), merci d’en tenir compte.",
                   subject: "RE: Espace Famille : votre réservation est enregistrée", family: F.daSilva, repliesToUs: true)
        XCTAssertEqual(r.map(\.intent), [.absence]); XCTAssertEqual(r[0].dates, F.days("2027-03-15"))
    }

    func testSubjectOnly() {
        let r = F.read("", subject: "Récapitulatif")
        XCTAssertEqual(r.map(\.intent), [.summary])
    }

    func testSubjectGivesMissingPieces() {
        let r = F.read("Elle sera absente.", subject: "Absence Élise 16 mars")
        XCTAssertEqual(r[0].children, ["Élise"]); XCTAssertEqual(r[0].dates, F.days("2027-03-16"))
    }
}
