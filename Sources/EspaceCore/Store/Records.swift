import Foundation
import GRDB
import Parsers

public struct FamilyRecord: Codable, FetchableRecord, PersistableRecord, StoreDatedRecord, Sendable, Equatable {
    public static let databaseTableName = "family"
    public var id: String
    public var name: String
    public var address: String
    public var postalCode: String
    public var city: String
    public var einvoice: Bool
    public var einvoiceChangedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, name, address, city, einvoice
        case postalCode = "postal_code", einvoiceChangedAt = "einvoice_changed_at"
    }
}

public struct GuardianRecord: Codable, FetchableRecord, MutablePersistableRecord, StoreDatedRecord, Sendable, Equatable {
    public static let databaseTableName = "guardian"
    public var id: Int64?
    public var familyId: String
    public var firstName: String
    public var lastName: String
    public var email: String
    public var phone: String
    public var keySalt: Data?
    public var keyHash: Data?
    public var keyExpiresOn: String?
    public var keySpentAt: Date?
    public var activatedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, email, phone
        case familyId = "family_id", firstName = "first_name", lastName = "last_name", keySalt = "key_salt"
        case keyHash = "key_hash", keyExpiresOn = "key_expires_on", keySpentAt = "key_spent_at"
        case activatedAt = "activated_at"
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    public var isActive: Bool { activatedAt != nil }
}

public struct ChildRecord: Codable, FetchableRecord, PersistableRecord, StoreDatedRecord, Sendable, Equatable {
    public static let databaseTableName = "child"
    public var id: String
    public var familyId: String
    public var firstName: String
    public var lastName: String
    public var birthDate: String?
    public var school: String
    public var grade: String

    enum CodingKeys: String, CodingKey {
        case id, school, grade
        case familyId = "family_id", firstName = "first_name", lastName = "last_name", birthDate = "birth_date"
    }
}

public struct ActivityRecord: Codable, FetchableRecord, PersistableRecord, StoreDatedRecord, Sendable, Equatable {
    public static let databaseTableName = "activity"
    public var id: String
    public var name: String
    public var kind: String
    public var bookingDeadlineDays: Int
    public var capacity: Int

    enum CodingKeys: String, CodingKey {
        case id, name, kind, capacity
        case bookingDeadlineDays = "booking_deadline_days"
    }
    public var activityKind: ActivityKind? { ActivityKind(rawValue: kind) }
}

public struct ReservationRecord: Codable, FetchableRecord, MutablePersistableRecord, StoreDatedRecord, Sendable, Equatable {
    public static let databaseTableName = "reservation"
    public var id: Int64?
    public var childId: String
    public var activityId: String
    public var date: String
    public var slot: String
    public var status: String
    public var absenceId: Int64?
    public var updatedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, date, slot, status
        case childId = "child_id", activityId = "activity_id", absenceId = "absence_id", updatedAt = "updated_at"
    }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

public struct AbsenceRecord: Codable, FetchableRecord, MutablePersistableRecord, StoreDatedRecord, Sendable, Equatable {
    public static let databaseTableName = "absence"
    public var id: Int64?
    public var childId: String
    public var firstDay: String
    public var lastDay: String
    public var reason: String
    public var certificatePath: String?
    public var certificateReceivedAt: Date?
    public var messageId: Int64?
    public var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, reason
        case childId = "child_id", firstDay = "first_day", lastDay = "last_day", certificatePath = "certificate_path"
        case certificateReceivedAt = "certificate_received_at", messageId = "message_id", createdAt = "created_at"
    }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

public struct InvoiceRecord: Codable, FetchableRecord, PersistableRecord, StoreDatedRecord, Sendable, Equatable {
    public static let databaseTableName = "invoice"
    public var id: String
    public var familyId: String
    public var label: String
    public var issueDate: String
    public var dueDate: String
    public var amountCents: Int
    public var status: String
    public var paidAt: String?

    enum CodingKeys: String, CodingKey {
        case id, label, status
        case familyId = "family_id", issueDate = "issue_date", dueDate = "due_date", amountCents = "amount_cents"
        case paidAt = "paid_at"
    }
    public var isPaid: Bool { status == "paid" }
}

public struct MessageRecord: Codable, FetchableRecord, MutablePersistableRecord, StoreDatedRecord, Sendable, Equatable {
    public static let databaseTableName = "message"
    public var id: Int64?
    public var messageKey: String
    public var mailbox: String
    public var uidvalidity: Int64
    public var uid: Int64
    public var rawPath: String
    public var receivedAt: Date
    public var fromAddress: String
    public var subject: String
    public var state: LedgerState
    public var outcome: String
    public var familyId: String?
    public var filedAt: Date?
    public var targetFolder: String?

