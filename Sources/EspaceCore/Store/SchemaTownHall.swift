import GRDB

extension Schema {
    /// Reminders to parents (issue 13). Append-only, like every migration.
    static func registerTownHall(_ m: inout DatabaseMigrator) {
        m.registerMigration("v6-reminders") { db in
            // One row per reminder queued: an item (an absence, an invoice, a holiday period for a family) is
            // reminded at most once to each address, whatever the restarts; the row commits with its outbox row.
            try db.create(table: "reminder") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("kind", .text).notNull()       // missing-certificate | unpaid-invoice | booking-window
                t.column("item_key", .text).notNull()   // absence id, invoice id, "activity_id:first day"
                t.column("family_id", .text).notNull()
                t.column("recipient", .text).notNull()
                t.column("deadline", .text).notNull()   // the day it reminded of
                t.column("outbox_id", .integer).references("outbox", onDelete: .setNull)
                t.column("created_at", .datetime).notNull()
                t.uniqueKey(["kind", "item_key", "recipient"])
            }
        }
    }
}
