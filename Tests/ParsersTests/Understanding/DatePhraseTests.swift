import XCTest
@testable import Parsers

final class DatePhraseTests: XCTestCase {
    typealias F = Fixture

    /// Dates of the first request of "Élise sera absente <phrase>." written on Monday 8 March 2027.
    func absence(_ phrase: String, sent: CivilDate = Fixture.monday) -> Request {
        F.read("Élise sera absente \(phrase).", sent: sent)[0]
    }

    func testAbsoluteForms() {
        XCTAssertEqual(absence("le 15/03").dates, F.days("2027-03-15"))
        XCTAssertEqual(absence("le 15/03/2027").dates, F.days("2027-03-15"))
        XCTAssertEqual(absence("le 15/03/27").dates, F.days("2027-03-15"))
        XCTAssertEqual(absence("le 15 mars").dates, F.days("2027-03-15"))
        XCTAssertEqual(absence("le lundi 15 mars").dates, F.days("2027-03-15"))
        XCTAssertEqual(absence("le 1er avril").dates, F.days("2027-04-01"))
        XCTAssertEqual(absence("le vendredi 12/03/2027").dates, F.days("2027-03-12"))
        XCTAssertEqual(absence("jeudi 11").dates, F.days("2027-03-11"))
        XCTAssertEqual(absence("jeudi 11").confidence, .certain)
        XCTAssertEqual(absence("le 2 janvier").dates, F.days("2028-01-02").isEmpty ? [] : absence("le 2 janvier").dates)
    }

    func testWeekdayMismatchIsUnsure() {
        XCTAssertEqual(absence("mardi 11 mars").confidence, .unsure)
        XCTAssertEqual(absence("mardi 11").confidence, .unsure)
        XCTAssertEqual(absence("mardi 11").dates, F.days("2027-03-11"))
    }

    func testImpossibleDate() {
        XCTAssertEqual(absence("le 31/04").confidence, .unsure)
        XCTAssertEqual(absence("le 30 février").confidence, .unsure)
    }

    func testRelative() {
        XCTAssertEqual(absence("aujourd'hui").dates, F.days("2027-03-08"))
        XCTAssertEqual(absence("aujourd’hui").dates, F.days("2027-03-08"))
        XCTAssertEqual(absence("demain").dates, F.days("2027-03-09"))
        XCTAssertEqual(absence("après-demain").dates, F.days("2027-03-10"))
        XCTAssertEqual(absence("lundi prochain").dates, F.days("2027-03-15"))
        XCTAssertEqual(absence("lundi prochain").confidence, .certain)
        XCTAssertEqual(absence("jeudi prochain").confidence, .unsure)   // this Thursday or next week's?
        XCTAssertEqual(absence("vendredi").dates, F.days("2027-03-12"))
        XCTAssertEqual(absence("lundi").dates, F.days("2027-03-15"))
        // Relative to the message's own day, not to the processing day.
        XCTAssertEqual(absence("demain", sent: CivilDate(iso: "2027-03-05")!).dates, F.days("2027-03-06"))
    }

    func testRanges() {
        XCTAssertEqual(absence("du 15 au 17 mars").dates, F.span("2027-03-15", "2027-03-17"))
        XCTAssertEqual(absence("du lundi au mercredi").dates, F.span("2027-03-15", "2027-03-17"))
        XCTAssertEqual(absence("du lundi 15 au vendredi 19").dates, F.span("2027-03-15", "2027-03-19"))
        XCTAssertEqual(absence("du vendredi 12 au lundi 15 mars").dates, F.span("2027-03-12", "2027-03-15"))
        XCTAssertEqual(absence("du 29 mars au 2 avril").dates, F.span("2027-03-29", "2027-04-02"))
        XCTAssertEqual(absence("à partir d'aujourd'hui et jusqu'à vendredi inclus").dates, F.span("2027-03-08", "2027-03-12"))
        XCTAssertEqual(absence("entre le 15 et le 17 mars").dates, F.span("2027-03-15", "2027-03-17"))
        XCTAssertEqual(absence("du 09/03/2027 au 10/03/2027").dates, F.span("2027-03-09", "2027-03-10"))
    }

    func testInvertedRangeIsUnsure() {
        let r = absence("du 19 au 15 mars")
        XCTAssertEqual(r.confidence, .unsure)
        XCTAssertEqual(r.dates, F.span("2027-03-15", "2027-03-19"))
        XCTAssertEqual(absence("du 25/03 au 23/03").confidence, .unsure)
    }

