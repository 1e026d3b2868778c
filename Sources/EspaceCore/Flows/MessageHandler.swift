import Foundation
import GRDB
import Parsers

/// Decides what one incoming message does, inside its transaction: store changes, audit, replies.
public struct MessageHandler {
    static let maxRequests = 12
    static let maxDays = 100

    let settings: Settings
    let now: Date
    let today: CivilDate

    public init(settings: Settings, now: Date, today: CivilDate) {
        self.settings = settings; self.now = now; self.today = today
    }

    public func handle(_ m: ParsedMessage, returnPath: String?, messageId: Int64, db: Database,
                       earlier: Interpretation? = nil) throws -> Handling {
        let interp = try Interpreter(settings: settings, today: today).interpret(m, returnPath: returnPath, db: db, earlier: earlier)
        var handling = try handle(m, interp: interp, messageId: messageId, db: db)
        // Parents are answered in the language they wrote in; staff always in French.
        for i in handling.replies.indices where !settings.staffAddresses.contains(handling.replies[i].to.lowercased()) {
            handling.replies[i].language = interp.language
        }
        return handling
    }

    func handle(_ m: ParsedMessage, interp: Interpretation, messageId: Int64, db: Database) throws -> Handling {
        let subject = m.subject.isEmpty ? "Votre message" : m.subject

        if let why = interp.automated {
            return Handling(state: .ignored, outcome: "automated: \(why)")
        }
        if let doubt = interp.automatedDoubt {
            // No automated header, yet it looks automated: a person decides; no reply, nothing applied.
            return Handling(state: .review, outcome: "automatique probable : \(doubt)")
        }
        guard !interp.fromAddress.isEmpty else {
            return Handling(state: .review, outcome: "no-from")
        }
        if let failure = SenderVerifier(trust: settings.trust).failure(fields: m.headers.fields, fromAddress: interp.fromAddress) {
            // Never answer an unverified sender: the answer could be used to phish the parent on file.
            return Handling(state: .review, outcome: "unverified: \(failure)")
        }
        let isStaff = settings.staffAddresses.contains(interp.fromAddress)
        if let staff = interp.forwardedBy, let failure = interp.forwardedFailure {
            // The town's MX said the original was not from its sender: staff are told why, a person decides.
            let reply = ReplyDraft(kind: "notice", to: staff, subject: subject, greetingName: nil,
                                   sections: [.init("staff_forward_unverified", ["sender": interp.sender, "reason": failure,
                                                                                 "review_folder": settings.folders.review])])
            return Handling(state: .review, outcome: "forward-unverified: \(failure)", familyId: interp.family?.id, replies: [reply])
        }
        guard let guardian = interp.guardian, let family = interp.family else {
            if isStaff {
                let reply = ReplyDraft(kind: "rejection", to: interp.fromAddress, subject: subject, greetingName: nil,
                                       sections: [.init("staff_family_not_found", ["sender": interp.sender])])
                return Handling(state: .review, outcome: "staff-forward-family-not-found", replies: [reply])
            }
            if let confirmed = try confirmNewAddress(interp, m: m, messageId: messageId, subject: subject, db: db) {
                return confirmed
            }
            let reply = ReplyDraft(kind: "help", to: interp.fromAddress, subject: subject, greetingName: nil,
                                   sections: [.init("unknown_sender")])
            return Handling(state: .processed, outcome: "unknown-sender", replies: [reply])
        }
        // A parent may act only for their own family: a non-staff forward was resolved to the From address already.
        let actor = interp.forwardedBy ?? guardian.email
        var sections: [ReplyDraft.Section] = []
        var codes: [String] = []
        var token: String? = nil
        var changed = false
        var notices: [ReplyDraft] = []

        var requests = interp.requests.filter { $0.intent != .unknown && $0.intent != .help }
        // Bounds that keep one mail from costing the daemon (and the family) an unbounded amount: a long period is
        // asked about rather than applied, and a mail with dozens of requests goes to a person.
        if requests.count > MessageHandler.maxRequests {
            return Handling(state: .review, outcome: "trop de demandes (\(requests.count)) dans un seul message", familyId: family.id)
        }
        for i in requests.indices where requests[i].dates.count > MessageHandler.maxDays {
            let n = requests[i].dates.count
            requests[i].dates = []  // nothing to hold or apply: the parent is asked for the exact days
            requests[i].confidence = .unsure
            requests[i].doubts.append(.longPeriod(days: n))
        }
        // A part of the mail read but not understood is quoted back and asked about next to what was applied: a reply
        // never reads as complete when something was not understood.
        let unread = interp.requests.filter { r in
            r.intent == .unknown && r.doubts.contains { if case .unclear(_, _, let quote) = $0 { return !quote.isEmpty } else { return false } }
        }
        if requests.isEmpty, !interp.requests.contains(where: { $0.intent == .help }),
           Acknowledgement.isOnlyThanks(interp.input.text, names: interp.children.map(\.firstName)) {
            // A thank-you asks nothing: no reply, the mail is filed as handled.
            return Handling(state: .processed, outcome: "thanks", familyId: family.id)
        }
        if requests.isEmpty {
            sections.append(.init("help", helpData(interp)))
            codes.append(interp.requests.contains { $0.intent == .help } ? "help" : "not-understood")
        } else {
            let ctx = FlowContext(settings: settings, now: now, today: today, messageId: messageId, family: family,
                                  guardian: guardian, children: interp.children, attachments: interp.attachments,
                                  actor: actor, repliesTo: m.inReplyTo + m.references)
            for r in unread {
                let outcome = RequestFlows.missing(r, ctx, questions: r.doubts.map(\.french))
                sections.append(outcome.section)
                codes.append("unknown-asked")
            }
        }
        for request in requests {
            let outcome: FlowOutcome
            if request.intent == .activation {
                outcome = try ActivationFlow.apply(key: request.key, guardian: guardian, settings: settings, now: now,
                                                   today: today, messageId: messageId, db: db)
            } else if !guardian.isActive && interp.forwardedBy == nil {
                outcome = FlowOutcome(code: "not-activated", changed: false, section: .init("activate_first"))
            } else {
                let ctx = FlowContext(settings: settings, now: now, today: today, messageId: messageId, family: family,
                                      guardian: guardian, children: interp.children, attachments: interp.attachments,
                                      actor: actor, repliesTo: m.inReplyTo + m.references)
                outcome = try RequestFlows.apply(request, ctx, db)
            }
            sections.append(outcome.section)
            notices += outcome.notices
            codes.append(outcome.code)
            changed = changed || outcome.changed
            token = token ?? outcome.token
        }
        let onlyRejections = codes.allSatisfy { $0 == "activation-wrong-key" || $0 == "activation-locked" || $0 == "not-understood" }
        let kind = onlyRejections ? (codes == ["not-understood"] ? "help" : "rejection") : "recap"
        var replies: [ReplyDraft] = []
        let greeting = guardian.firstName
        if let staff = interp.forwardedBy {
            // The staff member gets the recap; the family gets a copy at the address on file, never elsewhere.
            replies.append(ReplyDraft(kind: "recap", to: staff, subject: subject, greetingName: nil,
                                      sections: [.init("staff_intro", ["family_name": family.name, "family_id": family.id,
                                                                       "parent": guardian.email])] + sections, token: nil))
            replies.append(ReplyDraft(kind: "copy", to: guardian.email, subject: subject, greetingName: greeting,
                                      sections: [.init("copy_intro", ["staff": staff])] + sections, token: token, threaded: false))
        } else {
            replies.append(ReplyDraft(kind: kind, to: guardian.email, subject: subject, greetingName: greeting,
                                      sections: sections, token: token))
        }
        return Handling(state: .processed, outcome: codes.joined(separator: ","), familyId: family.id, replies: replies + notices)
    }

