import XCTest
@testable import Parsers

/// A short hostile sentence must not make the reader expand millions of days.
final class BoundsTests: XCTestCase {
    func testAbsurdPeriodIsBounded() {
        let input = ReadingInput(subject: "Absence", text: "Hugo sera absent du 01/01/2027 au 31/12/9999.", sentAt: nil)
        let requests = RequestReader.read(input, family: FamilyContext(children: [.init(firstName: "Hugo")]),
                                          today: CivilDate(iso: "2027-03-08")!)
        XCTAssertFalse(requests.isEmpty)
        for r in requests { XCTAssertLessThanOrEqual(r.dates.count, 367) }
    }
}