    enum CodingKeys: String, CodingKey {
        case id, mailbox, uidvalidity, uid, subject, state, outcome
        case messageKey = "message_key", rawPath = "raw_path", receivedAt = "received_at"
        case fromAddress = "from_address", familyId = "family_id", filedAt = "filed_at", targetFolder = "target_folder"
    }

    public init(id: Int64?, messageKey: String, mailbox: String, uidvalidity: Int64, uid: Int64, rawPath: String,
                receivedAt: Date, fromAddress: String, subject: String, state: LedgerState, outcome: String,
                familyId: String?, filedAt: Date?, targetFolder: String?) {
        self.id = id; self.messageKey = messageKey; self.mailbox = mailbox; self.uidvalidity = uidvalidity
        self.uid = uid; self.rawPath = rawPath; self.receivedAt = receivedAt; self.fromAddress = fromAddress
        self.subject = subject; self.state = state; self.outcome = outcome; self.familyId = familyId
        self.filedAt = filedAt; self.targetFolder = targetFolder
    }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

public struct OutboxRecord: Codable, FetchableRecord, MutablePersistableRecord, StoreDatedRecord, Sendable, Equatable {
    public static let databaseTableName = "outbox"
    public var id: Int64?
    public var messageId: Int64?
    public var kind: String
    public var recipient: String
    public var rfc822MessageId: String
    public var raw: Data
    public var createdAt: Date
    public var attempts: Int
    public var nextAttemptAt: Date
    public var sentAt: Date?
    public var lastError: String?

    enum CodingKeys: String, CodingKey {
        case id, kind, recipient, raw, attempts
        case messageId = "message_id", rfc822MessageId = "rfc822_message_id", createdAt = "created_at"
        case nextAttemptAt = "next_attempt_at", sentAt = "sent_at", lastError = "last_error"
    }

    public init(id: Int64?, messageId: Int64?, kind: String, recipient: String, rfc822MessageId: String, raw: Data,
                createdAt: Date, attempts: Int, nextAttemptAt: Date, sentAt: Date?, lastError: String?) {
        self.id = id; self.messageId = messageId; self.kind = kind; self.recipient = recipient
        self.rfc822MessageId = rfc822MessageId; self.raw = raw; self.createdAt = createdAt; self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt; self.sentAt = sentAt; self.lastError = lastError
    }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

public struct AuditRecord: Codable, FetchableRecord, MutablePersistableRecord, StoreDatedRecord, Sendable {
    public static let databaseTableName = "audit"
    public var id: Int64?
    public var at: Date
    public var messageId: Int64?
    public var familyId: String?
    public var actor: String
    public var action: String
    public var detail: String

    enum CodingKeys: String, CodingKey {
        case id, at, actor, action, detail
        case messageId = "message_id", familyId = "family_id"
    }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public static func log(_ db: Database, at: Date, message: Int64?, family: String?, actor: String,
                           action: String, detail: String) throws {
        var r = AuditRecord(id: nil, at: at, messageId: message, familyId: family, actor: actor, action: action,
                            detail: detail)
        try r.insertRow(db)
    }
}

// Read column by column: these rows are read for every mail (twice with the read-ahead), and GRDB's Decodable path
// cost several times more. In extensions, so that the memberwise initializers stay.
extension FamilyRecord {
    public init(row: Row) throws {
        self.init(id: try row.decode(forColumn: "id"), name: try row.decode(forColumn: "name"),
                  address: try row.decode(forColumn: "address"), postalCode: try row.decode(forColumn: "postal_code"),
                  city: try row.decode(forColumn: "city"), einvoice: try row.decode(forColumn: "einvoice"),
                  einvoiceChangedAt: try row.decode(forColumn: "einvoice_changed_at"))
    }
}

extension GuardianRecord {
    public init(row: Row) throws {
        self.init(id: try row.decode(forColumn: "id"), familyId: try row.decode(forColumn: "family_id"),
                  firstName: try row.decode(forColumn: "first_name"), lastName: try row.decode(forColumn: "last_name"),
                  email: try row.decode(forColumn: "email"), phone: try row.decode(forColumn: "phone"),
                  keySalt: try row.decode(forColumn: "key_salt"), keyHash: try row.decode(forColumn: "key_hash"),
                  keyExpiresOn: try row.decode(forColumn: "key_expires_on"),
                  keySpentAt: try row.decode(forColumn: "key_spent_at"), activatedAt: try row.decode(forColumn: "activated_at"))
    }
}

extension ChildRecord {
    public init(row: Row) throws {
        self.init(id: try row.decode(forColumn: "id"), familyId: try row.decode(forColumn: "family_id"),
                  firstName: try row.decode(forColumn: "first_name"), lastName: try row.decode(forColumn: "last_name"),
                  birthDate: try row.decode(forColumn: "birth_date"), school: try row.decode(forColumn: "school"),
                  grade: try row.decode(forColumn: "grade"))
    }
}
