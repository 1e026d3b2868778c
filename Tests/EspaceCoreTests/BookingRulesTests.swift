import Foundation
import Parsers
import XCTest
@testable import EspaceCore

final class BookingRulesTests: XCTestCase {
    let calendar = BookingRules.Deadline(days: 2, cutoffHour: 12, workingDaysOnly: false)
    let working = BookingRules.Deadline(days: 2, cutoffHour: 12, workingDaysOnly: true)

    func book(_ day: String, at now: ParisTime, rule: BookingRules.Deadline? = nil, open: Bool = true, alsh: Bool = false,
              slot: AlshSlot? = nil, existing: [String] = [], count: Int = 0, capacity: Int = 10) -> BookingRules.Decision {
        BookingRules.decideBooking(day: d(day), now: now.instant, rule: rule ?? calendar, isOpen: open,
                                   activityLabel: "restauration scolaire", isALSH: alsh, slot: slot,
                                   existingSlots: existing, bookedCount: count, capacity: capacity)
    }

    func testDeadlineIsNDaysBeforeAtCutoffHour() {
        // Thursday 11 March, N = 2 → Tuesday 9 March at 12h.
        XCTAssertEqual(BookingRules.deadline(for: d("2027-03-11"), calendar), paris("2027-03-09", 12))
        XCTAssertEqual(book("2027-03-11", at: paris("2027-03-09", 11, 59)), .accept)
        XCTAssertEqual(book("2027-03-11", at: paris("2027-03-09", 12, 0)), .accept)
        XCTAssertEqual(book("2027-03-11", at: paris("2027-03-09", 12, 1)), .refuse(.bookingDeadline(paris("2027-03-09", 12))))
    }

    func testDeadlineAcrossSummerTime() {
        // 28 March 2027 switches to summer time; the cut-off stays at 12h Paris time.
        let limit = BookingRules.deadline(for: d("2027-03-30"), calendar)
        XCTAssertEqual(limit, paris("2027-03-28", 12))
        XCTAssertEqual(ParisTime(limit.instant).hour, 12)
    }

    func testWorkingDaysOnlySkipsTheWeekend() {
        // Monday 15 March, 2 working days → Thursday 11 March (Friday 12 is one, Thursday 11 the second).
        XCTAssertEqual(BookingRules.deadline(for: d("2027-03-15"), working), paris("2027-03-11", 12))
        XCTAssertEqual(BookingRules.deadline(for: d("2027-03-15"), calendar), paris("2027-03-13", 12))
        XCTAssertEqual(book("2027-03-15", at: paris("2027-03-12", 9), rule: working),
                       .refuse(.bookingDeadline(paris("2027-03-11", 12))))
        XCTAssertEqual(book("2027-03-15", at: paris("2027-03-12", 9)), .accept)
    }

    func testPastDayAndTodayAlwaysRefused() {
        let zero = BookingRules.Deadline(days: 0, cutoffHour: 23, workingDaysOnly: false)
        XCTAssertEqual(book("2027-03-05", at: paris("2027-03-08", 8), rule: zero), .refuse(.past))
        XCTAssertEqual(book("2027-03-08", at: paris("2027-03-08", 8), rule: zero), .refuse(.today))
        XCTAssertEqual(BookingRules.decideCancellation(day: d("2027-03-08"), now: paris("2027-03-08", 8).instant, rule: zero,
                                                       hasBooking: true), .refuse(.today))
    }

    func testClosedDay() {
        XCTAssertEqual(book("2027-03-20", at: paris("2027-03-08", 8), open: false),
                       .refuse(.closed(activity: "restauration scolaire")))
    }

    func testCapacityFullGoesOnWaitingList() {
        XCTAssertEqual(book("2027-03-12", at: paris("2027-03-08", 8), count: 9, capacity: 10), .accept)
        XCTAssertEqual(book("2027-03-12", at: paris("2027-03-08", 8), count: 10, capacity: 10), .waitingList)
    }

    func testAlreadyBookedIsNotBookedTwice() {
        XCTAssertEqual(book("2027-03-12", at: paris("2027-03-08", 8), existing: [""]), .refuse(.alreadyBooked))
        XCTAssertEqual(book("2027-03-17", at: paris("2027-03-08", 8), alsh: true, slot: .journeeAvecRepas,
                            existing: ["journee-avec-repas"]), .refuse(.alreadyBooked))
    }

    func testSlotCompatibility() {
        let now = paris("2027-03-08", 8)
        XCTAssertEqual(book("2027-03-17", at: now, alsh: true, slot: .apresMidiSansRepas, existing: ["matin-sans-repas"],
                            count: 10, capacity: 10), .accept, "the afternoon half-day keeps the child's place")
        XCTAssertEqual(book("2027-03-17", at: now, alsh: true, slot: .matinAvecRepas, existing: ["journee-avec-repas"]),
                       .refuse(.slotConflict(existing: .journeeAvecRepas)))
        XCTAssertEqual(book("2027-03-17", at: now, alsh: true, slot: nil), .refuse(.slotMissing))
        XCTAssertTrue(BookingRules.slotsCompatible([.matinSansRepas, .apresMidiSansRepas]))
        XCTAssertFalse(BookingRules.slotsCompatible([.matinAvecRepas, .apresMidiSansRepas]))
        XCTAssertFalse(BookingRules.slotsCompatible([.journeeAvecRepas, .journeeAvecRepas]))
    }

    func testCancellationDeadlineReasonInFrench() {
        let decision = BookingRules.decideCancellation(day: d("2027-03-10"), now: paris("2027-03-08", 9).instant,
                                                       rule: BookingRules.Deadline(days: 5, cutoffHour: 12, workingDaysOnly: false),
                                                       hasBooking: true)
        XCTAssertEqual(decision, .refuse(.cancellationDeadline(paris("2027-03-05", 12))))
        if case .refuse(let why) = decision {
            XCTAssertEqual(why.frenchReason(currentYear: 2027), "la date limite d’annulation était le 5 mars à 12h")
        }
        XCTAssertEqual(BookingRules.decideCancellation(day: d("2027-03-12"), now: paris("2027-03-08", 9).instant,
                                                       rule: calendar, hasBooking: false), .refuse(.notBooked))
    }

    func testFrenchFormat() {
        XCTAssertEqual(FrenchFormat.date(d("2027-03-11")), "jeudi 11 mars 2027")
        XCTAssertEqual(FrenchFormat.date(d("2027-04-01")), "jeudi 1er avril 2027")
        XCTAssertEqual(FrenchFormat.amount(cents: 9210), "92,10\u{00A0}€")
        XCTAssertEqual(FrenchFormat.amount(cents: 123450), "1\u{202F}234,50\u{00A0}€")
        XCTAssertEqual(FrenchFormat.hour(16, 30), "16h30")
        XCTAssertEqual(FrenchFormat.list(["Léa", "Tom", "Zoé"]), "Léa, Tom et Zoé")
    }
}
