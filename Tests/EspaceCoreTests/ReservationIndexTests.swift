import EspaceCore
import Foundation
import GRDB
import XCTest

/// The capacity check (children booked on one activity-day) must not grow with the store: SQLite seeks that day's
/// entries in an index holding `child_id` and never reads the reservation rows themselves.
final class ReservationIndexTests: XCTestCase {
    var dir = ""
    var store: Store!

    /// The query `ReservationFlow` runs before booking and before promoting from a waiting list.
    static let capacityQuery = """
        SELECT COUNT(DISTINCT child_id) FROM reservation WHERE activity_id = ? AND date = ? AND status IN ('booked', 'absent')
        """

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "/index-\(UUID().uuidString)"
        store = try Store(path: dir + "/espace.sqlite")
        try store.write { db in
            try db.execute(sql: "INSERT INTO family(id, name) VALUES ('1', 'Martin')")
            try db.execute(sql: "INSERT INTO activity(id, name, kind, booking_deadline_days, capacity) VALUES ('ALSH', 'ALSH', 'alsh-mercredi', 3, 2)")
            for (child, slot, status) in [("a", "matin-sans-repas", "booked"), ("a", "apres-midi-sans-repas", "booked"),
                                          ("b", "matin-sans-repas", "absent"), ("c", "matin-sans-repas", "waiting"),
                                          ("d", "matin-sans-repas", "cancelled")] {
                try db.execute(sql: "INSERT OR IGNORE INTO child(id, family_id, first_name, last_name) VALUES (?, '1', ?, 'Martin')",
                               arguments: [child, child])
                try db.execute(sql: "INSERT INTO reservation(child_id, activity_id, date, slot, status) VALUES (?, 'ALSH', '2027-03-10', ?, ?)",
                               arguments: [child, slot, status])
            }
        }
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func plan(_ sql: String) throws -> String {
        try store.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: ["ALSH", "2027-03-10"])
                .map { $0["detail"] as String }.joined(separator: "\n")
        }
    }

    func testCapacityCountReadsOnlyThatDaysIndexEntries() throws {
        let plan = try plan(Self.capacityQuery)
        print("EXPLAIN QUERY PLAN (capacity check):\n\(plan)")
        XCTAssertTrue(plan.contains("SEARCH reservation USING COVERING INDEX reservation_day_children (activity_id=? AND date=? AND status=?)"), plan)
        XCTAssertFalse(plan.contains("SCAN reservation"), plan)
        let booked = try store.read { try Int.fetchOne($0, sql: Self.capacityQuery, arguments: ["ALSH", "2027-03-10"]) }
        XCTAssertEqual(booked, 2, "a child booked morning and afternoon takes one place; waiting and cancelled take none")
    }

    func testWaitingListQueryStillSeeksTheDay() throws {
        let plan = try plan("SELECT * FROM reservation WHERE activity_id = ? AND date = ? AND status = 'waiting' ORDER BY updated_at, id")
        XCTAssertTrue(plan.contains("USING INDEX reservation_day_children (activity_id=? AND date=? AND status=?)"), plan)
    }
}
