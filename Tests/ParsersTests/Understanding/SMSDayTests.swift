import XCTest
@testable import Parsers

/// The reading of one sentence by the only child of World4's Lagarde family.
private func read(_ text: String, _ today: CivilDate) -> [Request] {
    RequestReader.read(ReadingInput(subject: "", text: text, sentAt: ParisTime(date: today, hour: 9, minute: 30)),
                       family: World4.lagarde, today: today)
}

/// SMS weekdays ("lun", "mar", "jeu.") are days only where a day fits: after a day number "mar" is March.
final class SMSDayTests: XCTestCase {
    private typealias W = World4

    func testAbbreviatedMonthAfterADayNumberIsNotAWeekday() {
        for (text, today, march) in [("Ysaline sera absente le 12 mar. Merci", W.mondayJanuary, "2028-03-12"),
                                     ("Ysaline sera absente le 3 mar, elle a un rendez-vous.", W.fridayNovember, "2027-03-03")] {
            let got = read(text, today)
            XCTAssertFalse(got.isEmpty, text)
            for r in got where r.confidence == .certain {
                XCTAssertEqual(r.dates.map(\.iso), [march], "« \(text) »: only the day of March, never a Tuesday as well")
            }
        }
    }

    func testAbbreviatedWeekdayStillReads() {
        let got = read("Pas de cantine pour Ysaline jeu. svp", W.mondayJanuary)
        XCTAssertEqual(got.map(\.intent), [.cancellation])
        XCTAssertEqual(got.first?.dates.map(\.iso), ["2028-01-20"])
    }
}

/// A sentence of days alone after a request, ending with a polite word, adds its days to it.
final class TrailingDaysTests: XCTestCase {
    private typealias W = World4

    func testDaysAddedWithAPoliteEnding() {
        let got = read("Pas de cantine pour Ysaline mardi. Et jeudi aussi svp", W.mondayJanuary)
        XCTAssertEqual(got.map(\.intent), [.cancellation])
        XCTAssertEqual(got.first?.dates.map(\.iso), ["2028-01-18", "2028-01-20"])
        XCTAssertEqual(got.first?.confidence, .certain)
    }
}
