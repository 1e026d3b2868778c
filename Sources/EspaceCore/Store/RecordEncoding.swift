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
