import XCTest
@testable import Parsers

/// The centre named without saying which (holidays or Wednesday) beside the canteen: once read as a canteen booking
/// alone, the centre dropped without a word; now asked (invented town World6).
final class CentreAndCanteenTests: XCTestCase {
    func testTheCentreBesideTheCanteenIsAsked() {
        let t = ReadingTable()
        t.nothingApplied("Inscrivez Gabin au centre mercredi 16 le matin, il mangera à la cantine du centre.",
                         World6.fabre, World6.thursdayOctober)
        runTable(t)
    }
}
