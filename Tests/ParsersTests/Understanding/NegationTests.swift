import XCTest
@testable import Parsers

/// French negations other than "ne … pas", in the invented town of World6: a subject that carries the negation
/// ("aucun de mes enfants n'ira", "ni Côme ni Prune ne mangeront") is read as one; "ne" that nothing closes ("ne
/// mangera que lundi", "ne vient jamais le vendredi", a "pas" forgotten) is asked, never read as its contrary. Each row
/// was once read certain and wrong: a booking for "aucun … n'ira à la garderie", an absence for "ni … ni … ne seront
/// absents", a booking of the day a parent said was the only one.
final class NegationTests: XCTestCase {
    private typealias W = World6
    private let A = W.ambre, G = W.fabre, R = W.riviere, T = W.jumeaux
    private let oct = W.thursdayOctober, feb = W.thursdayFebruary, jun = W.tuesdayJune

    func testSubjectNegationIsACancellationForEveryChildItNames() {
        let t = ReadingTable()
        t.add("Aucun des deux enfants ne mangera à la cantine lundi prochain.", G, oct,
              .certain(.cancellation, ["Gabin", "Lina"], W.days("2030-10-14"), cantine))
        t.add("Bonjour, aucun de mes enfants n'ira à la garderie du soir lundi. Merci", R, feb,
              .certain(.cancellation, ["Marie-Lou", "Maël", "Noé"], W.days("2031-02-10"), soir))
        t.add("Ni Côme ni Prune ne mangeront à la cantine vendredi.", T, oct,
              .certain(.cancellation, ["Côme", "Prune"], W.days("2030-10-11"), cantine))
        t.add("Ni Gabin ni Lina n'iront au centre de loisirs mercredi 2 juillet.", G, jun,
              .certain(.cancellation, ["Gabin", "Lina"], W.days("2031-07-02"), mercredi))
        // "ni … ni" after the verb's complement.
        t.add("Lina ne mangera à la cantine ni vendredi ni lundi.", G, oct,
              .certain(.cancellation, ["Lina"], W.days("2030-10-11", "2030-10-14"), cantine))
        t.add("Maël ne sera là ni lundi ni mardi prochains.", R, feb, .certain(.absence, ["Maël"], W.days("2031-02-10", "2031-02-11")))
        // "aucun besoin de …": no need, as "pas besoin".
        t.add("Aucun besoin de garderie du soir pour Gabin vendredi.", G, oct,
              .certain(.cancellation, ["Gabin"], W.days("2030-10-11"), soir))
        // The negation inside the wish is the child's: read.
        t.add("Je souhaite que Gabin ne mange pas à la cantine vendredi.", G, oct,
              .certain(.cancellation, ["Gabin"], W.days("2030-10-11"), cantine))
        // The plain negation next to them is read as before.
        t.add("Lina ne mangera pas à la cantine jeudi, Gabin non plus.", G, feb,
              .certain(.cancellation, ["Gabin", "Lina"], W.days("2031-02-13"), cantine))
        runTable(t)
    }

    func testNegationNotReadIsAsked() {
        let t = ReadingTable()
        // "ne … que": only those days — what becomes of the others is not said.
        t.nothingApplied("Gabin ne mangera à la cantine que le lundi cette semaine.", G, feb)
        t.nothingApplied("Prune n'ira au centre que le matin mercredi 16.", T, oct)
        t.nothingApplied("Ambre n'est inscrite à la cantine que le lundi, pouvez-vous ajouter le jeudi 26 juin ?", A, jun)
        // "ne … jamais": a habit, not one day.
        t.nothingApplied("Noé ne mange jamais à la cantine le vendredi.", R, oct)
        // "ne … pas que", "ne … pas seulement": not only.
        t.nothingApplied("Gabin ne viendra pas seulement le matin au centre mercredi 16.", G, oct)
        t.nothingApplied("Lina ne mangera pas qu'à la cantine jeudi.", G, feb)
        // The negation on the verb of opinion or wish: "je ne pense pas que … mangera" is no booking.
        t.nothingApplied("Je ne pense pas que Gabin mangera à la cantine lundi prochain.", G, oct)
        t.nothingApplied("Je ne crois pas que Lina viendra à la garderie du soir vendredi.", G, oct)
        // A "pas" forgotten: booking or cancelling, the words do not say.
        t.nothingApplied("Lina ne mangera à la cantine jeudi.", G, oct)
        t.nothingApplied("Maël ne viendra à la garderie du matin lundi.", R, feb)
        runTable(t)
    }

    func testEnglishNegativeSubjectsAndRestrictions() {
        let t = ReadingTable()
        t.add("Hi, none of the children will have lunch at school on Friday. Thanks", R, oct,
              .certain(.cancellation, ["Marie-Lou", "Maël", "Noé"], W.days("2030-10-11"), cantine))
        t.add("Neither Côme nor Prune will have lunch at school on Friday.", T, oct,
              .certain(.cancellation, ["Côme", "Prune"], W.days("2030-10-11"), cantine))
        t.nothingApplied("Gabin will only have lunch at school on Monday next week.", G, feb)
        t.nothingApplied("Lina will never eat at the canteen on Fridays.", G, feb)
        runTable(t)
    }

    func testNeitherAbsentIsNoAbsence() {
        for text in ["Ni Côme ni Prune ne seront absents vendredi.", "Aucun des deux ne sera absent demain.",
                     "Prune ne sera ni absente ni en retard vendredi, elle a juste rendez-vous après l'école."] {
            let got = RequestReader.read(ReadingInput(subject: "", text: text, sentAt: ParisTime(date: oct, hour: 9, minute: 30)),
                                         family: T, today: oct)
            XCTAssertFalse(got.contains { $0.intent == .absence && $0.confidence == .certain }, "«\(text)»: \(got)")
        }
    }

    func testRestrictionsThatSayTheDaysThemselvesAreRead() {
        let t = ReadingTable()
        // The absence's own days restricted: the absence on those days.
        t.add("Ambre ne sera absente que lundi prochain.", A, feb, .certain(.absence, ["Ambre"], W.days("2031-02-10")))
        // Someone else's negation: the child's booking is read.
        t.add("Personne ne pourra chercher Gabin lundi prochain, il ira à la garderie du soir.", G, oct,
              .certain(.reservation, ["Gabin"], W.days("2030-10-14"), soir))
        runTable(t)
    }
}
