import XCTest
@testable import Parsers

/// The day something was said ("mon mari a appelé le service vendredi dernier", "j'ai écrit à la maîtresse mardi") is
/// context, a few words after the participle as right after it: once cancelled along with the day asked (invented
/// town World6).
final class ToldOnDayTests: XCTestCase {
    private typealias W = World6
    private let G = W.fabre, R = W.riviere
    private let oct = W.thursdayOctober

    func testTheDayOfACallIsNotADayAsked() {
        let t = ReadingTable()
        t.add("Bonjour, mon mari a appelé le service lundi dernier pour annuler la cantine de Gabin le 14 octobre, pouvez-vous confirmer que c'est fait ?",
              G, oct, .certain(.cancellation, ["Gabin"], W.days("2030-10-14"), cantine))
        t.add("J'ai écrit à la maîtresse mardi, Noé sera absent vendredi.", R, oct,
              .certain(.absence, ["Noé"], W.days("2030-10-11")))
        runTable(t)
    }
}
