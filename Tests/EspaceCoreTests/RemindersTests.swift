import Foundation
import GRDB
import Parsers
import XCTest
@testable import EspaceCore

/// When each reminder is due, on a real store: the lead time, the deadline day, the day after, and what makes an
/// item stop being due (a certificate received, a booking made, an invoice paid).
final class RemindersTests: XCTestCase {
    func town() throws -> TestTown {
        let t = try TestTown()
        t.settings.reminders.missingCertificate.enabled = true
        t.settings.reminders.unpaidInvoice.enabled = true
        t.settings.reminders.bookingWindow.enabled = true
        return t
    }

    func due(_ t: TestTown, _ iso: String, _ hour: Int = 9, family: String? = nil, kind: ReminderItem.Kind) throws -> [ReminderItem] {
        try t.store.read { try Reminders.due($0, settings: t.settings, now: paris(iso, hour).instant, familyId: family) }
            .filter { $0.kind == kind }
    }

    func testUnpaidInvoiceFromTheLeadTimeToItsDueDate() throws {
        let t = try town() // unpaid F2027-00431 (F1) and F2027-00432 (F2) due 31 March; lead 5 days
        XCTAssertEqual(try due(t, "2027-03-25", kind: .unpaidInvoice).count, 0)
        XCTAssertEqual(try due(t, "2027-03-26", kind: .unpaidInvoice).map(\.itemKey), ["F2027-00431", "F2027-00432"])
        XCTAssertEqual(try due(t, "2027-03-31", kind: .unpaidInvoice).count, 2)
        XCTAssertEqual(try due(t, "2027-04-01", kind: .unpaidInvoice).count, 0, "overdue: not a reminder")
        try t.store.write { try $0.execute(sql: "UPDATE invoice SET status = 'paid' WHERE id = 'F2027-00431'") }
        XCTAssertEqual(try due(t, "2027-03-28", kind: .unpaidInvoice).map(\.familyId), ["F2"])
        let data = try XCTUnwrap(try due(t, "2027-03-28", kind: .unpaidInvoice).first)
            .templateData(settings: t.settings, email: "paul.durand@famille.test")
        XCTAssertEqual(data["amount"] as? String, "118,40\u{00A0}€")
        XCTAssertTrue((data["link"] as? String ?? "").hasPrefix(PayFiPLink.base + "?numcli=012345&exer=2027&refdet=F202700432"))
        t.settings.reminders.unpaidInvoice.enabled = false
        XCTAssertEqual(try due(t, "2027-03-28", kind: .unpaidInvoice).count, 0, "switched off")
    }

    func testMissingCertificateBeforeItsDeadline() throws {
        let t = try town() // deadline: last day + 2 days; lead 1 day
        _ = try t.apply(Request(intent: .absence, children: ["Léa"], dates: [d("2027-03-09")]))
        _ = try t.apply(Request(intent: .absence, children: ["Tom"], dates: [d("2027-03-09")])) // nothing booked: nothing to justify
        XCTAssertEqual(try due(t, "2027-03-09", kind: .missingCertificate).count, 0)
        let items = try due(t, "2027-03-10", kind: .missingCertificate)
        XCTAssertEqual(items.map(\.children), [["Léa"]])
        XCTAssertEqual(items.first?.deadline, "2027-03-11")
        XCTAssertEqual(try due(t, "2027-03-11", kind: .missingCertificate).count, 1)
        XCTAssertEqual(try due(t, "2027-03-12", kind: .missingCertificate).count, 0, "deadline passed")
        let pdf = Attachment(filename: "certificat.pdf", contentType: "application/pdf", isInline: false, data: Array("%PDF-1.4\n%%EOF\n".utf8))
        _ = try t.apply(Request(intent: .absence, children: ["Léa"], certificate: true), at: paris("2027-03-10", 9), attachments: [pdf])
        XCTAssertEqual(try due(t, "2027-03-10", kind: .missingCertificate).count, 0, "certificate received")
    }

    func testBookingWindowOncePerPeriodToFamiliesWithChildrenOfTheAge() throws {
        let t = try town()
        try t.store.write { db in
            try db.execute(sql: "INSERT INTO activity VALUES ('ALSH-VAC', 'Accueil de loisirs – vacances de printemps', 'alsh-vacances', 7, 60)")
            for day in ["2027-04-12", "2027-04-13", "2027-04-14", "2027-04-15", "2027-04-16", "2027-04-19", "2027-04-23", "2027-07-05", "2027-07-06"] {
                try db.execute(sql: "INSERT INTO activity_day VALUES ('ALSH-VAC', ?)", arguments: [day])
            }
        }
        // Bookings close on the first day's deadline: 7 days before 12 April, at noon.
        XCTAssertEqual(try due(t, "2027-03-28", kind: .bookingWindow).count, 0, "8 days before: not yet")
        let items = try due(t, "2027-03-29", kind: .bookingWindow)
        XCTAssertEqual(items.map(\.familyId), ["F1", "F2"])
        XCTAssertEqual(items.map(\.itemKey), ["ALSH-VAC:2027-04-12", "ALSH-VAC:2027-04-12"], "one period, the July days are another")
        XCTAssertEqual(items.first?.lastDay, "2027-04-23")
        XCTAssertEqual(items.first?.deadline, "2027-04-05")
        XCTAssertEqual(Set(items.first?.children ?? []), ["Léa", "Tom"])
        XCTAssertEqual(try due(t, "2027-04-05", 11, kind: .bookingWindow).count, 2)
        XCTAssertEqual(try due(t, "2027-04-05", 13, kind: .bookingWindow).count, 0, "closed at noon")
        // Ages on the first day: Léa 8, Tom 7, Zoé 8.
        t.settings.reminders.bookingWindow.minAge = 8
        XCTAssertEqual(try due(t, "2027-03-30", kind: .bookingWindow).map(\.children), [["Léa"], ["Zoé"]])
        // A child already booked in the period is not reminded; a family with no other child of the age gets nothing.
        try t.store.write { try $0.execute(sql: "INSERT INTO reservation(child_id, activity_id, date, slot, status) VALUES ('C3', 'ALSH-VAC', '2027-04-19', 'journee-avec-repas', 'booked')") }
        XCTAssertEqual(try due(t, "2027-03-30", kind: .bookingWindow).map(\.familyId), ["F1"])
    }