    /// An email change is confirmed from the new address, which is not on file yet: only a waiting change whose
    /// token the message quotes and whose new address is this very sender qualifies.
    func confirmNewAddress(_ interp: Interpretation, m: ParsedMessage, messageId: Int64, subject: String,
                           db: Database) throws -> Handling? {
        guard let confirm = interp.requests.first(where: { $0.intent == .confirm }),
              let written = confirm.token?.uppercased() else { return nil }
        let token = written.hasPrefix("EF-") ? written : "EF-" + written
        guard let pending = try PendingRequestRecord.fetchOne(db, key: token), pending.state == "waiting",
              let payload = try? JSONDecoder().decode(PendingRequests.Payload.self, from: Data(pending.payload.utf8)),
              payload.intent == .contact, payload.email?.lowercased() == interp.fromAddress,
              let guardian = try GuardianRecord.filter(Column("email") == pending.guardianEmail).fetchOne(db),
              let family = try FamilyRecord.fetchOne(db, key: pending.familyId) else { return nil }
        let children = try ChildRecord.filter(Column("family_id") == family.id).fetchAll(db)
        let ctx = FlowContext(settings: settings, now: now, today: today, messageId: messageId, family: family,
                              guardian: guardian, children: children, attachments: [], actor: interp.fromAddress,
                              repliesTo: m.inReplyTo + m.references)
        let outcome = try PendingRequests.confirm(confirm, ctx, db)
        let replies = [
            ReplyDraft(kind: "recap", to: interp.fromAddress, subject: subject, greetingName: guardian.firstName,
                       sections: [outcome.section]),
            // The old address hears of the change, so that a takeover cannot go unnoticed.
            ReplyDraft(kind: "copy", to: guardian.email, subject: subject, greetingName: guardian.firstName,
                       sections: [.init("email_changed_notice", ["new_email": interp.fromAddress])], threaded: false),
        ]
        return Handling(state: .processed, outcome: "email-change-" + outcome.code, familyId: family.id, replies: replies)
    }

