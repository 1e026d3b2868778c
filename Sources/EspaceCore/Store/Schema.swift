import GRDB

/// The database schema, as a list of migrations applied in order. Never edit a shipped migration: add one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-families") { db in
            try db.create(table: "family") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("address", .text).notNull().defaults(to: "")
                t.column("postal_code", .text).notNull().defaults(to: "")
                t.column("city", .text).notNull().defaults(to: "")
                t.column("einvoice", .boolean).notNull().defaults(to: false)
                t.column("einvoice_changed_at", .datetime)
            }
            try db.create(table: "guardian") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("family_id", .text).notNull().indexed().references("family", onDelete: .cascade)
                t.column("first_name", .text).notNull()
                t.column("last_name", .text).notNull()
                t.column("email", .text).notNull().unique(onConflict: .abort) // lower-cased
                t.column("phone", .text).notNull().defaults(to: "")
                t.column("key_salt", .blob)
                t.column("key_hash", .blob)
                t.column("key_expires_on", .text)
                t.column("key_spent_at", .datetime)
                t.column("activated_at", .datetime)
            }
            try db.create(table: "child") { t in
                t.primaryKey("id", .text)
                t.column("family_id", .text).notNull().indexed().references("family", onDelete: .cascade)
                t.column("first_name", .text).notNull()
                t.column("last_name", .text).notNull()
                t.column("birth_date", .text)
                t.column("school", .text).notNull().defaults(to: "")
                t.column("grade", .text).notNull().defaults(to: "")
            }
            try db.create(table: "activity") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("booking_deadline_days", .integer).notNull()
                t.column("capacity", .integer).notNull()
            }
            try db.create(table: "activity_day") { t in
                t.column("activity_id", .text).notNull().references("activity", onDelete: .cascade)
                t.column("date", .text).notNull()
                t.primaryKey(["activity_id", "date"])
            }
            try db.create(table: "reservation") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("child_id", .text).notNull().references("child", onDelete: .cascade)
                t.column("activity_id", .text).notNull().references("activity", onDelete: .cascade)
                t.column("date", .text).notNull()
                t.column("slot", .text).notNull().defaults(to: "") // "" for non-ALSH activities
                // booked | absent | waiting | cancelled
                t.column("status", .text).notNull().defaults(to: "booked")
                t.column("absence_id", .integer)
                t.column("updated_at", .datetime)
                t.uniqueKey(["child_id", "activity_id", "date", "slot"])
            }
            try db.create(index: "reservation_by_day", on: "reservation", columns: ["activity_id", "date", "status"])
            try db.create(table: "absence") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("child_id", .text).notNull().indexed().references("child", onDelete: .cascade)
                t.column("first_day", .text).notNull()
                t.column("last_day", .text).notNull()
                t.column("reason", .text).notNull().defaults(to: "")
                t.column("certificate_path", .text)
                t.column("certificate_received_at", .datetime)
                t.column("message_id", .integer)
                t.column("created_at", .datetime).notNull()
            }
            try db.create(table: "invoice") { t in
                t.primaryKey("id", .text)
                t.column("family_id", .text).notNull().indexed().references("family", onDelete: .cascade)
                t.column("label", .text).notNull()
                t.column("issue_date", .text).notNull()
                t.column("due_date", .text).notNull()
                t.column("amount_cents", .integer).notNull()
                t.column("status", .text).notNull() // paid | unpaid
                t.column("paid_at", .text)
            }
        }
        m.registerMigration("v1-mail") { db in
            // The ledger: every message seen, first thing, before anything is applied.
            try db.create(table: "message") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("message_key", .text).notNull().unique() // Message-ID, or sha256 of the bytes
                t.column("mailbox", .text).notNull()
                t.column("uidvalidity", .integer).notNull()
                t.column("uid", .integer).notNull()
                t.column("raw_path", .text).notNull()
                t.column("received_at", .datetime).notNull()
                t.column("from_address", .text).notNull().defaults(to: "")
                t.column("subject", .text).notNull().defaults(to: "")
                // received | processed | review | ignored
                t.column("state", .text).notNull().defaults(to: "received")
                t.column("outcome", .text).notNull().defaults(to: "")
                t.column("family_id", .text)
                t.column("filed_at", .datetime)
                t.column("target_folder", .text)
            }
            try db.create(index: "message_by_uid", on: "message", columns: ["mailbox", "uidvalidity", "uid"])
            try db.create(table: "outbox") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("message_id", .integer).references("message", onDelete: .setNull)
                t.column("kind", .text).notNull()
                t.column("recipient", .text).notNull()
                t.column("rfc822_message_id", .text).notNull()
                t.column("raw", .blob).notNull()
                t.column("created_at", .datetime).notNull()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("next_attempt_at", .datetime).notNull()
                t.column("sent_at", .datetime)
                t.column("last_error", .text)
            }
            try db.create(index: "outbox_pending", on: "outbox", columns: ["sent_at", "next_attempt_at"])
            try db.create(index: "outbox_by_recipient", on: "outbox", columns: ["recipient", "created_at"])
            try db.create(table: "audit") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .datetime).notNull()
                t.column("message_id", .integer)
                t.column("family_id", .text)
                t.column("actor", .text).notNull()
                t.column("action", .text).notNull()
                t.column("detail", .text).notNull()
            }
            try db.create(table: "activation_attempt") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("address", .text).notNull().indexed()
                t.column("family_id", .text)
                t.column("at", .datetime).notNull()
                t.column("success", .boolean).notNull()
            }
            // Requests held until the parent answers OUI (or the token expires).
            try db.create(table: "pending_request") { t in
                t.primaryKey("token", .text)
                t.column("family_id", .text).notNull().references("family", onDelete: .cascade)
                t.column("guardian_email", .text).notNull()
                t.column("message_id", .integer)
                t.column("payload", .text).notNull() // JSON
                t.column("summary", .text).notNull()
                t.column("created_at", .datetime).notNull()
                t.column("expires_at", .datetime).notNull()
                t.column("state", .text).notNull().defaults(to: "waiting") // waiting | applied | dropped | expired
                t.column("reply_message_id", .text) // our reply's Message-ID, to match In-Reply-To
            }
        }
        m.registerMigration("v2-retention") { db in
            // The absence stays justified; only the health document itself is deleted after the retention period.
            try db.alter(table: "absence") { t in t.add(column: "certificate_purged_at", .datetime) }
        }
        m.registerMigration("v3-email-history") { db in
            // Addresses a guardian moved away from by email: a later import of the town's older file must not
            // bring the old address back to life.
            try db.create(table: "email_change") { t in
                t.column("old_email", .text).notNull().primaryKey(onConflict: .replace)
                t.column("guardian_id", .integer).notNull().references("guardian", onDelete: .cascade)
                t.column("changed_at", .datetime).notNull()
            }
        }
        m.registerMigration("v4-reservation-day-index") { db in
            // The capacity check counts distinct children booked on one activity-day: with `child_id` in the index
            // it reads only that day's index entries, never the reservation rows (10,000 families: a million
            // rows). Its (activity_id, date, status) prefix serves the waiting-list query the old index served.
            try db.create(index: "reservation_day_children", on: "reservation",
                          columns: ["activity_id", "date", "status", "child_id"])
            try db.drop(index: "reservation_by_day")
        }
        registerReliability(&m)
        registerTownHall(&m)
        registerDayCount(&m)
        registerHistoryIndexes(&m)
        registerCalendarVersion(&m)
        registerStrangerReplies(&m)
        return m
    }
}
