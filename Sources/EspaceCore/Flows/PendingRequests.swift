import Foundation
import GRDB
import Parsers

public struct PendingRequestRecord: Codable, FetchableRecord, PersistableRecord, StoreDatedRecord, Sendable, Equatable {
    public static let databaseTableName = "pending_request"
    public var token: String
    public var familyId: String
    public var guardianEmail: String
    public var messageId: Int64?
    public var payload: String
    public var summary: String
    public var createdAt: Date
    public var expiresAt: Date
    /// waiting | applied | dropped | expired
    public var state: String
    public var replyMessageId: String?

    enum CodingKeys: String, CodingKey {
        case token, payload, summary, state
        case familyId = "family_id", guardianEmail = "guardian_email", messageId = "message_id"
        case createdAt = "created_at", expiresAt = "expires_at", replyMessageId = "reply_message_id"
    }
}

/// Requests held until the parent answers OUI (or NON), with a single-use token and an expiry.
public enum PendingRequests {
    /// Binds the requests a message holds to the reply that asks for OUI (its RFC 822 Message-ID): an answer to
    /// that reply confirms them, nothing else. Only the first reply is bound.
    public static func bindReply(_ rfc822MessageId: String, toMessage messageId: Int64, _ db: Database) throws {
        try db.execute(sql: "UPDATE pending_request SET reply_message_id = ? WHERE message_id = ? AND reply_message_id IS NULL",
                       arguments: [rfc822MessageId, messageId])
    }

    /// Requests waiting for a parent's OUI, with the questions asked (for staff: `maildaemon report`).
    public static func waiting(_ db: Database) throws -> [(record: PendingRequestRecord, questions: [String])] {
        try PendingRequestRecord.filter(Column("state") == "waiting").order(Column("created_at").desc).limit(50).fetchAll(db)
            .map { r in (r, (try? JSONDecoder().decode(Payload.self, from: Data(r.payload.utf8)))?.doubts ?? []) }
    }

    /// What a held request carries besides the request itself.
    struct Held {
        var token: String
        var certificate: CertificateStore.Stored?
    }

    /// The stored form of a held request (JSON in `pending_request.payload`).
    struct Payload: Codable {
        var intent: Intent
        var children: [String]
        var dates: [CivilDate]
        var activity: ActivityKind?
        var slot: AlshSlot?
        var einvoice: Bool?
        var certificate: Bool
        var reason: String?
        var phone: String?
        var address: String?
        var postalCode: String?
        var city: String?
        var email: String?
        var doubts: [String]
        var storedCertificate: CertificateStore.Stored?

        init(_ r: Request, certificate stored: CertificateStore.Stored?) {
            intent = r.intent; children = r.children; dates = r.dates; activity = r.activity; slot = r.slot
            einvoice = r.einvoice; certificate = r.certificate; reason = r.reason
            phone = r.contact?.phone; address = r.contact?.address; postalCode = r.contact?.postalCode
            city = r.contact?.city; email = r.contact?.email; doubts = r.doubts.map(\.french); storedCertificate = stored
        }

        var request: Request {
            let contact = [phone, address, postalCode, city, email].contains { $0 != nil }
                ? ContactChange(phone: phone, address: address, postalCode: postalCode, city: city, email: email) : nil
            return Request(intent: intent, children: children, dates: dates, activity: activity, slot: slot,
                           einvoice: einvoice, certificate: certificate, confidence: .certain, reason: reason,
                           contact: contact, doubts: doubts.map(Doubt.asked))
        }
    }

    /// Holds `request` for the parent's OUI: stores it with a fresh token (any certificate attached is stored now,
    /// since the confirming mail will not carry it) and returns the section asking for OUI.
    public static func hold(_ request: Request, _ ctx: FlowContext, _ db: Database,
                            section template: String = "confirmation_needed", extra: [String: Any] = [:]) throws -> FlowOutcome {
        var stored: CertificateStore.Stored? = nil
        var certificateNote: String? = nil
        if request.intent == .absence {
            switch try CertificateStore.storeFirst(ctx.attachments, settings: ctx.settings, today: ctx.today) {
            case .stored(let s): stored = s
            case .rejected(let why): certificateNote = why
            case .none: break
            }
        }
        let token = try freshToken(db)
        let summary = RequestSummary.french(request, ctx.children)
        let expires = ctx.now.addingTimeInterval(TimeInterval(ctx.settings.rules.confirmationHours * 3600))
        let data = try JSONEncoder().encode(Payload(request, certificate: stored))
        let guardianEmail = ctx.guardian.email
        try PendingRequestRecord(token: token, familyId: ctx.family.id, guardianEmail: guardianEmail, messageId: ctx.messageId,
                                 payload: String(decoding: data, as: UTF8.self), summary: summary, createdAt: ctx.now,
                                 expiresAt: expires, state: "waiting", replyMessageId: nil).insert(db)
        try ctx.audit(db, "pending-hold", "\(token) : \(summary)")
        var section: [String: Any] = [
            "summary": summary, "doubts": request.doubts.map(\.french), "has_doubts": !request.doubts.isEmpty,
            "token": token, "held_token": token, "expires": FrenchFormat.dateTime(expires),
            "has_certificate": stored != nil, "certificate_name": stored?.originalName ?? "",
            "certificate_problem": certificateNote ?? "", "has_certificate_problem": certificateNote != nil,
        ]
        section.merge(extra) { _, new in new }
        return FlowOutcome(code: "\(request.intent.rawValue)-held", changed: true, section: .init(template, section), token: token)
    }

