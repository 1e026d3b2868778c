import XCTest
@testable import Parsers

final class FreeTextTests: XCTestCase {
    typealias F = Fixture

    func testIssueExamples() {
        var r = F.read("Léa sera absente demain, elle a de la fièvre, certificat en PJ", family: F.single("Léa"), attachments: [F.pdf])
        XCTAssertEqual(r.count, 1)
        XCTAssertEqual(r[0].intent, .absence); XCTAssertEqual(r[0].children, ["Léa"]); XCTAssertEqual(r[0].dates, F.days("2027-03-09"))
        XCTAssertTrue(r[0].certificate); XCTAssertEqual(r[0].confidence, .certain)

        r = F.read("pouvez-vous inscrire Sacha au centre de loisirs la première semaine des vacances, le matin avec repas",
                   family: F.single("Sacha"))
        XCTAssertEqual(r.count, 1)
        XCTAssertEqual(r[0].intent, .reservation); XCTAssertEqual(r[0].activity, .alshVacances)
        XCTAssertEqual(r[0].slot, .matinAvecRepas); XCTAssertEqual(r[0].dates, F.span("2027-04-12", "2027-04-16"))
        XCTAssertEqual(r[0].confidence, .certain)

        r = F.read("annulez la cantine de Hugo jeudi", family: F.single("Hugo"))
        XCTAssertEqual(r.map(\.intent), [.cancellation]); XCTAssertEqual(r[0].activity, .restauration)
        XCTAssertEqual(r[0].dates, F.days("2027-03-11")); XCTAssertEqual(r[0].confidence, .certain)
    }

    func testCertificateIsSniffedNotNamed() {
        let r = F.read("Élise sera absente demain, certificat joint.", attachments: [F.fakePdf])
        XCTAssertFalse(r[0].certificate)
    }

    func testNamesThatStartAlike() {
        var r = F.read("Éliott mangera à la cantine jeudi 18 mars.")
        XCTAssertEqual(r[0].children, ["Éliott"]); XCTAssertEqual(r[0].intent, .reservation)
        r = F.read("ELISE sera absente demain")
        XCTAssertEqual(r[0].children, ["Élise"])
        r = F.read("Eliot sera absent demain")
        XCTAssertEqual(r[0].children, ["Éliott"]); XCTAssertEqual(r[0].confidence, .unsure)
    }

    func testTwinsAndGroups() {
        var r = F.read("Les jumeaux ne mangeront pas à la cantine vendredi.", family: F.daSilva)
        XCTAssertEqual(r[0].children, ["Gaspard", "Héloïse"]); XCTAssertEqual(r[0].intent, .cancellation)
        XCTAssertEqual(r[0].confidence, .certain)
        r = F.read("Mes deux enfants seront absents demain.")
        XCTAssertEqual(r[0].children, ["Élise", "Éliott"]); XCTAssertEqual(r[0].confidence, .certain)
        r = F.read("Mes trois enfants seront absents demain.")
        XCTAssertEqual(r[0].confidence, .unsure)
        r = F.read("Les jumelles seront absentes demain.")
        XCTAssertEqual(r[0].confidence, .unsure)   // no twins in this family
    }

    func testCompoundNames() {
        var r = F.read("Marie Lou sera absente demain", family: F.marieLou)
        XCTAssertEqual(r[0].children, ["Marie-Lou"])
        r = F.read("marie-lou et Louis seront absents demain", family: F.marieLou)
        XCTAssertEqual(r[0].children, ["Marie-Lou", "Louis"])
        r = F.read("Marie sera absente demain", family: F.marieLou)
        XCTAssertEqual(r[0].children, ["Marie"])
    }

    func testNoNameSeveralChildrenIsUnsure() {
        let r = F.read("Mon enfant ne mangera pas à la cantine jeudi.")
        XCTAssertEqual(r[0].intent, .cancellation); XCTAssertEqual(r[0].children, [])
        XCTAssertEqual(r[0].confidence, .unsure)
        XCTAssertTrue(r[0].doubts[0].french.contains("Élise ou Éliott"))
    }

    func testOneChildNoName() {
        let r = F.read("Il ne mangera pas à la cantine jeudi.", family: F.single("Timothée"))
        XCTAssertEqual(r[0].children, ["Timothée"]); XCTAssertEqual(r[0].confidence, .certain)
    }

    func testChildOfAnotherFamily() {
        let r = F.read("Gaspard sera absent demain, il est malade.")
        XCTAssertEqual(r[0].children, ["Gaspard"]); XCTAssertEqual(r[0].confidence, .unsure)
    }

    func testTwoRequestsInOneSentence() {
        let r = F.read("Élise sera absente jeudi 11 et merci d'annuler la garderie du soir d'Éliott vendredi.")
        XCTAssertEqual(r.map(\.intent), [.absence, .cancellation])
        XCTAssertEqual(r[0].children, ["Élise"]); XCTAssertEqual(r[0].dates, F.days("2027-03-11"))
        XCTAssertEqual(r[1].children, ["Éliott"]); XCTAssertEqual(r[1].dates, F.days("2027-03-12"))
        XCTAssertEqual(r[1].activity, .periscolaireSoir)
        XCTAssertTrue(r.allSatisfy { $0.confidence == .certain })
    }

    func testSameDay() {
        let r = F.read("Élise sera absente jeudi 11 (orthophoniste). Et merci d'inscrire Éliott à la garderie du soir le même jour.")
        XCTAssertEqual(r.map(\.intent), [.absence, .reservation])
        XCTAssertEqual(r[1].dates, F.days("2027-03-11")); XCTAssertEqual(r[1].activity, .periscolaireSoir)
        XCTAssertEqual(r[0].reason, "orthophoniste")
    }

