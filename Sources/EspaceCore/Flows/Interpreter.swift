import Foundation
import GRDB
import Parsers

/// Who a message acts for and what it asks, from the parsed message and the store. Shared by the daemon and
/// `maildaemon explain`, so that what staff check by hand is what the daemon does.
public struct Interpretation {
    /// Why the message must get no reply at all (auto-reply, bounce, list, our own mail), nil otherwise.
    public var automated: String?
    /// Why a mail without any automated header still looks automated (robot sender, auto-reply subject): it goes
    /// to a person unanswered, never silently ignored.
    public var automatedDoubt: String?
    /// For a staff forward: why the town's MX said the original failed authentication, nil otherwise.
    public var forwardedFailure: String?
    /// The From address, lower-cased.
    public var fromAddress: String
    /// The address acted for: the original parent for a staff forward, else the From address.
    public var sender: String
    public var forwardedBy: String?
    public var family: FamilyRecord?
    public var guardian: GuardianRecord?
    public var children: [ChildRecord]
    public var requests: [Request]
    public var input: ReadingInput
    /// Attachments that belong to the request (the original's, for a forward).
    public var attachments: [Attachment]
    /// The language the parent wrote in; their replies are written in it.
    public var language: MessageLanguage = .french
    /// What the store said when this was read: an interpretation prepared ahead (read-ahead thread) is reused only
    /// while the store still says the same.
    var basis: ReadingBasis?
}

/// Everything an interpretation takes from the store and the clock (the rest comes from the message and the
/// settings): equal bases give equal interpretations of the same message.
struct ReadingBasis: Equatable, Sendable {
    var sender: String
    var guardian: GuardianRecord?
    var family: FamilyRecord?
    var children: [ChildRecord]
    var calendar: CalendarVersion
    var today: CivilDate
}

public struct Interpreter {
    let settings: Settings
    let today: CivilDate

    public init(settings: Settings, today: CivilDate) { self.settings = settings; self.today = today }