    static func freshToken(_ db: Database) throws -> String {
        while true {
            let t = "EF-" + RandomToken.make()
            if try !PendingRequestRecord.exists(db, key: t) { return t }
        }
    }

    /// OUI / NON: finds the held request(s) this answer is about and applies or drops them.
    public static func confirm(_ request: Request, _ ctx: FlowContext, _ db: Database) throws -> FlowOutcome {
        let found: [PendingRequestRecord]
        switch try find(request, ctx, db) {
        case .failure(let failure): return failure
        case .success(let records): found = records
        }
        let yes = request.confirmation ?? true
        if !yes {
            for var p in found {
                p.state = "dropped"
                try p.update(db)
                try ctx.audit(db, "pending-dropped", "\(p.token) : \(p.summary)")
            }
            return FlowOutcome(code: "confirm-dropped", changed: true,
                               section: .init("confirmation_dropped", ["items": found.map { ["summary": $0.summary] }]))
        }
        var results: [[String: Any]] = []
        var notices: [ReplyDraft] = []
        var codes: [String] = []
        var changed = false
        for var p in found {
            let payload = try JSONDecoder().decode(Payload.self, from: Data(p.payload.utf8))
            let held = Held(token: p.token, certificate: payload.storedCertificate)
            if payload.intent == .contact, let email = payload.email?.lowercased(), email != ctx.guardian.email,
               email != ctx.actor.lowercased() {
                // An address change is confirmed from the new address only.
                results.append(["confirmation_refused": ["reason": "le changement d’adresse électronique doit être confirmé depuis la nouvelle adresse (\(email)) ; la demande reste en attente", "code": "wrong-address"],
                                "summary": p.summary])
                p.state = "waiting"
                try p.update(db)
                codes.append("contact-email-wrong-sender")
                continue
            }
            // Tokens are single use: marked applied before applying, whatever the rules decide now.
            p.state = "applied"
            try p.update(db)
            try ctx.audit(db, "pending-confirmed", "\(p.token) : \(p.summary)")
            let outcome = try RequestFlows.apply(payload.request, ctx, db, held: held)
            notices += outcome.notices
            codes.append(outcome.code)
            changed = true
            results.append([outcome.section.template: outcome.section.data, "summary": p.summary])
        }
        var applied = FlowOutcome(code: "confirm-applied:" + codes.joined(separator: "+"), changed: changed,
                                  section: .init("confirmation_applied", ["results": results]))
        applied.notices = notices
        return applied
    }

    enum Found {
        case success([PendingRequestRecord])
        case failure(FlowOutcome)
    }

    static func refusal(_ code: String, _ reason: String) -> Found {
        .failure(FlowOutcome(code: "confirm-\(code)", changed: false,
                             section: .init("confirmation_refused", ["reason": reason, "code": code])))
    }

