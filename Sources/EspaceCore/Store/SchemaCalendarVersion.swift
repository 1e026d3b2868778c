import GRDB

extension Schema {
    /// A counter bumped by triggers whenever the town's calendar (activities and their open days) changes, so that
    /// every mail's reading can reuse the open days read once instead of reading the whole calendar again, and a
    /// reading prepared ahead of time can tell whether the calendar moved under it.
    static func registerCalendarVersion(_ m: inout DatabaseMigrator) {
        m.registerMigration("v9-calendar-version") { db in
            try db.execute(sql: """
                CREATE TABLE calendar_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL,
                                               store_id TEXT NOT NULL);
                INSERT INTO calendar_version (id, version, store_id) VALUES (1, 1, lower(hex(randomblob(16))));
                """)
            for table in ["activity", "activity_day"] {
                for event in ["INSERT", "DELETE", "UPDATE"] {
                    try db.execute(sql: """
                        CREATE TRIGGER \(table)_\(event.lowercased())_calendar_version AFTER \(event) ON \(table)
                        BEGIN UPDATE calendar_version SET version = version + 1 WHERE id = 1; END
                        """)
                }
            }
        }
    }

    /// The calendar's current version, with the store's own random id so that two stores open in one process never
    /// share a cached calendar.
    static func calendarVersion(_ db: Database) throws -> CalendarVersion {
        let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT store_id, version FROM calendar_version WHERE id = 1"))
        return CalendarVersion(store: row?["store_id"] ?? "", version: row?["version"] ?? 0)
    }
}

struct CalendarVersion: Hashable, Sendable {
    var store: String
    var version: Int64
}