    func testHedgedAndUnclear() {
        var r = F.read("Élise sera peut-être absente demain.")
        XCTAssertEqual(r[0].confidence, .unsure)
        r = F.read("Pour mercredi c'est bon pour Élise je pense, je vous confirme plus tard.")
        XCTAssertEqual(r[0].intent, .unknown); XCTAssertEqual(r[0].confidence, .unsure)
        r = F.read("Bonjour, quel temps fait-il chez vous ?")
        XCTAssertEqual(r.map(\.intent), [.unknown]); XCTAssertEqual(r[0].confidence, .unsure)
    }

    func testGarderieNeedsMorningOrEvening() {
        var r = F.read("Merci d'inscrire Élise à la garderie jeudi 11.")
        XCTAssertEqual(r[0].confidence, .unsure)
        r = F.read("Merci d'inscrire Élise à la garderie du matin jeudi 11.")
        XCTAssertEqual(r[0].activity, .periscolaireMatin); XCTAssertEqual(r[0].confidence, .certain)
        r = F.read("Élise ira à l'accueil du soir le jeudi 11 mars.")
        XCTAssertEqual(r[0].activity, .periscolaireSoir); XCTAssertEqual(r[0].intent, .reservation)
    }

    func testAlshSlots() {
        var r = F.read("Merci d'inscrire Élise au centre de loisirs le 14 avril, la journée complète avec repas.")
        XCTAssertEqual(r[0].slot, .journeeAvecRepas); XCTAssertEqual(r[0].activity, .alshVacances)
        r = F.read("Merci d'inscrire Élise au centre de loisirs le mercredi 17 mars l'après-midi sans repas.")
        XCTAssertEqual(r[0].slot, .apresMidiSansRepas); XCTAssertEqual(r[0].activity, .alshMercredi)
        r = F.read("Merci d'inscrire Élise au centre de loisirs mercredi 17 mars, le matin avec le repas.")
        XCTAssertEqual(r[0].slot, .matinAvecRepas)
        r = F.read("Merci d'inscrire Élise au centre de loisirs mercredi 17 mars le matin.")
        XCTAssertEqual(r[0].confidence, .unsure)   // with or without meal?
        r = F.read("Merci d'inscrire Élise au centre de loisirs mercredi 17 mars.")
        XCTAssertEqual(r[0].confidence, .unsure)   // which slot?
        r = F.read("Merci d'annuler le centre de loisirs de mercredi 17 mars pour Élise.")
        XCTAssertEqual(r[0].confidence, .certain); XCTAssertEqual(r[0].activity, .alshMercredi)
    }

    func testEinvoiceInvoicesSummaryContact() {
        var r = F.read("Je souhaite recevoir mes factures par mail.")
        XCTAssertEqual(r.map(\.intent), [.einvoice]); XCTAssertEqual(r[0].einvoice, true)
        r = F.read("Je ne souhaite plus la facture en ligne, je préfère le papier.")
        XCTAssertEqual(r[0].einvoice, false)
        r = F.read("Je voudrais recevoir mes factures de cantine pour pouvoir les payer.", family: nil)
        XCTAssertEqual(r.map(\.intent), [.invoices])
        r = F.read("Pouvez-vous m'envoyer le récapitulatif de notre compte ?")
        XCTAssertEqual(r.map(\.intent), [.summary])
        r = F.read("Voici mon nouveau numéro de téléphone : 06 33 48 12 90.")
        XCTAssertEqual(r.map(\.intent), [.contact]); XCTAssertEqual(r[0].contact?.phone, "06 33 48 12 90")
        r = F.read("Nous avons déménagé au 12 rue des Lilas, 33185 Le Haillan.")
        XCTAssertEqual(r[0].intent, .contact); XCTAssertEqual(r[0].contact?.postalCode, "33185")
        XCTAssertEqual(r[0].contact?.address, "12 rue des Lilas"); XCTAssertEqual(r[0].contact?.city, "Le Haillan")
        r = F.read("Ma nouvelle adresse mail est parent.neuf@exemple.fr")
        XCTAssertEqual(r[0].contact?.email, "parent.neuf@exemple.fr")
    }

    func testHelp() {
        let r = F.read("Bonjour, comment faire pour réserver la cantine ?")
        XCTAssertTrue(r.contains { $0.intent == .help })
        XCTAssertFalse(r.contains { $0.confidence == .certain && $0.intent == .reservation })
    }

    func testSameForAnotherChild() {
        // The same request for both children: one request naming both.
        let r = F.read("Élise ne mangera pas à la cantine demain. Éliott non plus.")
        XCTAssertEqual(r.count, 1)
        XCTAssertEqual(r.first?.intent, .cancellation); XCTAssertEqual(r.first?.children, ["Élise", "Éliott"])
        XCTAssertEqual(r.first?.dates, F.days("2027-03-09")); XCTAssertEqual(r.first?.activity, .restauration)
        XCTAssertEqual(r.first?.confidence, .certain)
    }

    func testMoreForms() {
        var r = F.read("Merci d'annuler la cantine d'Élise le jeudi 11 et de l'inscrire à la garderie du soir le vendredi 12.")
        XCTAssertEqual(r.map(\.intent), [.cancellation, .reservation])
        XCTAssertEqual(r[1].children, ["Élise"]); XCTAssertEqual(r[1].activity, .periscolaireSoir)
        r = F.read("Élise n'ira pas au centre de loisirs mercredi.")
        XCTAssertEqual(r[0].intent, .cancellation); XCTAssertEqual(r[0].activity, .alshMercredi)
        r = F.read("Élise est malade.")
        XCTAssertEqual(r[0].confidence, .unsure)   // which day?
    }
}