    func testPeriodsAndAges() {
        let days = ["2027-04-12", "2027-04-16", "2027-04-19", "2027-04-23", "2027-07-05"].map(d)
        XCTAssertEqual(Reminders.periods(days).map { "\($0.first.iso)…\($0.last.iso)" }, ["2027-04-12…2027-04-23", "2027-07-05…2027-07-05"])
        XCTAssertEqual(Reminders.years(from: d("2018-04-12"), to: d("2027-04-11")), 8)
        XCTAssertEqual(Reminders.years(from: d("2018-04-12"), to: d("2027-04-12")), 9)
    }

    func testSummaryShowsTheSamePendingItems() throws {
        let t = try town()
        t.settings.reminders = Settings.Reminders() // all switched off: the summary still shows what is pending
        let now = paris("2027-03-27", 9).instant
        let report = try XCTUnwrap(try t.store.read { try FamilyReport.build(familyId: "F1", settings: t.settings, now: now, $0) })
        let mailed = try t.store.read { try Reminders.due($0, settings: t.settings, now: now, familyId: "F1", onlyEnabled: false) }
        XCTAssertEqual(report.notices, mailed.filter { $0.kind != .missingCertificate })
        let data = report.templateData
        let invoices = try XCTUnwrap(data["invoices_due"] as? [[String: Any]])
        XCTAssertEqual(invoices.map { $0["id"] as? String }, ["F2027-00431"])
        XCTAssertEqual(invoices.first?["has_link"] as? Bool, true)
        XCTAssertEqual(data["has_waiting_items"] as? Bool, true)
        let before = try XCTUnwrap(try t.store.read { try FamilyReport.build(familyId: "F1", settings: t.settings, now: paris("2027-03-20", 9).instant, $0) })
        XCTAssertTrue(before.notices.isEmpty, "11 days before the due date: nothing pending yet")
    }

    func testSettingsKnowTheNewSectionsAndRefuseBadValues() throws {
        let good = #"{"service_address": "a@b.test", "imap": {"url": "imap://x"}, "smtp": {"url": "smtp://x"}, "metrics_file": "m.prom", "staff_digest": {"to": ["s@b.test"], "hour": 6}, "reminders": {"hour": 9, "unpaid_invoice": {"enabled": true, "days_before": 3}, "booking_window": {"enabled": true, "min_age": 6, "max_age": 12}}}"#
        XCTAssertEqual(SettingsValidation.unknownKeys(in: Data(good.utf8), file: "f").map(\.message), [])
        let s = try JSONDecoder().decode(Settings.self, from: Data(good.utf8))
        XCTAssertEqual(s.reminders.unpaidInvoice.daysBefore, 3); XCTAssertTrue(s.reminders.unpaidInvoice.enabled)
        XCTAssertFalse(s.reminders.missingCertificate.enabled); XCTAssertEqual(s.reminders.missingCertificate.daysBefore, 1)
        XCTAssertEqual(s.reminders.bookingWindow.minAge, 6); XCTAssertEqual(s.reminders.bookingWindow.daysBefore, 7)
        XCTAssertEqual(s.staffDigest?.hour, 6); XCTAssertEqual(s.metricsFile, "m.prom")
        let typo = #"{"reminders": {"unpaid_invoices": {"enabled": true}}}"#
        XCTAssertEqual(SettingsValidation.unknownKeys(in: Data(typo.utf8), file: "f").map(\.message),
                       ["clé inconnue « reminders.unpaid_invoices » dans f : vouliez-vous dire « reminders.unpaid_invoice » ?"])
        for bad in [#""reminders": {"unpaid_invoice": {"days_before": -1}}"#, #""reminders": {"hour": 24}"#,
                    #""reminders": {"booking_window": {"min_age": 12, "max_age": 3}}"#, #""staff_digest": {"weekdays": [0]}"#] {
            let text = #"{"service_address": "a@b.test", "imap": {"url": "imap://x"}, "smtp": {"url": "smtp://x"}, "# + bad + "}"
            XCTAssertThrowsError(try JSONDecoder().decode(Settings.self, from: Data(text.utf8)), bad)
        }
    }
}
