import Foundation
import Parsers

/// A reply decided inside the message's transaction; MailDaemon renders it from `templates/` and queues it in the
/// outbox within the same transaction.
public struct ReplyDraft {
    /// Rate-limit family of the reply: `help`, `rejection`, `recap`, `copy`…
    public var kind: String
    public var to: String
    /// Subject without the `Re: ` prefix, in French.
    public var subject: String
    /// Greeting name ("Aurélie"), nil for unknown senders.
    public var greetingName: String?
    /// One rendered block per request: template name (without `.txt`/`.html`) and its data.
    public var sections: [Section]
    /// Confirmation token shown in the subject, if the reply asks for OUI.
    public var token: String?
    /// Replies answering the incoming message thread it (In-Reply-To); notices to another address do not.
    public var threaded: Bool = true
    /// A mail of its own (not a reply nor a copy): the subject is used as it is.
    public var standalone: Bool = false
    /// The language of the mail answered: `templates/en/` is used for English.
    public var language: MessageLanguage = .french

    public struct Section {
        public var template: String
        public var data: [String: Any]
        public init(_ template: String, _ data: [String: Any] = [:]) { self.template = template; self.data = data }
    }

    public init(kind: String, to: String, subject: String, greetingName: String?, sections: [Section],
                token: String? = nil, threaded: Bool = true, standalone: Bool = false) {
        self.kind = kind; self.to = to; self.subject = subject; self.greetingName = greetingName
        self.sections = sections; self.token = token; self.threaded = threaded; self.standalone = standalone
    }
}

/// What happened to one incoming message.
public struct Handling {
    /// processed, review or ignored.
    public var state: LedgerState
    /// Short machine-readable outcome for the ledger and logs (`activation-ok`, `forged`, `auto-reply`…).
    public var outcome: String
    public var familyId: String?
    public var replies: [ReplyDraft]

    public init(state: LedgerState, outcome: String, familyId: String? = nil, replies: [ReplyDraft] = []) {
        self.state = state; self.outcome = outcome; self.familyId = familyId; self.replies = replies
    }
}
