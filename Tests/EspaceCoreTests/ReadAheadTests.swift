import Foundation
import GRDB
import Parsers
import XCTest
@testable import EspaceCore

/// The daemon reads the next mail ahead, from a snapshot of the store, while the current one is applied. That
/// reading must never be used once the store says something else about the family or the calendar.
final class ReadAheadTests: XCTestCase {
    func mail(_ body: String) -> ParsedMessage {
        MessageParser.parse(Array("""
            From: Claire Martin <claire.martin@famille.test>\r
            To: espace-famille@ville-lehaillan.test\r
            Subject: Cantine\r
            Message-ID: <read-ahead-\(UUID().uuidString)@famille.test>\r
            Date: Mon, 08 Mar 2027 07:45:00 +0100\r
            \r
            \(body)\r

            """.utf8))
    }

    func testAReadingPreparedAheadIsReusedWhileTheStoreAgrees() throws {
        let town = try TestTown()
        let handler = MessageHandler(settings: town.settings, now: TestTown.monday.instant, today: TestTown.monday.date)
        let m = mail("Bonjour, annulez la cantine de Tom le jeudi 11 mars. Merci")
        let ahead = try town.store.read { try handler.prepare(m, db: $0) }
        let now = try town.store.write { try Interpreter(settings: town.settings, today: TestTown.monday.date)
            .interpret(m, returnPath: nil, db: $0, earlier: ahead) }
        XCTAssertEqual(now.requests, ahead.requests)
        XCTAssertNotNil(now.basis)
        XCTAssertEqual(now.basis, ahead.basis)
    }

    func testAChildAddedAfterTheReadingAheadIsSeen() throws {
        let town = try TestTown()
        let handler = MessageHandler(settings: town.settings, now: TestTown.monday.instant, today: TestTown.monday.date)
        let m = mail("Bonjour, annulez la cantine de Nina le jeudi 11 mars. Merci")
        let ahead = try town.store.read { try handler.prepare(m, db: $0) }
        XCTAssertFalse(ahead.children.contains { $0.firstName == "Nina" })
        try town.store.write { db in
            try db.execute(sql: """
                INSERT INTO child (id, family_id, first_name, last_name, birth_date, school, grade)
                VALUES ('C9', 'F1', 'Nina', 'Martin', '2017-09-01', 'École du Centre', 'CM1')
                """)
        }
        let now = try town.store.write { try Interpreter(settings: town.settings, today: TestTown.monday.date)
            .interpret(m, returnPath: nil, db: $0, earlier: ahead) }
        XCTAssertTrue(now.children.contains { $0.firstName == "Nina" }, "read again from the store as it is now")
        XCTAssertNotEqual(now.basis, ahead.basis)
        XCTAssertEqual(now.requests.first?.children, ["Nina"])
    }

    func testACalendarChangeIsSeenByTheNextReading() throws {
        let town = try TestTown()
        let interpreter = Interpreter(settings: town.settings, today: TestTown.monday.date)
        let m = mail("Bonjour, pouvez-vous inscrire Tom à la cantine le lundi 22 mars ? Merci")
        let before = try town.store.read { try interpreter.interpret(m, returnPath: nil, db: $0) }
        try town.store.write { db in
            try db.execute(sql: "INSERT INTO activity_day (activity_id, date) VALUES ('RESTO', '2027-03-22')")
        }
        let after = try town.store.write { try interpreter.interpret(m, returnPath: nil, db: $0, earlier: before) }
        XCTAssertNotEqual(after.basis?.calendar, before.basis?.calendar, "the triggers bumped the calendar's version")
        let days = try town.store.read { db in
            try OpenDaysCache.shared.openDays(try Schema.calendarVersion(db), db: db)[.restauration] ?? []
        }
        XCTAssertTrue(days.contains(CivilDate(iso: "2027-03-22")!), "the cached calendar was read again")
        XCTAssertEqual(days, try town.store.read { try OpenDaysCache.read($0)[.restauration] ?? [] })
    }

    func testTwoStoresNeverShareACachedCalendar() throws {
        let a = try TestTown(), b = try TestTown()
        let va = try a.store.read { try Schema.calendarVersion($0) }
        let vb = try b.store.read { try Schema.calendarVersion($0) }
        XCTAssertEqual(va.version, vb.version, "same imports, same count of changes")
        XCTAssertNotEqual(va, vb)
    }
}
