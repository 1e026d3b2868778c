import Foundation
import GRDB
import Parsers

/// Everything a flow needs to apply one request for one family, inside the message's transaction.
public struct FlowContext {
    public let settings: Settings
    /// The processing instant (fixed by `--today` for replays).
    public let now: Date
    public let today: CivilDate
    /// Ledger id of the message being applied (nil when applying a confirmed request later).
    public let messageId: Int64?
    public let family: FamilyRecord
    public let guardian: GuardianRecord
    public let children: [ChildRecord]
    public let attachments: [Attachment]
    /// Who asked: the parent's address, or the staff member's for a forward.
    public let actor: String
    /// Message-IDs the incoming message answers (In-Reply-To + References), to match a held request.
    public let repliesTo: [String]

    public init(settings: Settings, now: Date, today: CivilDate, messageId: Int64?, family: FamilyRecord,
                guardian: GuardianRecord, children: [ChildRecord], attachments: [Attachment], actor: String,
                repliesTo: [String] = []) {
        self.settings = settings; self.now = now; self.today = today; self.messageId = messageId
        self.family = family; self.guardian = guardian; self.children = children; self.attachments = attachments
        self.actor = actor; self.repliesTo = repliesTo
    }

    public func audit(_ db: Database, _ action: String, _ detail: String) throws {
        try AuditRecord.log(db, at: now, message: messageId, family: family.id, actor: actor, action: action, detail: detail)
    }
}

/// The result of one request: what the reply says about it, and whether the store changed.
public struct FlowOutcome {
    public var code: String
    public var changed: Bool
    public var section: ReplyDraft.Section
    /// Held for the parent's OUI under this token.
    public var token: String?
    /// Mails to other families this request caused (a place freed for a child on a waiting list), always to their
    /// address on file.
    public var notices: [ReplyDraft] = []

    public init(code: String, changed: Bool, section: ReplyDraft.Section, token: String? = nil) {
        self.code = code; self.changed = changed; self.section = section; self.token = token
    }
}
