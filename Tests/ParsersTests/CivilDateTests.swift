import XCTest
@testable import Parsers

final class CivilDateTests: XCTestCase {
    func testWeekdayAndArithmetic() {
        let monday = CivilDate(iso: "2027-03-08")!
        XCTAssertEqual(monday.weekday, 1)
        XCTAssertEqual(monday.adding(days: 24).iso, "2027-04-01")
        XCTAssertEqual(CivilDate(iso: "2024-02-29")?.adding(days: 1).iso, "2024-03-01")
        XCTAssertNil(CivilDate(iso: "2027-02-29"))
    }

    func testParisTimeFollowsSummerTime() {
        // 2027-03-28 is the last Sunday of March: 01:00 UTC becomes 03:00 in Paris.
        let before = Date(timeIntervalSince1970: 1_806_195_600 - 60)  // 2027-03-28T00:59Z
        let after = Date(timeIntervalSince1970: 1_806_195_600)
        XCTAssertEqual(ParisTime(before).hour, 1)
        XCTAssertEqual(ParisTime(after).hour, 3)
        let evening = ParisTime(Date(timeIntervalSince1970: 1_804_548_600)) // 2027-03-08T23:30Z
        XCTAssertEqual(evening.date.iso, "2027-03-09")
        XCTAssertEqual(evening.hour, 0)
        XCTAssertEqual(ParisTime(date: evening.date, hour: 0, minute: 30).instant, Date(timeIntervalSince1970: 1_804_548_600))
    }
}
