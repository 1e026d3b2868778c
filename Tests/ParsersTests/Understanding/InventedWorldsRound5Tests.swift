import XCTest
@testable import Parsers

/// Fifth round: days left alone in a sentence of their own, doubts worded after their cause, words quoted as written,
/// a day corrected in one breath, and what a child does said beside a cancellation — in the invented town of World4,
/// on several reference days.
final class InventedWorldsRound5Tests: XCTestCase {
    private typealias W = World4
    private let L = W.lagarde, M = W.montclar, V = W.vasseur
    private let may = W.tuesdayMay, nov = W.fridayNovember, jan = W.mondayJanuary

    private func read(_ text: String, _ family: FamilyContext, _ day: CivilDate) -> [Request] {
        RequestReader.read(ReadingInput(subject: "", text: text, sentAt: ParisTime(date: day, hour: 9, minute: 30)),
                           family: family, today: day)
    }

    /// A. "… mardi. Et jeudi.": days alone joined by "et" to the one request just before add to it; days alone that
    /// join nothing are asked, and then no request of the mail is applied without them.
    func testDaysInASentenceOfTheirOwn() {
        let t = ReadingTable()
        t.add("Pas de cantine pour Ysaline mardi. et jeudi. svp", L, jan,
              .certain(.cancellation, ["Ysaline"], W.days("2028-01-18", "2028-01-20"), cantine))
        t.add("Ferdinand sera absent lundi. Et mardi.", M, nov, .certain(.absence, ["Ferdinand"], W.days("2026-11-23", "2026-11-24")))
        t.add("Inscrivez Octave à la garderie du soir le 18. Ainsi que le 20.", V, may,
              .certain(.reservation, ["Octave"], W.days("2027-05-18", "2027-05-20"), soir))
        t.add("Bérénice ne mangera pas à la cantine jeudi. Puis vendredi, merci.", M, jan,
              .certain(.cancellation, ["Bérénice"], W.days("2028-01-20", "2028-01-21"), cantine))
        // Days listed after a request that named none are its days.
        t.add("Bonjour,\nPas de cantine pour Ysaline :\n- lundi\n- mardi\nMerci", L, nov,
              .certain(.cancellation, ["Ysaline"], W.days("2026-11-23", "2026-11-24"), cantine))
        t.add("Absence de Solène\nJeudi 20 janvier", V, jan, .certain(.absence, ["Solène"], W.days("2028-01-20")))
        t.add("Merci d'inscrire Bérénice à la garderie du matin :\nlundi 17 mai\nmardi 18 mai", M, may,
              .certain(.reservation, ["Bérénice"], W.days("2027-05-17", "2027-05-18"), matin))
        // A request said without its days, then the mail's dateline: still asked which days.
        t.nothingApplied("Ysaline sera absente.\n20 novembre 2026", L, nov)
        // A day asked back is asked, not added.
        t.add("Pas de cantine pour Ysaline lundi. Mardi aussi ?", L, nov,
              .certain(.cancellation, ["Ysaline"], W.days("2026-11-23"), cantine),
              .unsure(.unknown, ["Ysaline"], W.days("2026-11-24")))
        // After a request copied from another child, which request the days go with is asked.
        t.nothingApplied("Octave sera absent jeudi.\nSolène aussi.\nEt vendredi.", V, jan)
        // Nothing joins them, or they may be another choice: asked.
        t.nothingApplied("Annulez la cantine d'Ysaline lundi. Ou mardi.", L, nov)
        t.nothingApplied("Annulez la garderie du matin d'Ysaline lundi. Mardi.", L, jan)
        t.nothingApplied("Solène sera absente jeudi. Ou vendredi ?", V, may)
        t.nothingApplied("Et jeudi.", L, nov)
        // Two requests before: which one the days go with is asked.
        t.nothingApplied("Ferdinand sera absent lundi, Bérénice ne mangera pas à la cantine mardi. Et jeudi.", M, nov)
        // Days said again add nothing.
        t.add("Bonjour,\nYsaline sera absente la semaine prochaine.\nSemaine du 23 novembre.\nMerci", L, nov,
              .certain(.absence, ["Ysaline"], W.days("2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27")))
        t.add("Pas de cantine pour Octave jeudi. Jeudi 20 janvier.", V, jan,
              .certain(.cancellation, ["Octave"], W.days("2028-01-20"), cantine))
        // The mail's dateline asks nothing.
        t.add("20 novembre 2026\nBonjour, Ysaline sera absente lundi.", L, nov, .certain(.absence, ["Ysaline"], W.days("2026-11-23")))
        t.add("Le 10/05/2027\nBonjour,\nOctave sera absent jeudi.\nCordialement", V, may,
              .certain(.absence, ["Octave"], W.days("2027-05-13")))
        // A goodbye names a day but asks nothing.
        t.add("Annulez la cantine d'Ysaline lundi. Merci, à lundi !", L, nov,
              .certain(.cancellation, ["Ysaline"], W.days("2026-11-23"), cantine))
        runTable(t)
    }

