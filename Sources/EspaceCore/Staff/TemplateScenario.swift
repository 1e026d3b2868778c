import Foundation
import GRDB
import Parsers

/// A small town and a script of requests run through the real flows, to collect the data each reply template
/// really receives. `maildaemon templates check` renders every template with it.
public enum TemplateScenario {
    static let files: [String: String] = [
        "families.csv": "family_id;family_name;address;postal_code;city;einvoice\nF1;Martin;3 rue des Écoles;33185;Le Haillan;non\n",
        "guardians.csv": """
            family_id;first_name;last_name;email;phone;activation_key
            F1;Camille;Martin;camille@exemple.test;06 12 34 56 78;
            F1;Julien;Martin;julien@exemple.test;06 98 76 54 32;R4TW-8KQM-2ZHP

            """,
        "children.csv": """
            child_id;family_id;first_name;last_name;birth_date;school;grade
            C1;F1;Léa;Martin;2018-04-12;École du Centre;CE2
            C2;F1;Hugo;Martin;2020-09-30;École du Centre;GS

            """,
        "activities.csv": """
            activity_id;name;kind;booking_deadline_days;capacity
            CANTINE;Restauration scolaire;restauration;2;300
            ALSH;Accueil de loisirs du mercredi;alsh-mercredi;3;1

            """,
        "invoices.csv": """
            invoice_id;family_id;label;issue_date;due_date;amount;status
            FA-1;F1;Restauration – janvier 2027;2027-02-01;2027-02-28;96,40;paid
            FA-2;F1;Restauration – février 2027;2027-03-01;2027-03-31;88,20;unpaid

            """,
    ]

