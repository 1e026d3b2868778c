import GRDB

extension Schema {
    /// Replies to addresses not on file, marked when they are queued (`to_stranger`, set by a trigger), so that the
    /// hourly budget for strangers reads one index range. It used to look every reply of the hour up in `guardian`:
    /// with a high cap and a wave of strangers, each new mail paid for all the replies before it.
    /// The mark says "not on file when the reply was queued": a stranger who becomes a guardian later still counts
    /// for that hour, which is what a flood limit should count.
    static func registerStrangerReplies(_ m: inout DatabaseMigrator) {
        m.registerMigration("v10-stranger-replies") { db in
            try db.execute(sql: """
                ALTER TABLE outbox ADD COLUMN to_stranger INTEGER NOT NULL DEFAULT 0;
                UPDATE outbox SET to_stranger = 1
                    WHERE NOT EXISTS (SELECT 1 FROM guardian g WHERE g.email = outbox.recipient);
                CREATE INDEX outbox_to_strangers ON outbox(to_stranger, created_at, recipient);
                CREATE TRIGGER outbox_insert_to_stranger AFTER INSERT ON outbox
                    WHEN NOT EXISTS (SELECT 1 FROM guardian g WHERE g.email = NEW.recipient)
                    BEGIN UPDATE outbox SET to_stranger = 1 WHERE id = NEW.id; END;
                """)
        }
    }
}