    /// B. Each doubt says what it is about: a condition is not a correction, one child is not "each child".
    func testDoubtsSayTheirCause() {
        func doubts(_ text: String, _ family: FamilyContext, _ day: CivilDate) -> [Doubt] {
            read(text, family, day).flatMap(\.doubts)
        }
        var d = doubts("Ysaline sera absente lundi à moins que sa fièvre tombe.", L, nov)
        XCTAssertEqual(d, [.condition])
        d = doubts("Ysaline sera absente mardi. À moins que sa fièvre tombe, en fait.", L, may)
        XCTAssertTrue(d.contains(.condition), "\(d)")
        XCTAssertFalse(d.contains(.correction), "\(d)")
        d = doubts("Octave sera absent jeudi sauf s'il va mieux.", V, jan)
        XCTAssertEqual(d, [.condition])
        XCTAssertFalse(d.map(\.french).joined().contains("corrige"))
        // One child, kept from one activity and said at another.
        d = doubts("Ysaline ne mangera pas à la cantine jeudi, elle ira à la garderie du soir.", L, may)
        XCTAssertTrue(d.contains(.awayAndPresent), "\(d)")
        XCTAssertFalse(d.contains(.perChild), "\(d)")
        // Two children, one away and one present.
        d = doubts("Ferdinand sera absent lundi, Bérénice viendra.", M, nov)
        XCTAssertTrue(d.contains(.perChild), "\(d)")
        // Two days opposed, a booking against an absence.
        d = doubts("Ysaline ne sera pas là mardi mais mercredi.", L, jan)
        XCTAssertTrue(d.contains(.contrastedDays), "\(d)")
        d = doubts("Ysaline sera absente lundi mais elle ira à la garderie du soir.", L, nov)
        XCTAssertTrue(d.contains(.contradiction), "\(d)")
        XCTAssertFalse(d.contains(.correction), "\(d)")
        for doubt in [Doubt.awayAndPresent, .contrastedDays, .contradiction] {
            XCTAssertFalse(doubt.french.contains("corrige"), doubt.french)
            XCTAssertFalse(doubt.french.contains("chaque enfant"), doubt.french)
        }
    }

    /// B2. "Bérénice non" says the contrary of the request; only "non plus" joins it.
    func testNonAloneIsNotNonPlus() {
        let t = ReadingTable()
        t.nothingApplied("Ferdinand sera absent lundi, Bérénice non.", M, nov)
        t.nothingApplied("Pas de cantine jeudi pour Octave, Anatole non.", V, jan)
        t.add("Ferdinand ne mangera pas à la cantine jeudi, Bérénice non plus.", M, may,
              .certain(.cancellation, ["Ferdinand", "Bérénice"], W.days("2027-05-13"), cantine))
        runTable(t)
    }

    /// C. Words quoted back to the parent keep their accents; questions typed without accents keep their topic.
    func testQuotedWordsAsWritten() {
        XCTAssertEqual(TextFolding.asWritten("fete", in: "pour la Fête de l'école"), "Fête")
        XCTAssertEqual(TextFolding.asWritten("ecole", in: "pour la fête de l’école"), "école")
        XCTAssertEqual(TextFolding.asWritten("apres", in: "seulement l'après-midi"), "après")
        XCTAssertEqual(TextFolding.asWritten("du 1er decembre", in: "la fête du 1er  Décembre"), "du 1er  Décembre")
        XCTAssertEqual(TextFolding.asWritten("ete", in: "elle a été malade cet été"), "été")
        XCTAssertEqual(TextFolding.asWritten("piscine", in: "rien ici"), "piscine")
        let r = read("Ysaline sera absente lundi, et pour la fête du 1er décembre elle n'ira pas non plus.", L, nov)
        XCTAssertTrue(r.flatMap(\.doubts).contains(.leftover(["du 1er décembre"])), "\(r.map(\.doubts))")
        let s = read("Solène sera absente jeudi, et pour la kermesse du 3 février elle n'ira pas non plus.", V, jan)
        XCTAssertTrue(s.flatMap(\.doubts).contains(.leftover(["du 3 février"])), "\(s.map(\.doubts))")
        XCTAssertEqual(Doubt.topic(ofQuestion: "Pour quelle activite ?"), .activity)
        XCTAssertEqual(Doubt.topic(ofQuestion: "Quel creneau ?"), .slot)
    }

