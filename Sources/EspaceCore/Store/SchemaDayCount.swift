import GRDB

extension Schema {
    /// Children holding a place (booked or absent) per activity-day, kept by triggers (issue 12). The capacity check
    /// and the waiting-list promotion read one row instead of counting that day's bookings (about 4,000 a day in a
    /// 10,000-family town), so a canteen mail costs the same in any town. Triggers, not application code: every
    /// writer (import, flows, staff commands, cascades) keeps the count right.
    static func registerDayCount(_ m: inout DatabaseMigrator) {
        m.registerMigration("v7-reservation-day-count") { db in
            try db.execute(sql: """
                CREATE TABLE reservation_day_count (
                    activity_id TEXT NOT NULL,
                    date TEXT NOT NULL,
                    children INTEGER NOT NULL,
                    PRIMARY KEY (activity_id, date)
                ) WITHOUT ROWID;
                INSERT INTO reservation_day_count(activity_id, date, children)
                    SELECT activity_id, date, COUNT(DISTINCT child_id) FROM reservation
                    WHERE status IN ('booked', 'absent') GROUP BY activity_id, date;
                """)
            // A child counts once per day whatever its slots: a row changes the count only when it is the child's
            // first (or last) place-holding row on that activity-day. The lookups use the unique key
            // (child_id, activity_id, date, slot).
            func othersHold(_ row: String, excludingSelf: Bool) -> String {
                """
                EXISTS (SELECT 1 FROM reservation r WHERE r.child_id = \(row).child_id AND r.activity_id = \(row).activity_id
                        AND r.date = \(row).date AND r.status IN ('booked', 'absent')\(excludingSelf ? " AND r.id <> \(row).id" : ""))
                """
            }
            let increment = """
                INSERT INTO reservation_day_count(activity_id, date, children) VALUES (NEW.activity_id, NEW.date, 1)
                    ON CONFLICT(activity_id, date) DO UPDATE SET children = children + 1;
                """
            let decrement = "UPDATE reservation_day_count SET children = children - 1 WHERE activity_id = OLD.activity_id AND date = OLD.date;"
            try db.execute(sql: """
                CREATE TRIGGER reservation_day_count_insert AFTER INSERT ON reservation
                WHEN NEW.status IN ('booked', 'absent') AND NOT \(othersHold("NEW", excludingSelf: true))
                BEGIN \(increment) END;

                CREATE TRIGGER reservation_day_count_delete AFTER DELETE ON reservation
                WHEN OLD.status IN ('booked', 'absent') AND NOT \(othersHold("OLD", excludingSelf: false))
                BEGIN \(decrement) END;

                CREATE TRIGGER reservation_day_count_update_old AFTER UPDATE OF child_id, activity_id, date, status ON reservation
                WHEN OLD.status IN ('booked', 'absent') AND NOT \(othersHold("OLD", excludingSelf: false))
                BEGIN \(decrement) END;

                CREATE TRIGGER reservation_day_count_update_new AFTER UPDATE OF child_id, activity_id, date, status ON reservation
                WHEN NEW.status IN ('booked', 'absent') AND NOT \(othersHold("NEW", excludingSelf: true))
                    AND NOT (OLD.status IN ('booked', 'absent') AND OLD.child_id = NEW.child_id
                             AND OLD.activity_id = NEW.activity_id AND OLD.date = NEW.date)
                BEGIN \(increment) END;
                """)
        }
    }
}

/// The places taken on one activity-day, from the counter the triggers above keep.
public enum DayCount {
    public static let sql = "SELECT children FROM reservation_day_count WHERE activity_id = ? AND date = ?"

    /// Distinct children booked or absent (an absent child keeps the place) on that activity-day.
    public static func children(_ db: Database, activity: String, date: String) throws -> Int {
        try Int.fetchOne(db, sql: sql, arguments: [activity, date]) ?? 0
    }
}