    /// The help page, with the sender's own children's names as examples.
    func helpData(_ interp: Interpretation) -> [String: Any] {
        let first = interp.children.first?.firstName ?? "Léa"
        // Example dates a week or so ahead, so the help page never shows a date already past.
        let monday = today.adding(days: 7 - (today.weekday - 1))
        func numeric(_ d: CivilDate) -> String { String(format: "%02d/%02d/%04d", d.day, d.month, d.year) }
        return ["example_child": first,
                "example_from": numeric(monday), "example_to": numeric(monday.adding(days: 1)),
                "example_day": numeric(monday.adding(days: 2)),
                "children_list": FrenchFormat.list(interp.children.map(\.firstName)),
                "has_children": !interp.children.isEmpty]
    }
}

extension MessageHandler {
    /// The interpretation `decide` would start from, read ahead on a read-only connection (the daemon's read-ahead
    /// thread) so that the reading overlaps with the previous message's transaction. `decide` re-checks it.
    public func prepare(_ m: ParsedMessage, db: Database) throws -> Interpretation {
        try Interpreter(settings: settings, today: today).interpret(m, returnPath: m.headers.raw("Return-Path"), db: db)
    }

    /// The daemon's whole decision on one message inside its transaction: the handling, then the reply caps. Each
    /// reply allowed is handed to `queue` (the daemon renders it into the outbox) before the next is checked.
    /// Shared with `dryRun`: `explain` shows this very decision.
    /// `earlier`: this message's interpretation prepared ahead (see `prepare`), if any.
    public func decide(_ m: ParsedMessage, messageId: Int64, db: Database, earlier: Interpretation? = nil,
                       queue: (ReplyDraft) throws -> Void) throws -> Handling {
        var handling = try handle(m, returnPath: m.headers.raw("Return-Path"), messageId: messageId, db: db, earlier: earlier)
        let limiter = ReplyLimiter(limits: settings.limits, now: now, staff: settings.staffAddresses)
        let ourAddresses = Set([settings.serviceAddress, settings.envelopeFrom].compactMap { $0?.lowercased() })
        var kept: [ReplyDraft] = []
        var dropped: [String] = []
        for draft in handling.replies {
            let refusal = ourAddresses.contains(draft.to.lowercased()) ? "jamais de réponse à notre propre adresse"
                : try limiter.refusal(for: draft, db: db)
            if let why = refusal {
                dropped.append("\(draft.to): \(why)")
                try AuditRecord.log(db, at: now, message: messageId, family: handling.familyId, actor: "daemon",
                                    action: "reply-suppressed", detail: "\(draft.kind) → \(draft.to) : \(why)")
                continue
            }
            try queue(draft)
            kept.append(draft)
        }
        handling.replies = kept
        if !dropped.isEmpty {
            handling.outcome += " | réponse non envoyée (\(dropped.joined(separator: "; ")))"
            if handling.state == .processed { handling.state = .review }
        }
        return handling
    }

    /// The daemon's own decision on these bytes (size bound, parser limits, trust, flows, reply caps) inside a
    /// transaction that is rolled back: what it would do, and whether the family's records would change (holding a
    /// request for OUI is not a change). Point `settings.attachmentsDir` at a scratch folder: certificate files are
    /// written before the rollback.
    public func dryRun(raw: [UInt8], store: Store) throws -> (outcome: String, wouldChange: Bool) {
        if MessageIntake.isOversize(raw.count, settings) {
            return ("review: " + MessageIntake.oversizeOutcome(settings), false)
        }
        let m = MessageParser.parse(raw, limits: MessageIntake.parseLimits(settings))
        return try store.write { db in
            var result = (outcome: "", wouldChange: false)
            try db.inSavepoint {
                let changes = "SELECT COUNT(*) FROM audit WHERE action NOT LIKE 'pending-%' AND action NOT IN ('message', 'reply-suppressed')"
                let before = try Int.fetchOne(db, sql: changes) ?? 0
                var ledger = MessageRecord(id: nil, messageKey: "dry-run:" + UUID().uuidString, mailbox: settings.folders.inbox,
                                           uidvalidity: 0, uid: 0, rawPath: "", receivedAt: now,
                                           fromAddress: m.from.first?.normalized ?? "", subject: m.subject, state: .received,
                                           outcome: "", familyId: nil, filedAt: nil, targetFolder: nil)
                try ledger.insert(db)
                let handling = try decide(m, messageId: ledger.id!, db: db) { draft in
                    var row = OutboxRecord(id: nil, messageId: ledger.id, kind: draft.kind, recipient: draft.to.lowercased(),
                                           rfc822MessageId: "", raw: Data(), createdAt: now, attempts: 0,
                                           nextAttemptAt: now, sentAt: nil, lastError: nil)
                    try row.insert(db)
                }
                result = ("\(handling.state.rawValue): \(handling.outcome)", (try Int.fetchOne(db, sql: changes) ?? 0) > before)
                return .rollback
            }
            return result
        }
    }
}