    /// D. "non pas jeudi mais vendredi": the day kept is meant; a "pas … mais" that may say two days away is still
    /// asked.
    func testDayCorrectedInOneBreath() {
        let t = ReadingTable()
        t.add("Ysaline sera absente non pas jeudi mais vendredi.", L, may, .certain(.absence, ["Ysaline"], W.days("2027-05-14")))
        t.add("Ferdinand sera absent non pas le 20 mais le 21.", M, jan, .certain(.absence, ["Ferdinand"], W.days("2028-01-21")))
        // "vendredi et non jeudi" may move an absence told in another mail: still asked.
        t.nothingApplied("Ferdinand sera absent vendredi et non jeudi.", M, jan)
        t.add("Annulez la cantine de Solène non pas mardi mais jeudi.", V, nov,
              .certain(.cancellation, ["Solène"], W.days("2026-11-26"), cantine))
        // A booking: the day kept is booked; whether the other day was booked before is asked.
        t.add("Inscrivez Octave à la cantine non pas jeudi mais vendredi.", V, jan,
              .certain(.reservation, ["Octave"], W.days("2028-01-21"), cantine),
              .unsure(.cancellation, ["Octave"], W.days("2028-01-20"), cantine))
        t.nothingApplied("Ysaline ne sera pas là mardi mais mercredi.", L, nov)
        t.nothingApplied("Bérénice ne sera pas absente lundi mais mardi.", M, may)
        runTable(t)
    }

    /// E. Where a child goes, said beside a cancellation, is not a booking asked: the cancellation stands, the booking
    /// is asked. A booking verb still books; a day said present is not a day away.
    func testWhatTheChildDoesIsNotABooking() {
        let t = ReadingTable()
        t.add("Pas de cantine jeudi mais elle va à la garderie du soir.", L, may,
              .certain(.cancellation, ["Ysaline"], W.days("2027-05-13"), cantine),
              .unsure(.reservation, ["Ysaline"], W.days("2027-05-13"), soir))
        t.add("Pas de cantine pour Octave lundi mais il ira à la garderie du soir.", V, jan,
              .certain(.cancellation, ["Octave"], W.days("2028-01-24"), cantine),
              .unsure(.reservation, ["Octave"], W.days("2028-01-24"), soir))
        // Eating at the canteen another day moves the booking: asked for.
        t.add("Anatole ne mangera pas à la cantine lundi mais mangera mardi.", V, nov,
              .certain(.cancellation, ["Anatole"], W.days("2026-11-23"), cantine),
              .certain(.reservation, ["Anatole"], W.days("2026-11-24"), cantine))
        t.add("Ysaline ne mangera pas à la cantine jeudi mais inscrivez-la à la garderie du soir.", L, may,
              .certain(.cancellation, ["Ysaline"], W.days("2027-05-13"), cantine),
              .certain(.reservation, ["Ysaline"], W.days("2027-05-13"), soir))
        for text in ["Ysaline sera absente lundi mais elle viendra mardi.", "Ysaline n'ira pas à la cantine lundi, elle sera là mardi."] {
            let d = read(text, L, nov).flatMap(\.doubts)
            XCTAssertTrue(d.contains(.awayAndPresent), "\(text): \(d)")
            XCTAssertFalse(d.contains(.perChild), "\(text): \(d)")
        }
        for doubt in [Doubt.saidNotAsked, .looseDays("Ou mardi.")] {
            XCTAssertFalse(doubt.french.contains("corrige"), doubt.french)
            XCTAssertFalse(doubt.french.contains("chaque enfant"), doubt.french)
        }
        t.nothingApplied("Ysaline sera absente lundi mais elle viendra mardi.", L, nov)
        t.nothingApplied("Ysaline n'ira pas à la cantine lundi, elle sera là mardi.", L, jan)
        t.nothingApplied("Solène sera absente jeudi et elle viendra vendredi.", V, may)
        // Another child said to come on another day does not take the absence.
        t.nothingApplied("Ferdinand sera absent jeudi, Bérénice viendra vendredi.", M, may)
        t.nothingApplied("Octave sera absent lundi et Anatole sera là mardi.", V, nov)
        // "vient de" tells what just happened.
        t.add("Ysaline sera absente lundi, elle vient d'être opérée.", L, nov, .certain(.absence, ["Ysaline"], W.days("2026-11-23")))
        runTable(t)
    }
}
