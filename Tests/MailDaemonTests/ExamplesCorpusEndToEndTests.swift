import EspaceCore
import Foundation
import GRDB
import Logging
@testable import MailDaemon
import Parsers
import XCTest

/// The 30 realistic parent mails of ../shared/examples/parents, through real Postfix and Dovecot: the town's data is
/// imported, every message is sent by SMTP, the daemon runs once on 2027-03-08, and the store and every mailbox are
/// checked against expected.json. Skipped when ../shared is absent.
final class ExamplesCorpusEndToEndTests: XCTestCase {
    nonisolated(unsafe) static var stack: TestMailStack!
    static let examples = TestMailStack.repoRoot + "/../shared/examples/parents"
    static let service = "espace-famille@mairie.test"
    static let ourDomain = "espace-famille.mairie.test"
    static var present: Bool { FileManager.default.fileExists(atPath: examples + "/expected.json") }

    // MARK: - The corpus's data, read independently of the importer

    /// Rows of a CSV file of the corpus (comma separated, double quotes), as header → value.
    static func csv(_ name: String) throws -> [[String: String]] {
        let text = try String(contentsOfFile: examples + "/data/" + name, encoding: .utf8)
        var records: [[String]] = []
        var field = "", record: [String] = [], quoted = false
        for ch in text {
            if quoted {
                if ch == "\"" { quoted = false } else { field.append(ch) }
            } else if ch == "\"" {
                quoted = true
            } else if ch == "," {
                record.append(field); field = ""
            } else if ch == "\n" || ch == "\r\n" {
                record.append(field); field = ""
                if record.contains(where: { !$0.isEmpty }) { records.append(record) }
                record = []
            } else if ch != "\r" {
                field.append(ch)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        let header = records.removeFirst()
        return records.map { r in Dictionary(uniqueKeysWithValues: zip(header, r + Array(repeating: "", count: max(0, header.count - r.count)))) }
    }

    static func staffAddresses() throws -> [String] {
        try String(contentsOfFile: examples + "/data/staff.txt", encoding: .utf8)
            .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
    }

    static func messageFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: examples + "/messages").filter { $0.hasSuffix(".eml") }.sorted()
    }