    /// Template name → every data dictionary the scenario produced for it.
    public static func run(settings base: Settings, workDir: String) throws -> [String: [[String: Any]]] {
        var settings = base
        settings.attachmentsDir = workDir + "/attachments"
        settings.staff = ["agent@mairie.test"]
        settings.trust.policy = "none"
        if settings.payfip.numcli.count != 6 { settings.payfip.numcli = "012345" }
        let dir = workDir + "/csv"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var days = "activity_id;date\n", bookings = "child_id;activity_id;date;slot\n"
        var d = CivilDate(iso: "2027-03-01")!
        while d <= CivilDate(iso: "2027-04-09")! {
            if [1, 2, 4, 5].contains(d.weekday) { days += "CANTINE;\(d.iso)\n"; bookings += "C1;CANTINE;\(d.iso);\nC2;CANTINE;\(d.iso);\n" }
            if d.weekday == 3 { days += "ALSH;\(d.iso)\n" }
            d = d.adding(days: 1)
        }
        var files = files
        files["activity_days.csv"] = days
        files["reservations.csv"] = bookings
        for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        let today = CivilDate(iso: "2027-03-08")!
        let now = ParisTime(date: today, hour: 8, minute: 0).instant
        let store = try Store(path: workDir + "/scenario.sqlite")
        _ = try Importer(store: store, now: now).importDirectory(dir)

        var out: [String: [[String: Any]]] = [:]
        func collect(_ s: ReplyDraft.Section) {
            out[s.template, default: []].append(s.data)
            // A confirmed request's own result is nested under its template's name.
            for result in (s.data["results"] as? [[String: Any]]) ?? [] {
                for (key, value) in result { if let data = value as? [String: Any] { collect(.init(key, data)) } }
            }
        }
        let pdf = Attachment(filename: "certificat.pdf", contentType: "application/pdf", isInline: false,
                             data: Array("%PDF-1.4\n%%EOF\n".utf8))
        try store.write { db in
            let family = try FamilyRecord.fetchOne(db, key: "F1")!
            let camille = try GuardianRecord.filter(Column("email") == "camille@exemple.test").fetchOne(db)!
            let julien = try GuardianRecord.filter(Column("email") == "julien@exemple.test").fetchOne(db)!
            let children = try ChildRecord.filter(Column("family_id") == "F1").fetchAll(db)
            func ctx(_ attachments: [Attachment] = [], actor: String = "camille@exemple.test", at: Date = now) -> FlowContext {
                FlowContext(settings: settings, now: at, today: ParisTime(at).date, messageId: nil, family: family,
                            guardian: camille, children: children, attachments: attachments, actor: actor)
            }
            func day(_ s: String) -> CivilDate { CivilDate(iso: s)! }
            func flow(_ r: Request, _ c: FlowContext) throws -> FlowOutcome {
                let o = try RequestFlows.apply(r, c, db)
                collect(o.section)
                o.notices.forEach { $0.sections.forEach(collect) }
                return o
            }
            // Activation, every outcome.
            func activation(_ key: String?, _ g: GuardianRecord) throws {
                collect(try ActivationFlow.apply(key: key, guardian: g, settings: settings, now: now, today: today,
                                                 messageId: nil, db: db).section)
            }
            try activation(nil, julien)
            try activation("AAAA-BBBB-CCCC", julien)
            try activation("R4TW-8KQM-2ZHP", julien)
            try activation("R4TW-8KQM-2ZHP", camille)
            var spent = julien; spent.activatedAt = nil; spent.keySalt = nil; spent.keyHash = nil
            try activation("R4TW-8KQM-2ZHP", spent)
            var old = julien; old.activatedAt = nil; old.keySpentAt = nil; old.keyExpiresOn = "2027-01-01"
            try activation("R4TW-8KQM-2ZHP", old)
            var locked = settings; locked.limits.activationFailuresPerDay = 0
            var fresh = julien; fresh.activatedAt = nil
            collect(try ActivationFlow.apply(key: "X", guardian: fresh, settings: locked, now: now, today: today, messageId: nil, db: db).section)

            // The family flows.
            _ = try flow(Request(intent: .absence, children: ["Léa"], dates: [day("2027-03-09"), day("2027-03-10")], certificate: true), ctx([pdf]))
            _ = try flow(Request(intent: .absence, children: ["Hugo"], dates: [day("2027-03-11")]), ctx())
            _ = try flow(Request(intent: .absence, children: ["Hugo"], certificate: true), ctx([pdf]))
            _ = try flow(Request(intent: .absence, children: ["Hugo"], dates: [day("2027-03-15")], certificate: true),
                         ctx([Attachment(filename: "x.exe", contentType: "application/pdf", isInline: false, data: Array("MZ".utf8))]))
            _ = try flow(Request(intent: .reservation, children: ["Léa", "Hugo"], dates: [day("2027-03-17"), day("2027-03-09")],
                                 activity: .alshMercredi, slot: .journeeAvecRepas), ctx())
            _ = try flow(Request(intent: .cancellation, children: ["Léa"], dates: [day("2027-03-17")], activity: .alshMercredi), ctx())
            _ = try flow(Request(intent: .cancellation, children: ["Hugo"], dates: [day("2027-03-09"), day("2027-03-18")],
                                 activity: .restauration), ctx())
            _ = try flow(Request(intent: .einvoice, einvoice: true), ctx())
            _ = try flow(Request(intent: .invoices), ctx())
            _ = try flow(Request(intent: .reservation, dates: [day("2027-03-19")], activity: .restauration, confidence: .unsure,
                                 doubts: ["Pour quel enfant : Léa ou Hugo ?"]), ctx())
            let held = try flow(Request(intent: .cancellation, children: ["Léa"], dates: [day("2027-03-22")], activity: .restauration,
                                        confidence: .unsure, doubts: ["S’agit-il bien du lundi 22 mars ?"]), ctx())
            _ = try flow(Request(intent: .confirm, confirmation: true, token: held.token), ctx())
            let dropped = try flow(Request(intent: .cancellation, children: ["Léa"], dates: [day("2027-03-23")], activity: .restauration,
                                           confidence: .unsure, doubts: ["S’agit-il bien du mardi 23 mars ?"]), ctx())
            _ = try flow(Request(intent: .confirm, confirmation: false, token: dropped.token), ctx())
            _ = try flow(Request(intent: .confirm, confirmation: true, token: "EF-ZZZZZZZZ"), ctx())
            let contact = try flow(Request(intent: .contact, contact: ContactChange(phone: "07 00 00 00 01", address: "5 rue Neuve")), ctx())
            _ = try flow(Request(intent: .confirm, confirmation: true, token: contact.token), ctx())
            _ = try flow(Request(intent: .absence, children: ["Léa"], certificate: true),
                         ctx([Attachment(filename: "photo.pdf", contentType: "application/pdf", isInline: false, data: Array("MZ".utf8))]))
            _ = try flow(Request(intent: .reservation, children: ["Hugo"], dates: [day("2027-03-24")], activity: .alshMercredi,
                                 slot: .matinAvecRepas, confidence: .unsure, doubts: ["Le matin avec ou sans repas ?"]), ctx())
            _ = try flow(Request(intent: .summary), ctx())
            _ = try flow(Request(intent: .help), ctx())
        }
        // Sections written by the message handler itself.
        let handler = MessageHandler(settings: settings, now: now, today: today)
        let samples: [(String, String)] = [
            ("inconnu@ailleurs.test", "Subject: Bonjour\r\n\r\nBonjour, je voudrais mes factures."),
            ("camille@exemple.test", "Subject: Question\r\n\r\nBonjour, j’ai une question sur le portail."),
            ("agent@mairie.test", "Subject: TR: Absence\r\n\r\nFamille : INCONNUE-404\r\n\r\n-----Original Message-----\r\nFrom: Quelqu'un <quelquun@ailleurs.test>\r\nSubject: Absence\r\n\r\nLéa sera absente demain."),
            ("agent@mairie.test", "Subject: TR: Absence\r\n\r\nFamille : F1\r\nLéa sera absente jeudi 11 mars.\r\n"),
        ]
        for (from, rest) in samples {
            let raw = "From: <\(from)>\r\nTo: <\(settings.serviceAddress)>\r\nDate: Mon, 08 Mar 2027 07:45:00 +0100\r\nMessage-ID: <\(UUID().uuidString)@exemple.test>\r\n" + rest
            let parsed = MessageParser.parse(Array(raw.utf8))
            let handling = try store.write { db in try handler.handle(parsed, returnPath: "<\(from)>", messageId: 0, db: db) }
            for r in handling.replies { r.sections.forEach(collect) }
        }
        collect(.init("activate_first"))
        collect(.init("email_changed_notice", ["new_email": "nouvelle@exemple.test"]))
        collect(.init("staff_forward_unverified", ["sender": "camille@exemple.test", "review_folder": settings.folders.review,
                                                   "reason": "le serveur de la ville a noté un échec DMARC pour le message d’origine (exemple.test)"]))
        return out
    }
}