    /// - Parameter earlier: an interpretation of this same message prepared ahead, on another connection; returned as
    ///   is when the store still holds what it was read from (family, children, calendar, day), else read again.
    public func interpret(_ m: ParsedMessage, returnPath: String?, db: Database,
                          earlier: Interpretation? = nil) throws -> Interpretation {
        let from = m.from.first?.normalized ?? ""
        let automated = AutomatedMail.reason(headers: m.headers, contentType: m.root.contentType,
                                             returnPath: returnPath, ourDomain: settings.ourDomain,
                                             ourAddresses: [settings.serviceAddress] + [settings.envelopeFrom].compactMap { $0 })
        var sender = from
        var forwardedBy: String? = nil
        var subject = m.subject
        var text = m.newText
        var sentAt = m.date.map(ParisTime.init)
        var attachments = m.attachments
        var familyOverride: String? = nil

        if settings.staffAddresses.contains(from) {
            familyOverride = Interpreter.familyLine(in: m.newText)
            // A staff forward whose subject lost its « TR : »: the Outlook header block is the parent's mail.
            let assumed = m.forwarded == nil ? m.assumingForward() : nil
            if let a = assumed { familyOverride = familyOverride ?? Interpreter.familyLine(in: a.newText) }
            if let fwd = m.forwarded ?? assumed?.forwarded {
                forwardedBy = from
                sender = fwd.from?.normalized ?? sender
                subject = fwd.subject ?? subject
                text = fwd.text
                sentAt = fwd.date.map(ParisTime.init) ?? sentAt
                attachments = fwd.attachments + m.attachments.filter { a in !fwd.attachments.contains { $0.data == a.data } }
            } else if familyOverride != nil {
                forwardedBy = from
            }
        } else if let fwd = m.forwarded, fwd.from?.normalized == from,
                  m.newText.trimmedWhitespaceAndNewlines.isEmpty {
            // A parent re-sending their own earlier mail: read the original.
            text = fwd.text
            subject = fwd.subject ?? subject
            attachments = fwd.attachments + attachments
        }

        var guardian = try GuardianRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM guardian WHERE email = ?"), arguments: [sender])
        // Cached statements: these run for every mail, twice with the read-ahead.
        let familyById = try db.cachedStatement(sql: "SELECT * FROM family WHERE id = ?")
        var family = try guardian.flatMap { try FamilyRecord.fetchOne(familyById, arguments: [$0.familyId]) }
        if let id = familyOverride, forwardedBy != nil {
            if let f = try FamilyRecord.fetchOne(familyById, arguments: [id]) {
                family = f
                if guardian?.familyId != id {
                    guardian = try GuardianRecord.filter(Column("family_id") == id).order(Column("id")).fetchOne(db)
                    if guardian == nil || m.forwarded?.from == nil { sender = guardian?.email ?? sender }
                }
            }
        }
        let children = try family.map {
            try ChildRecord.fetchAll(db.cachedStatement(sql: "SELECT * FROM child WHERE family_id = ? ORDER BY birth_date, id"),
                                     arguments: [$0.id])
        } ?? []

        let basis = ReadingBasis(sender: sender, guardian: guardian, family: family, children: children,
                                 calendar: try Schema.calendarVersion(db), today: today)
        if let earlier, earlier.basis == basis { return earlier }

        let repliesToUs = (m.inReplyTo + m.references).contains { $0.lowercased().hasSuffix("@" + settings.ourDomain.lowercased()) }
        let infos = attachments.map {
            AttachmentInfo(filename: $0.filename, declaredType: $0.contentType, sniffed: FileKind(sniffing: $0.data))
        }
        var input = ReadingInput(subject: subject, text: text, sentAt: sentAt, attachments: infos, repliesToUs: repliesToUs)
        if forwardedBy == nil, let fwd = m.forwarded, text != fwd.text { input.note = fwd.text }
        input.serviceDomains = Array(Set(([settings.serviceAddress] + settings.staffAddresses).compactMap { a in
            a.split(separator: "@").last.map { String($0).lowercased() }
        } + [settings.ourDomain.lowercased()]))
        var requests: [Request] = []
        if automated == nil {
            let context = try family.map { try Interpreter.familyContext(family: $0, children: children, calendar: basis.calendar, db: db) }
            requests = RequestReader.read(input, family: context, today: today)
        }
        let forwardedFailure = forwardedBy == nil ? nil
            : ForwardedAuthentication.failure(of: m, sender: sender, trust: settings.trust)
        var interpretation = Interpretation(automated: automated, automatedDoubt: automated == nil ? AutomatedMail.doubt(headers: m.headers) : nil,
                              forwardedFailure: forwardedFailure, fromAddress: from, sender: sender, forwardedBy: forwardedBy,
                              family: family, guardian: guardian, children: children, requests: requests,
                              input: input, attachments: attachments)
        interpretation.language = MessageLanguage.detect(subject: subject, text: text)
        interpretation.basis = basis
        return interpretation
    }

    /// `Famille : 5201` written by a staff member above a forward.
    /// `Famille : 5201` on a line of its own, written by a staff member above a forward; nothing else counts
    /// (« Famille nombreuse : 3 enfants » is not a file number).
    static func familyLine(in text: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmedWhitespace
            guard let colon = trimmed.firstIndex(of: ":") else { continue }
            let label = trimmed[..<colon].trimmedWhitespace
            guard label.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) == "famille" else { continue }
            let value = trimmed[trimmed.index(after: colon)...].trimmedWhitespace
            if !value.isEmpty, value.count <= 40, value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }),
               value.contains(where: \.isNumber) {
                return value
            }
        }
        return nil
    }

    static func familyContext(family: FamilyRecord, children: [ChildRecord], calendar: CalendarVersion,
                              db: Database) throws -> FamilyContext {
        let open = try OpenDaysCache.shared.openDays(calendar, db: db)
        return FamilyContext(children: children.map { .init(firstName: $0.firstName, birthDate: $0.birthDate.flatMap(CivilDate.init(iso:))) },
                             openDays: open)
    }
}