    /// The first address in a header value ("Name <a@b>", "a@b (comment)").
    static func firstAddress(_ value: String?) -> String? {
        guard let value, let r = value.range(of: #"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+"#, options: .regularExpression) else { return nil }
        return value[r].lowercased()
    }

    override class func setUp() {
        super.setUp()
        guard TestMailStack.available, present else { return }
        stack = TestMailStack(name: "corpus", smtpPort: 13025, imapPort: 13143)
        do {
            let expected = try Self.expected()
            var users = Set([service])
            users.formUnion(try csv("guardians.csv").map { $0["email"]!.lowercased() })
            users.formUnion(try staffAddresses())
            for (_, m) in expected { if let s = m.sender { users.insert(s) } }
            try stack.start(users: users.sorted())
        } catch { XCTFail("mail stack did not start: \(error)") }
    }

    override class func tearDown() {
        stack?.stop()
        super.tearDown()
    }

    struct Expected {
        struct Req {
            var intent: String
            var children: [String]
            var dates: [String]
            var activity: String?
            var slot: String?
            var einvoice: Bool?
            var certificate: Bool
        }
        var sender: String?
        var forwardedBy: String?
        var requests: [Req]
        var mustNotApply: Bool
        var category: String
    }

    static func expected() throws -> [String: Expected] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: examples + "/expected.json"))) as! [String: Any]
        let messages = json["messages"] as! [String: [String: Any]]
        return messages.mapValues { m in
            Expected(sender: (m["sender"] as? String)?.lowercased(), forwardedBy: (m["forwarded_by"] as? String)?.lowercased(),
                     requests: (m["requests"] as? [[String: Any]] ?? []).map { r in
                         Expected.Req(intent: r["intent"] as! String, children: r["children"] as? [String] ?? [],
                                      dates: r["dates"] as? [String] ?? [], activity: r["activity"] as? String,
                                      slot: r["slot"] as? String, einvoice: r["einvoice"] as? Bool,
                                      certificate: r["certificate"] as? Bool ?? false)
                     },
                     mustNotApply: m["must_not_apply"] as? Bool ?? false, category: m["category"] as? String ?? "")
        }
    }

    // MARK: - Store rows, keyed

    struct Row: Equatable {
        var table: String
        var key: String
        var family: String
        var fields: [String: String]
    }

    static func rows(_ store: Store) throws -> [String: Row] {
        try store.read { db in
            var out: [String: Row] = [:]
            let queries: [(String, String)] = [
                ("family", "SELECT f.*, f.id AS _family FROM family f"),
                ("guardian", "SELECT g.*, g.family_id AS _family FROM guardian g"),
                ("reservation", "SELECT r.*, c.family_id AS _family FROM reservation r JOIN child c ON c.id = r.child_id"),
                ("absence", "SELECT a.*, c.family_id AS _family FROM absence a JOIN child c ON c.id = a.child_id"),
                ("invoice", "SELECT i.*, i.family_id AS _family FROM invoice i"),
            ]
            for (table, sql) in queries {
                for r in try GRDB.Row.fetchAll(db, sql: sql) {
                    var fields: [String: String] = [:]
                    for c in r.columnNames where c != "_family" {
                        let v: DatabaseValue = r[c]
                        switch v.storage {
                        case .null: fields[c] = "NULL"
                        case .int64(let i): fields[c] = String(i)
                        case .double(let d): fields[c] = String(d)
                        case .string(let s): fields[c] = s
                        case .blob(let b): fields[c] = b.base64EncodedString()
                        }
                    }
                    let key = "\(table)#\(fields["id"]!)"
                    out[key] = Row(table: table, key: key, family: r["_family"], fields: fields)
                }
            }
            return out
        }
    }

    // MARK: - The test

    func testEveryExampleMessageThroughTheMailStack() throws {
        try XCTSkipUnless(TestMailStack.available, "needs root, Dovecot and Postfix (scripts/install-deps.sh)")
        try XCTSkipUnless(Self.present, "\(Self.examples) absent")
        let stack = try XCTUnwrap(Self.stack)
        let expected = try Self.expected()
        let files = try Self.messageFiles()
        XCTAssertEqual(Set(files), Set(expected.keys), "every message has its expectation")

        // The town's data.
        var imap = Settings.Server(url: "imap://127.0.0.1:\(stack.imapPort)")
        imap.username = Self.service
        imap.password = .init(value: stack.password)
        var settings = Settings(serviceAddress: Self.service, imap: imap, smtp: .init(url: "smtp://127.0.0.1:\(stack.smtpPort)"))
        settings.messageIdDomain = Self.ourDomain
        settings.staff = try Self.staffAddresses()
        settings.storePath = stack.state + "/var/espace.sqlite"
        settings.rawDir = stack.state + "/var/messages"
        settings.attachmentsDir = stack.state + "/var/attachments"
        settings.templatesDir = TestMailStack.repoRoot + "/templates"
        settings.trust.policy = "none"
        settings.payfip.numcli = "012345"
        let today = CivilDate(iso: "2027-03-08")!
        let store = try Store(path: settings.storePath)
        _ = try Importer(store: store, now: ParisTime(date: today, hour: 7, minute: 0).instant).importDirectory(Self.examples + "/data")

        let guardians = try Self.csv("guardians.csv")
        let familyOf = Dictionary(guardians.map { ($0["email"]!.lowercased(), $0["family_id"]!) }, uniquingKeysWith: { a, _ in a })
        let children = try Self.csv("children.csv")
        func childId(_ name: String, family: String) -> String? {
            children.first { $0["family_id"] == family && $0["first_name"] == name }?["child_id"]
        }
        let activities = try Self.csv("activities.csv")
        func activityIds(_ kind: String?) -> Set<String> {
            Set(activities.filter { kind == nil || $0["kind"] == kind }.map { $0["activity_id"]! })
        }
        let staff = Set(settings.staff)

        // Every message goes in by SMTP, one after the other so that the UIDs follow the file order (01 before 02).
        let before = try Self.rows(store)
        for (i, name) in files.enumerated() {
            let raw = try Data(contentsOf: URL(fileURLWithPath: Self.examples + "/messages/" + name))
            let text = String(decoding: raw, as: UTF8.self)
            let envelope = FlowMail.header(text, "Return-Path") == "<>" ? "" : (Self.firstAddress(FlowMail.header(text, "From")) ?? "")
            try stack.send(raw, from: envelope, to: Self.service)
            XCTAssertEqual(try stack.waitFor(Self.service, count: i + 1), i + 1, "\(name) delivered")
        }

        let daemon = try Daemon(settings: settings, store: store, clock: .init(fixedDay: today), log: Logger(label: "corpus"))
        let report = try daemon.runOnce()
        XCTAssertEqual(report.fetched, files.count)
        XCTAssertEqual(report.failedSends, 0)
        XCTAssertEqual(try stack.uids(Self.service).count, 0, "every message filed")
        let after = try Self.rows(store)

        // MARK: Store: each applicable request did what it asks.
        var explained = Set<String>()   // row keys whose change an applicable request explains
        func status(_ key: String, in rows: [String: Row]) -> String? { rows[key]?.fields["status"] }
        for name in files {
            let exp = expected[name]!
            guard !exp.mustNotApply, let sender = exp.sender, let family = familyOf[sender] else { continue }
            for req in exp.requests {
                let ids = req.children.compactMap { childId($0, family: family) }
                XCTAssertEqual(ids.count, req.children.count, "\(name): children \(req.children) in family \(family)")
                switch req.intent {
                case "activation":
                    let g = after.values.first { $0.table == "guardian" && $0.fields["email"] == sender }
                    XCTAssertNotEqual(g?.fields["activated_at"], "NULL", "\(name): \(sender) activated")
                    XCTAssertNotEqual(g?.fields["key_spent_at"], "NULL", "\(name): key spent")
                    if let g { explained.insert(g.key) }
                case "absence":
                    for child in ids {
                        for date in req.dates {
                            let mine = after.values.filter { $0.table == "reservation" && $0.fields["child_id"] == child && $0.fields["date"] == date }
                            for r in mine {
                                if status(r.key, in: before) == "booked" {
                                    XCTAssertEqual(r.fields["status"], "absent", "\(name): \(child) \(date) \(r.fields["activity_id"]!)")
                                }
                                explained.insert(r.key)
                            }
                            let covering = after.values.filter {
                                $0.table == "absence" && $0.fields["child_id"] == child && $0.fields["first_day"]! <= date && $0.fields["last_day"]! >= date
                            }
                            XCTAssertFalse(covering.isEmpty, "\(name): an absence of \(child) covers \(date)")
                            if req.certificate {
                                XCTAssertTrue(covering.contains { $0.fields["certificate_path"] != "NULL" }, "\(name): certificate kept")
                            }
                            covering.forEach { explained.insert($0.key) }
                        }
                    }
                case "reservation", "cancellation":
                    let acts = activityIds(req.activity)
                    for child in ids {
                        for date in req.dates {
                            let mine = after.values.filter {
                                $0.table == "reservation" && $0.fields["child_id"] == child && $0.fields["date"] == date
                                    && acts.contains($0.fields["activity_id"]!)
                            }
                            mine.forEach { explained.insert($0.key) }
                            if req.intent == "reservation" {
                                XCTAssertTrue(mine.contains { $0.fields["status"] == "booked" && $0.fields["slot"] == (req.slot ?? "") },
                                              "\(name): \(child) booked \(req.activity ?? "?") \(date) \(req.slot ?? ""): \(mine.map(\.fields))")
                            } else {
                                XCTAssertTrue(before.values.contains { mine.map(\.key).contains($0.key) && $0.fields["status"] == "booked" },
                                              "\(name): \(child) had a booking on \(date) to cancel")
                                XCTAssertFalse(mine.contains { $0.fields["status"] == "booked" }, "\(name): \(child) \(date) still booked")
                                XCTAssertTrue(mine.contains { $0.fields["status"] == "cancelled" }, "\(name): \(child) \(date) cancelled")
                            }
                        }
                    }
                case "einvoice":
                    let f = try XCTUnwrap(after["family#\(family)"])
                    XCTAssertEqual(f.fields["einvoice"], req.einvoice == true ? "1" : "0", "\(name): einvoice")
                    XCTAssertNotEqual(f.fields["einvoice_changed_at"], "NULL", "\(name): einvoice change dated")
                    explained.insert(f.key)
                case "contact":
                    // Held until the parent's OUI: a waiting request, nothing changed yet.
                    let waiting = try store.read { db in
                        try PendingRequestRecord.filter(Column("family_id") == family && Column("guardian_email") == sender
                                                        && Column("state") == "waiting").fetchCount(db)
                    }
                    XCTAssertEqual(waiting, 1, "\(name): the contact change waits for OUI")
                default:
                    break // invoices, summary, confirm: a reply only
                }
            }
        }
        // Karim's wrong key (01) was counted before his right one (02).
        let attempts = try store.read { db in
            try GRDB.Row.fetchAll(db, sql: "SELECT success FROM activation_attempt WHERE address = ? ORDER BY at, rowid",
                                  arguments: ["karim.benali@famille.test"]).map { $0["success"] as Bool }
        }
        XCTAssertEqual(attempts, [false, true], "01 refused and counted, then 02 accepted")

        // MARK: Store: nothing else changed (so no must_not_apply message changed anything).
        let keys = Set(before.keys).union(after.keys)
        for key in keys.sorted() where before[key] != after[key] && !explained.contains(key) {
            let row = after[key] ?? before[key]!
            let suspects = files.filter { expected[$0]!.mustNotApply && expected[$0]!.sender.flatMap { familyOf[$0] } == row.family }
            XCTFail("unexpected change in family \(row.family) (must-not-apply messages of that family: \(suspects)):\n"
                    + "  before \(before[key]?.fields.description ?? "absent")\n  after  \(after[key]?.fields.description ?? "absent")")
        }

        // MARK: Replies: who got what, and only there.
        let ledger = try store.read { db in try MessageRecord.fetchAll(db) }
        let outbox = try store.read { db in try OutboxRecord.order(Column("id")).fetchAll(db) }
        var delivered: [String: [String]] = [:]   // mailbox → Message-IDs received
        func received(_ user: String) throws -> [String] {
            if let d = delivered[user] { return d }
            // Postfix delivers asynchronously: wait (bounded) for as many mails as were sent there.
            try stack.waitFor(user, count: outbox.filter { $0.recipient == user }.count)
            let ids = try stack.messages(user).compactMap { FlowMail.header($0, "Message-ID") }
                .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "<> ")) }
            delivered[user] = ids
            return ids
        }
        let onFile = Set(guardians.map { $0["email"]!.lowercased() }).union(staff)
        var expectedRecipients = Set<String>()
        for name in files {
            let exp = expected[name]!
            let raw = try String(decoding: Data(contentsOf: URL(fileURLWithPath: Self.examples + "/messages/" + name)), as: UTF8.self)
            let mid = try XCTUnwrap(FlowMail.header(raw, "Message-ID") ?? FlowMail.header(raw, "Message-Id"), name)
                .trimmingCharacters(in: CharacterSet(charactersIn: "<> ")).lowercased()
            guard let entry = ledger.first(where: { $0.messageKey.lowercased().contains(mid) }) else {
                XCTFail("\(name): not in the ledger"); continue
            }
            let sent = outbox.filter { $0.messageId == entry.id }
            let to = sent.map(\.recipient)
            if exp.category == "automated" {
                XCTAssertEqual(entry.state, .ignored, "\(name): \(entry.outcome)")
                XCTAssertEqual(to, [], "\(name): never answer an automated mail")
                continue
            }
            let sender = try XCTUnwrap(exp.sender)
            if let staffMember = exp.forwardedBy {
                XCTAssertEqual(Set(to), [staffMember, sender], "\(name): recap to staff, copy to the parent")
                XCTAssertEqual(to.count, 2, "\(name): \(to)")
            } else {
                XCTAssertEqual(to, [sender], "\(name): one reply, to the sender on file")
            }
            for row in sent {
                expectedRecipients.insert(row.recipient)
                XCTAssertNotNil(row.sentAt, "\(name): reply to \(row.recipient) sent")
                XCTAssertTrue(try received(row.recipient).contains(row.rfc822MessageId.trimmingCharacters(in: CharacterSet(charactersIn: "<> "))),
                              "\(name): reply \(row.rfc822MessageId) reached \(row.recipient)")
                XCTAssertTrue(onFile.contains(row.recipient) || exp.category == "unknown-sender",
                              "\(name): \(row.recipient) is an address on file")
                let text = try TestTown.plainText(String(decoding: row.raw, as: UTF8.self))
                let reply = ReceivedReply(raw: String(decoding: row.raw, as: UTF8.self), text: text)
                if exp.forwardedBy != nil {
                    if row.recipient == exp.forwardedBy {
                        XCTAssertTrue(reply.body.contains("Transfert traité pour la famille"), "\(name) recap:\n\(reply.text)")
                    } else {
                        XCTAssertTrue(reply.body.contains("nous a transmis votre demande"), "\(name) copy:\n\(reply.text)")
                    }
                }
                if exp.category == "unknown-sender" {
                    // At most a short help mail: no child, no family, no amount, no invoice.
                    for c in children { XCTAssertFalse(reply.body.contains(c["first_name"]!), "\(name) names \(c["first_name"]!):\n\(reply.text)") }
                    for g in guardians { XCTAssertFalse(reply.body.contains(g["last_name"]!), "\(name) names \(g["last_name"]!):\n\(reply.text)") }
                    XCTAssertNil(reply.body.range(of: #"\d+,\d\d"#, options: .regularExpression), "\(name) shows an amount:\n\(reply.text)")
                    XCTAssertFalse(reply.body.contains("payfip"), reply.text)
                    XCTAssertFalse(reply.body.contains("F2027"), reply.text)
                }
            }
        }
        // Each mailbox holds exactly the replies sent to it; no mail went to any other address (a Reply-To, a
        // forwarded parent's other address…): Dovecot accepts any address, so every mailbox on disk is checked.
        for user in expectedRecipients {
            XCTAssertEqual(try received(user).count, outbox.filter { $0.recipient == user }.count, "mails in \(user)'s mailbox")
        }
        let mailRoot = stack.state + "/stack/mail"
        var mailboxes = Set<String>()
        for domain in (try? FileManager.default.contentsOfDirectory(atPath: mailRoot)) ?? [] {
            for user in (try? FileManager.default.contentsOfDirectory(atPath: mailRoot + "/" + domain)) ?? [] {
                mailboxes.insert("\(user)@\(domain)".lowercased())
            }
        }
        XCTAssertFalse(mailboxes.isEmpty, "maildirs under \(mailRoot)")
        for box in mailboxes.subtracting([Self.service]) {
            let parts = box.split(separator: "@")
            let dir = "\(mailRoot)/\(parts[1])/\(parts[0])"
            let n = ["new", "cur"].reduce(0) { $0 + ((try? FileManager.default.contentsOfDirectory(atPath: dir + "/" + $1).count) ?? 0) }
            XCTAssertTrue(expectedRecipients.contains(box) || n == 0, "\(n) mail(s) delivered to \(box), which should get none")
        }
    }
}
