import XCTest
@testable import Parsers

/// Where a child will not be: school is an absence, the canteen's lunch break a cancellation, anything else (the pool,
/// "à l'heure") is asked. "Ne sera pas à l'heure" (late) and "ne restera pas à la pause méridienne" (no canteen) were
/// once certain absences of the whole day (invented town World6).
final class PlaceAwayTests: XCTestCase {
    private typealias W = World6
    private let A = W.ambre, G = W.fabre, R = W.riviere, T = W.jumeaux
    private let oct = W.thursdayOctober, feb = W.thursdayFebruary, jun = W.tuesdayJune

    func testSchoolIsAnAbsenceAndTheLunchBreakTheCanteen() {
        let t = ReadingTable()
        t.add("Ambre ne sera pas a l ecole demain.", A, jun, .certain(.absence, ["Ambre"], W.days("2031-06-25")))
        t.add("Prune ne sera pas en classe vendredi.", T, oct, .certain(.absence, ["Prune"], W.days("2030-10-11")))
        t.add("Noé ne restera pas à la pause méridienne vendredi, je viens le chercher à midi.", R, oct,
              .certain(.cancellation, ["Noé"], W.days("2030-10-11"), cantine))
        runTable(t)
    }

    func testAnyOtherPlaceIsAsked() {
        let t = ReadingTable()
        t.nothingApplied("Gabin ne sera pas à l'heure lundi prochain, il a rendez-vous chez le dentiste à 8h.", G, oct)
        t.nothingApplied("Lina ne sera pas à la piscine jeudi, elle a un rhume.", G, feb)
        runTable(t)
    }
}