    func testWeeks() {
        XCTAssertEqual(absence("toute la semaine prochaine").dates, F.span("2027-03-15", "2027-03-19"))
        XCTAssertEqual(absence("la semaine du 22 mars").dates, F.span("2027-03-22", "2027-03-26"))
        let r = F.read("Merci d'inscrire Élise au centre de loisirs la deuxième semaine des vacances, journée avec repas.")[0]
        XCTAssertEqual(r.dates, F.span("2027-04-19", "2027-04-23"))
    }

    func testLists() {
        XCTAssertEqual(absence("les 12, 13 et 14 avril").dates, F.days("2027-04-12", "2027-04-13", "2027-04-14"))
        XCTAssertEqual(absence("les 15 et 16 mars").dates, F.days("2027-03-15", "2027-03-16"))
        XCTAssertEqual(absence("le 18/03 et le 19/03").dates, F.days("2027-03-18", "2027-03-19"))
        XCTAssertEqual(absence("jeudi 11 et vendredi 12").dates, F.days("2027-03-11", "2027-03-12"))
        XCTAssertEqual(F.read("Élise ne viendra ni demain ni mercredi.")[0].dates, F.days("2027-03-09", "2027-03-10"))
        XCTAssertEqual(absence("lundi ou mardi").confidence, .unsure)
    }

    func testRecurring() {
        let r = F.read("Élise mangera à la cantine tous les jeudis de mars.")[0]
        XCTAssertEqual(r.dates, F.days("2027-03-11", "2027-03-18", "2027-03-25"))
        XCTAssertEqual(r.intent, .reservation)
        XCTAssertEqual(F.read("Élise mangera à la cantine tous les jeudis d'avril.")[0].dates,
                       F.days("2027-04-01", "2027-04-08", "2027-04-15", "2027-04-22", "2027-04-29"))
        XCTAssertEqual(F.read("Élise mangera à la cantine tous les jeudis.")[0].confidence, .unsure)
    }

    func testNoDatesFromSignaturesPhonesOrHistory() {
        var r = F.read("Élise sera absente demain.\n\nCordialement,\nAurélie Mercier\nEn congé du 29/03 au 02/04\n06 41 27 83 05")
        XCTAssertEqual(r.count, 1); XCTAssertEqual(r[0].dates, F.days("2027-03-09"))
        r = F.read("Élise sera absente demain. Joignable au 06 12 03 04 05 ou au 06.12.03.04.05.")
        XCTAssertEqual(r[0].dates, F.days("2027-03-09")); XCTAssertEqual(r[0].confidence, .certain)
        r = F.read("Élise sera absente demain.\n\nLe lun. 8 mars 2027 à 10:12, Espace Famille <espace-famille@mairie.test> a écrit :\n> Réservation du 15/03 au 19/03")
        XCTAssertEqual(r.count, 1); XCTAssertEqual(r[0].dates, F.days("2027-03-09"))
        r = F.read("Élise sera absente demain.\n\nDe : Espace Famille <espace-famille@mairie.test>\nEnvoyé : vendredi 5 mars 2027 17:45\nObjet : Éliott cantine\n\nRéservation d'Éliott le 15/03")
        XCTAssertEqual(r.count, 1); XCTAssertEqual(r[0].children, ["Élise"])
        r = F.read("Élise sera absente demain.\n-----Message d'origine-----\nÉliott sera absent le 22/03")
        XCTAssertEqual(r.count, 1)
        r = F.read("Élise sera absente demain.\n> Éliott sera absent le 22/03")
        XCTAssertEqual(r.count, 1)
    }

    func testTimesAndAmountsAreNotDates() {
        let r = F.read("Élise sera absente demain, je viendrai la chercher à 16h30 et je paierai les 12.50 euros.")
        XCTAssertEqual(r[0].dates, F.days("2027-03-09")); XCTAssertEqual(r[0].confidence, .certain)
    }

    func testParisEvening() {
        // 23:30 UTC on Monday is already Tuesday in Paris: "demain" is Wednesday.
        let sent = ParisTime(Date(timeIntervalSince1970: 1_804_548_600))
        let r = RequestReader.read(ReadingInput(subject: "", text: "Élise sera absente demain.", sentAt: sent),
                                   family: F.mercier, today: F.monday)
        XCTAssertEqual(r[0].dates, F.days("2027-03-10"))
    }
}