    /// The held request(s) this answer is bound to: its token, or one of our Message-IDs that asked for them in
    /// In-Reply-To/References. A bare OUI/NON with neither confirms nothing (never a guess at the only waiting
    /// request), and a request may be answered only by the guardian who made it, or by the family's other guardian
    /// when it is not personal.
    static func find(_ request: Request, _ ctx: FlowContext, _ db: Database) throws -> Found {
        if let written = request.token?.trimmedWhitespace.uppercased(), !written.isEmpty {
            let raw = written.hasPrefix("EF-") ? written : "EF-" + written
            guard let p = try PendingRequestRecord.fetchOne(db, key: raw), p.familyId == ctx.family.id else {
                // Another family's token is answered like an unknown one: nothing is revealed.
                return refusal("unknown-token", "nous ne trouvons aucune demande en attente sous la référence \(raw)")
            }
            return try bound([p], ctx, db)
        }
        // Message-IDs compared without angle brackets and case.
        func norm(_ id: String) -> String { id.trimmingCharacters(in: CharacterSet(charactersIn: "<> \t")).lowercased() }
        let answered = Set(ctx.repliesTo.map(norm))
        if !answered.isEmpty {
            let byReply = try PendingRequestRecord
                .filter(Column("family_id") == ctx.family.id && Column("reply_message_id") != nil)
                .order(Column("created_at")).fetchAll(db)
                .filter { answered.contains(norm($0.replyMessageId ?? "")) }
            if !byReply.isEmpty { return try bound(byReply, ctx, db) }
        }
        // No link to a held request (a recap of ours, a Message-ID we never sent, no reference at all): nothing is
        // confirmed; the reply says what is waiting for this sender, if anything.
        let live = try PendingRequestRecord
            .filter(Column("family_id") == ctx.family.id && Column("state") == "waiting")
            .order(Column("created_at")).fetchAll(db)
            .filter { $0.expiresAt > ctx.now }
            .filter { try mayAnswer($0, ctx, db) }
        let unlinked = "votre réponse n’est rattachée à aucune demande (elle ne répond pas au message qui présente une demande en attente et n’en indique pas la référence)"
        if live.isEmpty {
            return refusal("nothing-waiting", unlinked + ". Aucune demande n’attend d’ailleurs votre confirmation")
        }
        let list = live.map { "« \($0.summary) » (référence \($0.token))" }.joined(separator: " ; ")
        return refusal("not-found", unlinked + ". " + (live.count == 1 ? "Une demande attend votre confirmation : " : "Des demandes attendent votre confirmation : ")
                       + list + ". Pour confirmer, répondez OUI au message qui la présente, ou écrivez OUI suivi de sa référence")
    }

    /// Whether the guardian writing may answer this held request: the one who made it, or, for a request that is
    /// not personal (anything but a change of their own contact details), the family's other guardian.
    static func mayAnswer(_ p: PendingRequestRecord, _ ctx: FlowContext, _ db: Database) throws -> Bool {
        guard p.familyId == ctx.family.id else { return false }
        if try askerId(p, db) == ctx.guardian.id { return true }
        let payload = try JSONDecoder().decode(Payload.self, from: Data(p.payload.utf8))
        return payload.intent != .contact
    }

    /// The guardian who made a held request, also after they changed their address by email.
    static func askerId(_ p: PendingRequestRecord, _ db: Database) throws -> Int64? {
        if let g = try GuardianRecord.filter(Column("email") == p.guardianEmail).fetchOne(db) { return g.id }
        return try Int64.fetchOne(db, sql: "SELECT guardian_id FROM email_change WHERE old_email = ?", arguments: [p.guardianEmail])
    }

    /// The requests found for this answer, once each is checked to be this guardian's to answer.
    static func bound(_ records: [PendingRequestRecord], _ ctx: FlowContext, _ db: Database) throws -> Found {
        let allowed = try records.filter { try mayAnswer($0, ctx, db) }
        if allowed.isEmpty {
            return refusal("not-yours", "cette demande est personnelle au responsable qui l’a faite : lui seul peut la confirmer, depuis son adresse enregistrée ; elle reste en attente")
        }
        return try check(allowed, ctx, db)
    }

    /// Rejects used and expired requests (marking the expired ones).
    static func check(_ records: [PendingRequestRecord], _ ctx: FlowContext, _ db: Database) throws -> Found {
        var live: [PendingRequestRecord] = []
        var expired: [PendingRequestRecord] = []
        for var p in records {
            if p.state == "waiting" && p.expiresAt <= ctx.now {
                p.state = "expired"
                try p.update(db)
                try ctx.audit(db, "pending-expired", "\(p.token) : \(p.summary)")
                expired.append(p)
            } else if p.state == "waiting" {
                live.append(p)
            } else if p.state == "expired" {
                expired.append(p)
            }
        }
        if !live.isEmpty { return .success(live) }
        if let p = expired.first {
            return refusal("expired", "la demande « \(p.summary) » (réf. \(p.token)) a expiré le \(FrenchFormat.dateTime(p.expiresAt)) sans confirmation : rien n’a été appliqué. Merci de renvoyer votre demande")
        }
        let p = records[0]
        return refusal("already-used", "la demande « \(p.summary) » (réf. \(p.token)) a déjà été \(p.state == "applied" ? "confirmée" : "annulée")")
    }
}
