import XCTest
@testable import Parsers

/// "Emma aussi" after a request, where Emma is no child of the family: once dropped without a word (the reply confirmed
/// the first child alone and the parent believed both were recorded); now a request of its own, asked about the name
/// (invented town World6).
final class UnknownChildAlsoTests: XCTestCase {
    private typealias W = World6
    private let A = W.ambre, G = W.fabre
    private let oct = W.thursdayOctober, feb = W.thursdayFebruary

    func testANameNotInTheFamilyIsAskedAbout() {
        let t = ReadingTable()
        t.add("Gabin sera absent demain. Emma aussi.", G, oct,
              .certain(.absence, ["Gabin"], W.days("2030-10-11")), .unsure(.absence, ["Emma"]))
        t.add("Ambre ne mangera pas à la cantine lundi prochain. Jules également.", A, feb,
              .certain(.cancellation, ["Ambre"], W.days("2031-02-10"), cantine), .unsure(.cancellation, ["Jules"]))
        // In the same sentence: the whole request waits for the answer.
        t.add("Gabin sera absent demain, Emma aussi.", G, oct, .unsure(.absence, ["Gabin"]))
        runTable(t)
    }

    func testAChildOfTheFamilyIsAddedAsBefore() {
        let t = ReadingTable()
        t.add("Lina ne mangera pas à la cantine jeudi. Gabin non plus.", G, oct,
              .certain(.cancellation, ["Gabin", "Lina"], W.days("2030-10-17"), cantine))
        runTable(t)
    }
}
