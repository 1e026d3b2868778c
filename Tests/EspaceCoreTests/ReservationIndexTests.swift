@testable import EspaceCore
import Foundation
import GRDB
import XCTest

/// The capacity check (children holding a place on one activity-day) must not grow with the store: it reads one row
/// of `reservation_day_count`, found by its primary key, kept by triggers. Whatever writes reservations, the counter
/// equals the count of distinct booked or absent children on that day.
final class ReservationIndexTests: XCTestCase {
    var dir = ""
    var store: Store!

    /// What the counter stands for (the query the capacity check ran before it).
    static let distinctCount = """
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

    func counts(_ day: String = "2027-03-10") throws -> (counter: Int, distinct: Int) {
        try store.read { db in
            (try DayCount.children(db, activity: "ALSH", date: day),
             try Int.fetchOne(db, sql: Self.distinctCount, arguments: ["ALSH", day]) ?? 0)
        }
    }

    func testCapacityCheckReadsOneCounterRowByItsKey() throws {
        let plan = try plan(DayCount.sql)
        print("EXPLAIN QUERY PLAN (capacity check):\n\(plan)")
        XCTAssertTrue(plan.contains("SEARCH reservation_day_count USING PRIMARY KEY (activity_id=? AND date=?)"), plan)
        XCTAssertFalse(plan.contains("reservation "), "never reads the reservations: \(plan)")
        XCTAssertEqual(try counts().counter, 2, "a child booked morning and afternoon takes one place; waiting and cancelled take none")
    }

    func testCounterFollowsEveryKindOfWrite() throws {
        XCTAssertEqual(try counts().distinct, 2)
        let steps: [(String, String, Int)] = [
            ("one of a's two slots cancelled: a still holds the place",
             "UPDATE reservation SET status = 'cancelled' WHERE child_id = 'a' AND slot = 'matin-sans-repas'", 2),
            ("a's last slot cancelled", "UPDATE reservation SET status = 'cancelled' WHERE child_id = 'a'", 1),
            ("waiting c promoted", "UPDATE reservation SET status = 'booked' WHERE child_id = 'c'", 2),
            ("absent b booked again (no change)", "UPDATE reservation SET status = 'booked' WHERE child_id = 'b'", 2),
            ("c moved to another day", "UPDATE reservation SET date = '2027-03-17' WHERE child_id = 'c'", 1),
            ("a second slot for b", "INSERT INTO reservation(child_id, activity_id, date, slot, status) VALUES ('b', 'ALSH', '2027-03-10', 'apres-midi-sans-repas', 'booked')", 1),
            ("d booked by upsert", "INSERT INTO reservation(child_id, activity_id, date, slot, status) VALUES ('d', 'ALSH', '2027-03-10', 'matin-sans-repas', 'booked') ON CONFLICT(child_id, activity_id, date, slot) DO UPDATE SET status = 'booked'", 2),
            ("one of b's rows deleted", "DELETE FROM reservation WHERE child_id = 'b' AND slot = 'matin-sans-repas'", 2),
            ("child d deleted (cascade)", "DELETE FROM child WHERE id = 'd'", 1),
        ]
        for (what, sql, expected) in steps {
            try store.write { try $0.execute(sql: sql) }
            let c = try counts()
            XCTAssertEqual(c.counter, c.distinct, what)
            XCTAssertEqual(c.counter, expected, what)
        }
        let other = try counts("2027-03-17")
        XCTAssertEqual(other.counter, 1, "c on the 17th")
        XCTAssertEqual(other.counter, other.distinct)
    }

    func testMigrationCountsReservationsAlreadyInTheStore() throws {
        // A store made before the counter, with bookings in it, then migrated.
        let pool = try DatabasePool(path: dir + "/old.sqlite")
        try Schema.migrator.migrate(pool, upTo: "v5-reliability")
        try pool.write { db in
            try db.execute(sql: "INSERT INTO family(id, name) VALUES ('1', 'Martin')")
            try db.execute(sql: "INSERT INTO activity(id, name, kind, booking_deadline_days, capacity) VALUES ('ALSH', 'ALSH', 'alsh-mercredi', 3, 2)")
            for (child, slot, status) in [("a", "matin-sans-repas", "booked"), ("a", "apres-midi-sans-repas", "absent"),
                                          ("b", "matin-sans-repas", "waiting"), ("c", "matin-sans-repas", "booked")] {
                try db.execute(sql: "INSERT OR IGNORE INTO child(id, family_id, first_name, last_name) VALUES (?, '1', ?, 'Martin')",
                               arguments: [child, child])
                try db.execute(sql: "INSERT INTO reservation(child_id, activity_id, date, slot, status) VALUES (?, 'ALSH', '2027-03-10', ?, ?)",
                               arguments: [child, slot, status])
            }
        }
        try Schema.migrator.migrate(pool)
        let counted = try pool.read { try DayCount.children($0, activity: "ALSH", date: "2027-03-10") }
        XCTAssertEqual(counted, 2, "a (booked and absent) and c; b only waits")
    }

    func testWaitingListQueryStillSeeksTheDay() throws {
        let plan = try plan("SELECT * FROM reservation WHERE activity_id = ? AND date = ? AND status = 'waiting' ORDER BY updated_at, id")
        XCTAssertTrue(plan.contains("USING INDEX reservation_day_children (activity_id=? AND date=? AND status=?)"), plan)
    }
}
