import Foundation
import GRDB

// The three rows every mail inserts, encoded column by column: through Codable, GRDB's record encoder cost about a
// twentieth of a mail's handling. Columns and date text are the ones Codable gave (`CodingKeys`, `StoreDate`);
// `RecordEncodingTests` compares both encodings.

extension MessageRecord {
    public func encode(to c: inout PersistenceContainer) {
        c["id"] = id; c["message_key"] = messageKey; c["mailbox"] = mailbox; c["uidvalidity"] = uidvalidity
        c["uid"] = uid; c["raw_path"] = rawPath; c["received_at"] = StoreDate.text(receivedAt)
        c["from_address"] = fromAddress; c["subject"] = subject; c["state"] = state.rawValue; c["outcome"] = outcome
        c["family_id"] = familyId; c["filed_at"] = filedAt.map(StoreDate.text); c["target_folder"] = targetFolder
    }
}

extension OutboxRecord {
    public func encode(to c: inout PersistenceContainer) {
        c["id"] = id; c["message_id"] = messageId; c["kind"] = kind; c["recipient"] = recipient
        c["rfc822_message_id"] = rfc822MessageId; c["raw"] = raw; c["created_at"] = StoreDate.text(createdAt)
        c["attempts"] = attempts; c["next_attempt_at"] = StoreDate.text(nextAttemptAt)
        c["sent_at"] = sentAt.map(StoreDate.text); c["last_error"] = lastError
    }
}

extension AuditRecord {
    public func encode(to c: inout PersistenceContainer) {
        c["id"] = id; c["at"] = StoreDate.text(at); c["message_id"] = messageId; c["family_id"] = familyId
        c["actor"] = actor; c["action"] = action; c["detail"] = detail
    }
}

// Inserted on one cached statement each, for a new row (id nil): GRDB's `insert` builds its persistence container and
// looks its statement up by a fresh SQL string every time (about a twentieth of the daemon's transaction thread).
// The columns are `encode(to:)`'s; `RecordEncodingTests` inserts both ways and compares the rows.

extension MessageRecord {
    public mutating func insertRow(_ db: Database) throws {
        precondition(id == nil, "insertRow inserts new rows only")
        let st = try db.cachedStatement(sql: """
            INSERT INTO message (message_key, mailbox, uidvalidity, uid, raw_path, received_at, from_address, subject, \
            state, outcome, family_id, filed_at, target_folder) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try st.execute(arguments: [messageKey, mailbox, uidvalidity, uid, rawPath, StoreDate.text(receivedAt), fromAddress,
                                   subject, state.rawValue, outcome, familyId, filedAt.map(StoreDate.text), targetFolder])
        id = db.lastInsertedRowID
    }
}

extension OutboxRecord {
    public mutating func insertRow(_ db: Database) throws {
        precondition(id == nil, "insertRow inserts new rows only")
        let st = try db.cachedStatement(sql: """
            INSERT INTO outbox (message_id, kind, recipient, rfc822_message_id, raw, created_at, attempts, \
            next_attempt_at, sent_at, last_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try st.execute(arguments: [messageId, kind, recipient, rfc822MessageId, raw, StoreDate.text(createdAt), attempts,
                                   StoreDate.text(nextAttemptAt), sentAt.map(StoreDate.text), lastError])
        id = db.lastInsertedRowID
    }
}

extension AuditRecord {
    public mutating func insertRow(_ db: Database) throws {
        precondition(id == nil, "insertRow inserts new rows only")
        let st = try db.cachedStatement(sql: """
            INSERT INTO audit (at, message_id, family_id, actor, action, detail) VALUES (?, ?, ?, ?, ?, ?)
            """)
        try st.execute(arguments: [StoreDate.text(at), messageId, familyId, actor, action, detail])
        id = db.lastInsertedRowID
    }
}
