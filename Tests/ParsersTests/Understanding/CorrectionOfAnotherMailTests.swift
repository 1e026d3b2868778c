import XCTest
@testable import Parsers

/// A correction whose day taken back belongs to another mail ("je me suis trompée dans mon dernier mail : c'est mardi
/// et non lundi") is asked: that mail's request was applied and stays until it is undone, so reading only the new
/// day leaves the old one wrong. Once read certain for the new day alone. A correction inside the same mail is still
/// applied (invented town World6).
final class CorrectionOfAnotherMailTests: XCTestCase {
    private typealias W = World6
    private let G = W.fabre, R = W.riviere
    private let oct = W.thursdayOctober, feb = W.thursdayFebruary

    func testDayTakenBackFromAnotherMailIsAsked() {
        let t = ReadingTable()
        t.nothingApplied("Je me suis trompé dans mon dernier mail : c'est mardi et non lundi que Gabin ne mangera pas à la cantine.", G, feb)
        t.nothingApplied("Pardon, erreur dans mon message d'hier : Noé sera absent vendredi et non lundi.", R, oct)
        t.nothingApplied("Oups, je me suis trompée : Lina ira au centre le mercredi 12 février et non le 5.", G, feb)
        runTable(t)
    }

    func testCorrectionInsideTheMailIsApplied() {
        let t = ReadingTable()
        t.add("Gabin sera absent lundi. Ah non, je me suis trompée, c'est mardi pas lundi.", G, feb,
              .certain(.absence, ["Gabin"], W.days("2031-02-11")))
        runTable(t)
    }
}
