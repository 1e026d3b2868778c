import EspaceCore
import Foundation
import GRDB
import Logging
@testable import MailDaemon
import Parsers
import XCTest

/// Every family flow through real Postfix and Dovecot: a parent's mail goes in by SMTP, the daemon reads the
/// service mailbox over IMAP, applies it to a fresh store of the small test town, and the reply is read back from
/// the parent's own mailbox. Each test has its own store; the mail stack is shared by the class.
final class FamilyFlowsEndToEndTests: XCTestCase {
    nonisolated(unsafe) static var stack: TestMailStack!
    static let camille = "camille@parents.test"
    static let julien = "julien@parents.test"
    static let linh = "linh@parents.test"
    static let stranger = "intrus@ailleurs.test"

    override class func setUp() {
        super.setUp()
        guard TestMailStack.available else { return }
        stack = TestMailStack(name: "flows", smtpPort: 12025, imapPort: 12143)
        do { try stack.start(users: [TestTown.service, TestTown.staff, camille, julien, linh, stranger]) }
        catch { XCTFail("mail stack did not start: \(error)") }
    }

    override class func tearDown() {
        stack?.stop()
        super.tearDown()
    }

    // MARK: - Harness

    var stack: TestMailStack { Self.stack }
    var settings: Settings!
    var store: Store!

    override func setUpWithError() throws {
        try XCTSkipUnless(TestMailStack.available, "needs root, Dovecot and Postfix (scripts/install-deps.sh)")
        XCTAssertNotNil(Self.stack, "mail stack")
        // A fresh store (and archive) per test; tests count new mails.
        let test = String(name.filter { $0.isLetter || $0.isNumber }.suffix(48))
        let dir = stack.state + "/t-" + test
        try? FileManager.default.removeItem(atPath: dir)
        var s = TestTown.settings(stack: stack)
        s.storePath = dir + "/espace.sqlite"
        s.rawDir = dir + "/messages"
        s.attachmentsDir = dir + "/attachments"
        settings = s
        store = try TestTown.store(s)
        // Empty mailboxes for each test: reading a reply costs the same in the first test and the last.
        stack.clear([TestTown.service, TestTown.staff, Self.camille, Self.julien, Self.linh, Self.stranger])
        XCTAssertEqual(try stack.uids(TestTown.service).count, 0, "the service inbox is empty before each test")
    }

    /// Sends the mails (envelope from = their sender), waits until the service has them all, runs the daemon once.
    @discardableResult
    func deliver(_ mails: [(raw: Data, from: String)], file: StaticString = #filePath, line: UInt = #line) throws -> Daemon.Report {
        for m in mails { try stack.send(m.raw, from: m.from, to: TestTown.service) }
        XCTAssertEqual(try stack.waitFor(TestTown.service, count: mails.count), mails.count, "delivered to the service", file: file, line: line)
        let daemon = try Daemon(settings: settings, store: store, clock: .init(fixedDay: TestTown.today), log: Logger(label: "test"))
        let report = try daemon.runOnce()
        XCTAssertEqual(report.fetched, mails.count, file: file, line: line)
        XCTAssertEqual(report.failedSends, 0, file: file, line: line)
        XCTAssertEqual(try stack.uids(TestTown.service).count, 0, "every mail filed out of the inbox", file: file, line: line)
        return report
    }

    func mailFrom(_ who: String, _ subject: String, _ body: String, extraHeaders: [String] = []) -> (raw: Data, from: String) {
        (TestTown.mail(from: who, subject: subject, body: body, extraHeaders: extraHeaders), FlowMail.address(who)!)
    }

    func count(_ user: String) throws -> Int { try stack.uids(user).count }

    func status(_ child: String, _ date: String, _ activity: String) throws -> [String] {
        try store.reservations(child: child, date: date, activity: activity).map(\.status)
    }

    func book(_ child: String, _ activity: String, _ date: String, slot: String = "") throws {
        try store.write { db in
            try db.execute(sql: "INSERT INTO reservation (child_id, activity_id, date, slot, status) VALUES (?, ?, ?, ?, 'booked')",
                           arguments: [child, activity, date, slot])
        }
    }

    // MARK: - Absences

    func testEveryPartOfAMailIsAnsweredOrAsked() throws {
        let before = try count(Self.camille)
        try deliver([mailFrom("Camille Martin <camille@parents.test>", "Léa",
                              "Bonjour,\r\n\r\nLéa sera absente mardi 16 mars. Et pour la semaine d'après, on fait comme d'habitude ?\r\n\r\nCamille")])
        XCTAssertEqual(try status("2001", "2027-03-16", "CANTINE"), ["absent"], "the clear part is applied")
        let reply = try stack.newReply(Self.camille, after: before)
        XCTAssertTrue(reply.text.contains("Absence enregistrée"), reply.text)
        // The unclear part is quoted back and asked about, never dropped.
        XCTAssertTrue(reply.text.contains("« Et pour la semaine d'après, on fait comme d'habitude ? »"), reply.text)
    }

    func testParentWritingInEnglishIsAnsweredInEnglish() throws {
        let before = try count(Self.camille)
        try deliver([mailFrom("Camille Martin <camille@parents.test>", "Léa sick",
                              "Hello,\r\n\r\nLéa is sick, she will stay home on Tuesday 16 March.\r\n\r\nKind regards,\r\nCamille")])
        XCTAssertEqual(try status("2001", "2027-03-16", "CANTINE"), ["absent"])
        XCTAssertEqual(try status("2002", "2027-03-16", "CANTINE"), ["booked"], "Hugo was not named")
        let reply = try stack.newReply(Self.camille, after: before)
        XCTAssertTrue(reply.text.contains("Absence recorded"), reply.text)
        XCTAssertFalse(reply.text.contains("Absence enregistrée"), reply.text)
        XCTAssertTrue(reply.text.contains("mardi 16 mars 2027"), "the dates are the town's own labels:\n\(reply.text)")
    }

    func testAbsenceWithPdfCertificateMarksEveryBookedActivityAbsentAndListsThem() throws {
        try book("2001", "ALSH-MER", "2027-03-17", slot: "journee-avec-repas")
        let before = try count(Self.camille)
        try deliver([(FlowMail.withAttachment(
            from: "Camille Martin <camille@parents.test>", subject: "Absence",
            body: "Bonjour,\r\n\r\nEnfant : Léa\r\nDu : 15/03/2027\r\nAu : 17/03/2027\r\nMotif : maladie (certificat médical en pièce jointe)\r\n\r\nCamille Martin",
            filename: "certificat-lea.pdf"), Self.camille)])

        // Every booking of Léa on those days is absent; Hugo's are untouched.
        XCTAssertEqual(try status("2001", "2027-03-15", "CANTINE"), ["absent"])
        XCTAssertEqual(try status("2001", "2027-03-16", "CANTINE"), ["absent"])
        XCTAssertEqual(try status("2001", "2027-03-17", "ALSH-MER"), ["absent"])
        XCTAssertEqual(try status("2001", "2027-03-18", "CANTINE"), ["booked"], "the day after the absence")
        XCTAssertEqual(try status("2002", "2027-03-15", "CANTINE"), ["booked"])
        XCTAssertEqual(try status("2002", "2027-03-16", "CANTINE"), ["booked"])
        let absences = try store.absences(child: "2001")
        XCTAssertEqual(absences.count, 1)
        XCTAssertEqual(absences.first?.firstDay, "2027-03-15")
        XCTAssertEqual(absences.first?.lastDay, "2027-03-17")
        let path = try XCTUnwrap(absences.first?.certificatePath, "the certificate is kept with the absence")
        XCTAssertEqual(FileManager.default.contents(atPath: path), FlowMail.pdf, "the stored certificate is the PDF sent")
        XCTAssertTrue(try store.absences(child: "2002").isEmpty)

        // The reply lists each day with its activities and says the absence is justified.
        let reply = try stack.newReply(Self.camille, after: before)
        XCTAssertEqual(reply.to, Self.camille)
        let text = reply.text
        XCTAssertTrue(text.contains("Absence enregistrée"), text)
        XCTAssertTrue(text.contains("Léa :"), text)
        XCTAssertTrue(text.contains("- lundi 15 mars 2027 : Restauration scolaire"), text)
        XCTAssertTrue(text.contains("- mardi 16 mars 2027 : Restauration scolaire"), text)
        XCTAssertTrue(text.contains("- mercredi 17 mars 2027 : Accueil de loisirs du mercredi (journée avec repas)"), text)
        XCTAssertFalse(text.contains("jeudi 18 mars"), text)
        XCTAssertTrue(text.contains("Certificat médical reçu (certificat-lea.pdf)"), text)
        XCTAssertFalse(text.contains("seront facturés"), "a justified absence is not billed:\n\(text)")
        XCTAssertFalse(text.contains("Hugo"), text)
    }

    func testCertificateSentLaterAttachesToTheOpenAbsence() throws {
        let before = try count(Self.camille)
        try deliver([mailFrom("Camille Martin <camille@parents.test>", "Absence de Hugo",
                              "Bonjour,\r\nHugo sera absent le jeudi 18 mars, il est malade.\r\nCamille")])
        XCTAssertEqual(try status("2002", "2027-03-18", "CANTINE"), ["absent"])
        XCTAssertEqual(try status("2001", "2027-03-18", "CANTINE"), ["booked"])
        let absence = try XCTUnwrap(try store.absences(child: "2002").first)
        XCTAssertNil(absence.certificatePath)
        let first = try stack.newReply(Self.camille, after: before)
        XCTAssertTrue(first.text.contains("- jeudi 18 mars 2027 : Restauration scolaire"), first.text)
        XCTAssertTrue(first.text.contains("Sans certificat médical reçu au plus tard le samedi 20 mars 2027, ces jours seront facturés"), first.text)

        // The certificate comes the next day, as an answer to our reply, without repeating the dates.
        let messageId = try XCTUnwrap(first.messageId)
        try deliver([(FlowMail.withAttachment(
            from: "Camille Martin <camille@parents.test>", subject: "Re: \(first.subject ?? "Absence de Hugo")",
            body: "Bonjour,\r\nVoici le certificat médical du docteur.\r\nCamille",
            filename: "scan.pdf", extraHeaders: ["In-Reply-To: \(messageId)", "References: \(messageId)"]), Self.camille)])
        let updated = try XCTUnwrap(try store.absences(child: "2002").first)
        XCTAssertEqual(updated.id, absence.id, "no second absence")
        XCTAssertEqual(try store.absences(child: "2002").count, 1)
        let path = try XCTUnwrap(updated.certificatePath, "the certificate is attached to the open absence")
        XCTAssertEqual(FileManager.default.contents(atPath: path), FlowMail.pdf)
        XCTAssertEqual(try status("2002", "2027-03-18", "CANTINE"), ["absent"])
        let second = try stack.newReply(Self.camille, after: before + 1)
        XCTAssertTrue(second.text.contains("Certificat médical reçu (scan.pdf), rattaché à l’absence"), second.text)
        XCTAssertTrue(second.text.contains("- Hugo, le jeudi 18 mars 2027 : l’absence est justifiée"), second.text)
    }

    // MARK: - Reservations and cancellations

    func testReservationAcceptedAndRefusedDaysWithReasons() throws {
        let before = try count(Self.camille)
        try deliver([mailFrom("Camille Martin <camille@parents.test>", "Réservation",
                              "Bonjour,\r\n\r\nEnfant : Léa\r\nActivité : accueil de loisirs du mercredi\r\nDates : 10/03/2027, 17/03/2027\r\nCréneau : journée avec repas\r\n\r\nMerci,\r\nCamille")])
        XCTAssertEqual(try store.reservations(child: "2001", date: "2027-03-17", activity: "ALSH-MER").map { "\($0.status) \($0.slot)" },
                       ["booked journee-avec-repas"])
        XCTAssertTrue(try store.reservations(child: "2001", date: "2027-03-10", activity: "ALSH-MER").isEmpty,
                      "past the booking deadline: nothing booked")
        XCTAssertTrue(try store.reservations(child: "2002", date: "2027-03-17").isEmpty, "Hugo was not named")

        let text = try stack.newReply(Self.camille, after: before).text
        XCTAssertTrue(text.contains("Inscriptions enregistrées :\n- Léa, mercredi 17 mars 2027 (journée avec repas"), text)
        XCTAssertTrue(text.contains("Inscriptions refusées (rien n’a changé pour ces jours) :\n- Léa, mercredi 10 mars 2027 : la date limite d’inscription était le 7 mars à 12h"), text)
    }

    func testCancellationAfterTheDeadlineIsRefusedWithTheReason() throws {
        let before = try count(Self.camille)
        try deliver([mailFrom("Camille Martin <camille@parents.test>", "Annulation",
                              "Bonjour,\r\n\r\nEnfant : Hugo\r\nActivité : cantine\r\nDates : 09/03/2027, 15/03/2027\r\n\r\nCamille")])
        XCTAssertEqual(try status("2002", "2027-03-09", "CANTINE"), ["booked"], "tomorrow: too late to cancel")
        XCTAssertEqual(try status("2002", "2027-03-15", "CANTINE"), ["cancelled"])
        XCTAssertEqual(try status("2001", "2027-03-15", "CANTINE"), ["booked"], "Léa was not named")

        let text = try stack.newReply(Self.camille, after: before).text
        XCTAssertTrue(text.contains("Annulations enregistrées :\n- Hugo, lundi 15 mars 2027"), text)
        XCTAssertTrue(text.contains("Annulations refusées (rien n’a changé pour ces jours) :\n- Hugo, mardi 9 mars 2027 : la date limite d’annulation était le 7 mars à 12h"), text)
    }

    func testFullActivityPutsTheChildOnTheWaitingList() throws {
        let camilleBefore = try count(Self.camille), linhBefore = try count(Self.linh)
        // ALSH-MER has 2 places: Léa and Hugo take them, then Linh activates her space and asks for Sacha.
        try deliver([
            mailFrom("Camille Martin <camille@parents.test>", "Réservation",
                     "Enfants : Léa et Hugo\r\nActivité : accueil de loisirs du mercredi\r\nDate : 24/03/2027\r\nCréneau : journée avec repas"),
            mailFrom("Linh Nguyen <linh@parents.test>", "Activation", "Bonjour,\r\nClé : H3JK-9PQR-5TUV\r\nLinh"),
            mailFrom("Linh Nguyen <linh@parents.test>", "Réservation",
                     "Enfant : Sacha\r\nActivité : accueil de loisirs du mercredi\r\nDate : 24/03/2027\r\nCréneau : journée avec repas"),
        ])
        XCTAssertEqual(try status("2001", "2027-03-24", "ALSH-MER"), ["booked"])
        XCTAssertEqual(try status("2002", "2027-03-24", "ALSH-MER"), ["booked"])
        XCTAssertEqual(try status("2003", "2027-03-24", "ALSH-MER"), ["waiting"])

        let camilleText = try stack.newReply(Self.camille, after: camilleBefore).text
        XCTAssertTrue(camilleText.contains("- Léa, mercredi 24 mars 2027"), camilleText)
        XCTAssertTrue(camilleText.contains("- Hugo, mercredi 24 mars 2027"), camilleText)
        XCTAssertEqual(try stack.waitFor(Self.linh, count: linhBefore + 2), linhBefore + 2, "activation and reservation replies")
        let linhTexts = try stack.replies(Self.linh).suffix(2).map(\.text)
        let booking = try XCTUnwrap(linhTexts.first { $0.contains("Accueil de loisirs du mercredi") }, linhTexts.joined(separator: "\n====\n"))
        XCTAssertTrue(booking.contains("Complet, inscription sur liste d’attente"), booking)
        XCTAssertTrue(booking.contains("- Sacha, mercredi 24 mars 2027"), booking)
        XCTAssertFalse(booking.contains("Inscriptions enregistrées"), booking)

        // Camille gives Hugo's place up: Sacha gets it, and Linh is told at her address on file.
        let linhBeforeNotice = try count(Self.linh)
        try deliver([mailFrom("Camille Martin <camille@parents.test>", "Annulation",
                              "Bonjour, annulez l’accueil de loisirs du mercredi 24 mars pour Hugo. Camille")])
        XCTAssertEqual(try status("2002", "2027-03-24", "ALSH-MER"), ["cancelled"])
        XCTAssertEqual(try status("2003", "2027-03-24", "ALSH-MER"), ["booked"])
        let notice = try stack.newReply(Self.linh, after: linhBeforeNotice)
        XCTAssertTrue(notice.text.contains("une place s’est libérée"), notice.text)
        XCTAssertTrue(notice.text.contains("Sacha"), notice.text)
        XCTAssertFalse(notice.text.contains("Hugo") || notice.text.contains("Camille"), "another family's names leaked: \(notice.text)")
    }

    // MARK: - Invoices, e-invoice, summary

    func testEinvoiceYesIsRecordedWithItsDate() throws {
        let before = try count(Self.camille)
        XCTAssertEqual(try store.read { db in try FamilyRecord.fetchOne(db, key: "1001")?.einvoice }, false)
        try deliver([mailFrom("Camille Martin <camille@parents.test>", "Facture en ligne",
                              "Bonjour,\r\nFacture en ligne : oui\r\nCamille")])
        let family = try XCTUnwrap(try store.read { db in try FamilyRecord.fetchOne(db, key: "1001") })
        XCTAssertTrue(family.einvoice)
        XCTAssertNotNil(family.einvoiceChangedAt)
        let text = try stack.newReply(Self.camille, after: before).text
        XCTAssertTrue(text.contains("vous recevrez désormais vos factures en ligne"), text)
        XCTAssertTrue(text.contains("(choix du lundi 8 mars 2027)"), text)
    }

    /// The PayFiP links in a reply, as query dictionaries.
    func payfipLinks(_ text: String) -> [[String: String]] {
        text.components(separatedBy: .whitespacesAndNewlines)
            .filter { $0.hasPrefix("https://www.payfip.gouv.fr/") }
            .compactMap { URLComponents(string: $0) }
            .map { c in Dictionary((c.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { a, _ in a }) }
    }

    func testInvoicesHaveOnePayFiPLinkPerUnpaidInvoiceUntilPaid() throws {
        try store.write { db in
            let sql = """
                INSERT INTO invoice (id, family_id, label, issue_date, due_date, amount_cents, status) VALUES (?, ?, ?, ?, ?, ?, 'unpaid')
                """
            try db.execute(sql: sql, arguments: ["F-0202", "1001", "Accueil de loisirs – février 2027", "2027-03-01", "2027-03-31", 1250])
            try db.execute(sql: sql, arguments: ["F-0301", "1002", "Restauration – février 2027", "2027-03-01", "2027-03-31", 4410])
        }
        let before = try count(Self.camille)
        try deliver([mailFrom("Camille Martin <camille@parents.test>", "Mes factures", "Bonjour,\r\nPouvez-vous m’envoyer mes factures ?\r\nCamille")])
        let text = try stack.newReply(Self.camille, after: before).text
        let links = payfipLinks(text)
        XCTAssertEqual(links.count, 2, "one link per unpaid invoice of the family:\n\(text)")
        XCTAssertEqual(Set(links.map { $0["montant"] ?? "" }), ["8820", "1250"])
        for l in links {
            XCTAssertEqual(l["numcli"], "012345")
            XCTAssertEqual(l["mel"], Self.camille)
            XCTAssertEqual(l["exer"], "2027")
        }
        XCTAssertEqual(Set(links.map { $0["refdet"] ?? "" }), ["0F0201", "0F0202"])
        XCTAssertTrue(text.contains("Restauration – janvier 2027 (F-0101) : 96,40"), text)
        XCTAssertTrue(text.contains("payée"), text)
        XCTAssertFalse(text.contains("F-0301"), "another family's invoice:\n\(text)")
        XCTAssertTrue(text.contains("Reste à payer : 100,70"), text)

        // PayFiP reports the payment of F-0201; the next reply has no link for it.
        let report = try PaymentsImport(store: store, now: ParisTime(date: TestTown.today, hour: 9, minute: 0).instant)
            .importData(Data("invoice;amount;date;result\nF-0201;88,20;2027-03-08;P\n".utf8))
        XCTAssertEqual(report.applied, 1, report.description)
        try deliver([mailFrom("Camille Martin <camille@parents.test>", "Factures", "Factures")])
        let after = try stack.newReply(Self.camille, after: before + 1).text
        let left = payfipLinks(after)
        XCTAssertEqual(left.map { $0["refdet"] ?? "" }, ["0F0202"], after)
        XCTAssertEqual(left.first?["montant"], "1250")
        XCTAssertTrue(after.contains("Restauration – février 2027 (F-0201) : 88,20"), after)
        XCTAssertTrue(after.contains("Reste à payer : 12,50"), after)
    }

    func testSummaryListsChildrenBookingsAndInvoices() throws {
        let before = try count(Self.camille)
        try deliver([mailFrom("Camille Martin <camille@parents.test>", "Récapitulatif", "Bonjour,\r\nRécapitulatif\r\nCamille")])
        let reply = try stack.newReply(Self.camille, after: before)
        let text = reply.text
        XCTAssertTrue(text.contains("famille Martin (dossier 1001)"), text)
        XCTAssertTrue(text.contains("Camille Martin, camille@parents.test"), text)
        XCTAssertTrue(text.contains("Léa (École du Centre, CE2)"), text)
        XCTAssertTrue(text.contains("Hugo (École du Centre, GS)"), text)
        XCTAssertTrue(text.contains("Restauration scolaire"), text)
        XCTAssertTrue(text.contains("mardi 9 mars 2027"), text)
        XCTAssertTrue(text.contains("(F-0201) : 88,20"), text)
        XCTAssertTrue(text.contains("(F-0101) : 96,40"), text)
        XCTAssertEqual(payfipLinks(text).count, 1, text)
        XCTAssertFalse(text.contains("Sacha"), text)
        XCTAssertFalse(text.contains("Nguyen"), text)
    }

    // MARK: - Confirmations

    func testContactChangeIsHeldThenAppliedAfterOUI() throws {
        let before = try count(Self.camille)
        try deliver([mailFrom("Camille Martin <camille@parents.test>", "Changement de coordonnées",
                              "Bonjour,\r\nMon nouveau numéro de téléphone : 06 55 44 33 22\r\nCamille Martin")])
        func phone() throws -> String? {
            try store.read { db in try GuardianRecord.filter(Column("email") == Self.camille).fetchOne(db)?.phone }
        }
        XCTAssertEqual(try phone(), "06 12 34 56 78", "nothing changes before the OUI")
        let held = try stack.newReply(Self.camille, after: before)
        XCTAssertTrue(held.text.contains("- téléphone : 06 55 44 33 22"), held.text)
        XCTAssertTrue(held.text.contains("Rien n’a encore été modifié"), held.text)

        let ourId = try XCTUnwrap(held.messageId)
        try deliver([mailFrom("Camille Martin <camille@parents.test>", "Re: \(held.subject ?? "")", "OUI\r\n\r\nCamille",
                              extraHeaders: ["In-Reply-To: \(ourId)", "References: \(ourId)"])])
        XCTAssertEqual(try phone(), "06 55 44 33 22")
        let applied = try stack.newReply(Self.camille, after: before + 1)
        XCTAssertTrue(applied.text.contains("Vos coordonnées sont mises à jour"), applied.text)
        XCTAssertTrue(applied.text.contains("téléphone : 06 55 44 33 22"), applied.text)
        XCTAssertEqual(try store.read { db in try PendingRequestRecord.fetchAll(db).map(\.state) }, ["applied"])
    }

    func testUnsureRequestChangesNothingUntilOUIAndNONDropsIt() throws {
        let before = try count(Self.camille)
        let family = try FamilySnapshot.take(store, family: "1001")

        // No child named in a two-child family: a question, nothing changed.
        try deliver([mailFrom("Camille Martin <camille@parents.test>", "Cantine", "Bonjour,\r\nJe souhaite annuler la cantine du jeudi 18 mars.\r\nCamille")])
        let question = try stack.newReply(Self.camille, after: before)
        XCTAssertTrue(question.text.contains("rien n’a été modifié"), question.text)
        XCTAssertTrue(question.text.contains("Léa ou Hugo"), question.text)
        XCTAssertEqual(try FamilySnapshot.take(store, family: "1001"), family)

        // Inverted dates: held; still nothing changed.
        try deliver([mailFrom("Camille Martin <camille@parents.test>", "Absence Léa", "Bonjour,\r\nLéa sera absente du 25/03 au 23/03.\r\nCamille")])
        let held = try stack.newReply(Self.camille, after: before + 1)
        XCTAssertTrue(held.text.contains("répondez simplement OUI"), held.text)
        XCTAssertEqual(FamilySnapshot.diff(family, try FamilySnapshot.take(store, family: "1001")), "")
        let heldId = try XCTUnwrap(held.messageId)

        // OUI to that reply: applied.
        try deliver([mailFrom("Camille Martin <camille@parents.test>", "Re: \(held.subject ?? "")", "Oui, c’est bien ça.",
                              extraHeaders: ["In-Reply-To: \(heldId)", "References: \(heldId)"])])
        XCTAssertEqual(try status("2001", "2027-03-23", "CANTINE"), ["absent"])
        XCTAssertEqual(try status("2001", "2027-03-25", "CANTINE"), ["absent"])
        XCTAssertEqual(try status("2002", "2027-03-23", "CANTINE"), ["booked"])
        let applied = try stack.newReply(Self.camille, after: before + 2)
        XCTAssertTrue(applied.text.contains("Merci pour votre confirmation"), applied.text)
        XCTAssertTrue(applied.text.contains("Absence enregistrée"), applied.text)

        // The same for Hugo, answered NON: dropped, nothing changed.
        let beforeHugo = try FamilySnapshot.take(store, family: "1001")
        try deliver([mailFrom("Camille Martin <camille@parents.test>", "Absence Hugo", "Bonjour,\r\nHugo sera absent du 25/03 au 23/03.\r\nCamille")])
        let held2 = try stack.newReply(Self.camille, after: before + 3)
        let held2Id = try XCTUnwrap(held2.messageId)
        try deliver([mailFrom("Camille Martin <camille@parents.test>", "Re: \(held2.subject ?? "")", "NON",
                              extraHeaders: ["In-Reply-To: \(held2Id)", "References: \(held2Id)"])])
        XCTAssertEqual(FamilySnapshot.diff(beforeHugo, try FamilySnapshot.take(store, family: "1001")), "")
        let dropped = try stack.newReply(Self.camille, after: before + 4)
        XCTAssertTrue(dropped.text.contains("la demande suivante est abandonnée et rien n’a été modifié"), dropped.text)
        XCTAssertEqual(try store.read { db in try PendingRequestRecord.order(Column("created_at")).fetchAll(db).map(\.state) },
                       ["applied", "dropped"])
    }

    func testOUIToOneOfOurMailsThatHeldNothingAppliesNothing() throws {
        let before = try count(Self.camille)
        try deliver([mailFrom("Camille Martin <camille@parents.test>", "Absence Léa", "Bonjour,\r\nLéa sera absente du 25/03 au 23/03.\r\nCamille")])
        let held = try stack.newReply(Self.camille, after: before)
        XCTAssertTrue(held.text.contains("répondez simplement OUI"), held.text)
        try deliver([mailFrom("Camille Martin <camille@parents.test>", "Récapitulatif", "Récapitulatif")])
        let recap = try stack.newReply(Self.camille, after: before + 1)
        let snapshot = try FamilySnapshot.take(store, family: "1001")

        // OUI in answer to the recap, which asked nothing: the waiting absence is not applied on a guess.
        let recapId = try XCTUnwrap(recap.messageId)
        try deliver([mailFrom("Camille Martin <camille@parents.test>", "Re: \(recap.subject ?? "")", "Oui",
                              extraHeaders: ["In-Reply-To: \(recapId)", "References: \(recapId)"])])
        XCTAssertEqual(FamilySnapshot.diff(snapshot, try FamilySnapshot.take(store, family: "1001")), "")
        XCTAssertEqual(try store.read { db in try PendingRequestRecord.fetchAll(db).map(\.state) }, ["waiting"])
        let refused = try stack.newReply(Self.camille, after: before + 2)
        XCTAssertTrue(refused.text.contains("Nous ne pouvons pas appliquer votre confirmation"), refused.text)
        XCTAssertTrue(refused.text.contains("Rien n’a été modifié"), refused.text)

        // The OUI to the mail that presented it applies it.
        let heldId = try XCTUnwrap(held.messageId)
        try deliver([mailFrom("Camille Martin <camille@parents.test>", "Re: \(held.subject ?? "")", "Oui",
                              extraHeaders: ["In-Reply-To: \(heldId)", "References: \(heldId)"])])
        XCTAssertEqual(try status("2001", "2027-03-23", "CANTINE"), ["absent"])
        XCTAssertEqual(try store.read { db in try PendingRequestRecord.fetchAll(db).map(\.state) }, ["applied"])
    }

    // MARK: - Confirmations are bound to the request they answer (issue 10, items 1 and 2)

    func token(in reply: ReceivedReply) throws -> String {
        let r = try XCTUnwrap(reply.text.range(of: #"EF-[A-Z0-9]{8}"#, options: .regularExpression), reply.text)
        return String(reply.text[r])
    }

    func activate(_ email: String) throws {
        try store.write { db in try db.execute(sql: "UPDATE guardian SET activated_at = ? WHERE email = ?", arguments: [Date(), email]) }
    }

    func phone(_ email: String) throws -> String? {
        try store.read { db in try GuardianRecord.filter(Column("email") == email).fetchOne(db)?.phone }
    }

    func pendingStates() throws -> [String] {
        try store.read { db in try PendingRequestRecord.order(Column("created_at")).fetchAll(db).map(\.state) }
    }

    func testOUIWithoutLinkToTheHeldRequestConfirmsNothingAndSaysWhatIsWaiting() throws {
        let before = try count(Self.camille)
        try deliver([mailFrom("Camille Martin <camille@parents.test>", "Absence Léa", "Bonjour,\r\nLéa sera absente du 25/03 au 23/03.\r\nCamille")])
        let held = try stack.newReply(Self.camille, after: before)
        let token = try token(in: held)
        let snapshot = try FamilySnapshot.take(store, family: "1001")

        // The family's only held request, answered OUI from the right address: in reply to a Message-ID we never
        // sent, then with no reference at all. Neither is bound to it: nothing changes, the reply says what waits.
        let unlinked: [[String]] = [["In-Reply-To: <CAF7x9-never-sent@mail.parents.test>"], []]
        for (i, headers) in unlinked.enumerated() {
            try deliver([mailFrom("Camille Martin <camille@parents.test>", "Re: Absence Léa", "OUI", extraHeaders: headers)])
            XCTAssertEqual(FamilySnapshot.diff(snapshot, try FamilySnapshot.take(store, family: "1001")), "", "\(headers)")
            XCTAssertEqual(try pendingStates(), ["waiting"])
            let answer = try stack.newReply(Self.camille, after: before + 1 + i)
            XCTAssertTrue(answer.text.contains("Nous ne pouvons pas appliquer votre confirmation"), answer.text)
            XCTAssertTrue(answer.text.contains("Rien n’a été modifié"), answer.text)
            XCTAssertTrue(answer.text.contains(token), "the reply says what is waiting: \(answer.text)")
        }

        // Linked by its token: applied.
        try deliver([mailFrom("Camille Martin <camille@parents.test>", "Confirmation", "OUI \(token)\r\nCamille")])
        XCTAssertEqual(try status("2001", "2027-03-23", "CANTINE"), ["absent"])
        XCTAssertEqual(try pendingStates(), ["applied"])
    }

    func testContactChangeIsPersonalWhateverTheBatchOrder() throws {
        try activate(Self.julien)
        // Both orders of the same batch: Julien's OUI (with Camille's token) and Camille's own OUI.
        for (round, julienFirst) in [true, false].enumerated() {
            let newPhone = "06 55 44 33 2\(round)"
            let camilleBefore = try count(Self.camille), julienBefore = try count(Self.julien)
            try deliver([mailFrom("Camille Martin <camille@parents.test>", "Changement de coordonnées",
                                  "Bonjour,\r\nMon nouveau numéro de téléphone : \(newPhone)\r\nCamille Martin")])
            let held = try stack.newReply(Self.camille, after: camilleBefore)
            let token = try token(in: held)
            let heldId = try XCTUnwrap(held.messageId)
            let julien = mailFrom("Julien Martin <julien@parents.test>", "Re: \(held.subject ?? "")", "OUI \(token)\r\nJulien")
            let camille = mailFrom("Camille Martin <camille@parents.test>", "Re: \(held.subject ?? "")", "OUI\r\nCamille",
                                   extraHeaders: ["In-Reply-To: \(heldId)", "References: \(heldId)"])
            try deliver(julienFirst ? [julien, camille] : [camille, julien])
            XCTAssertEqual(try phone(Self.camille), newPhone, "the change applies to the guardian who asked (round \(round))")
            XCTAssertEqual(try phone(Self.julien), "06 98 76 54 32", "the co-guardian's phone was overwritten (round \(round))")
            let refused = try stack.newReply(Self.julien, after: julienBefore)
            XCTAssertTrue(refused.text.contains("Nous ne pouvons pas appliquer votre confirmation"), refused.text)
            XCTAssertTrue(refused.text.contains("personnelle"), refused.text)
            XCTAssertFalse(refused.text.contains(newPhone), "Camille's new number was shown to Julien: \(refused.text)")
            let applied = try stack.newReply(Self.camille, after: camilleBefore + 1)
            XCTAssertTrue(applied.text.contains("Vos coordonnées sont mises à jour"), applied.text)
        }
    }

    func testCoGuardianMayConfirmARequestThatIsNotPersonal() throws {
        try activate(Self.julien)
        let before = try count(Self.camille)
        try deliver([mailFrom("Camille Martin <camille@parents.test>", "Absence Léa", "Bonjour,\r\nLéa sera absente du 25/03 au 23/03.\r\nCamille")])
        let token = try token(in: try stack.newReply(Self.camille, after: before))
        let julienBefore = try count(Self.julien)
        try deliver([mailFrom("Julien Martin <julien@parents.test>", "Absence de Léa", "OUI \(token)\r\nJulien")])
        XCTAssertEqual(try status("2001", "2027-03-23", "CANTINE"), ["absent"])
        XCTAssertEqual(try pendingStates(), ["applied"])
        XCTAssertTrue(try stack.newReply(Self.julien, after: julienBefore).text.contains("Merci pour votre confirmation"))
    }

    func testBatchIsHandledInDateOrderWhateverTheArrivalOrder() throws {
        // OUI written at 09:00 and NON at 09:05 to the same held request: the later answer comes too late, in
        // whichever order the server received them.
        for (round, nonArrivesFirst) in [true, false].enumerated() {
            // The previous round's answers delivered first: counted before they land, they would pass for this
            // round's reply.
            _ = stack.settle()
            let before = try count(Self.camille)
            let day = [23, 29][round]  // a Tuesday, a Monday: canteen days
            try deliver([mailFrom("Camille Martin <camille@parents.test>", "Absence Hugo",
                                  "Bonjour,\r\nHugo sera absent du \(day + 1)/03 au \(day)/03.\r\nCamille")])
            let token = try token(in: try stack.newReply(Self.camille, after: before))
            let yes = (TestTown.mail(from: "Camille Martin <camille@parents.test>", subject: "Confirmation", body: "OUI \(token)",
                                     date: "Mon, 08 Mar 2027 09:00:00 +0100"), Self.camille)
            let no = (TestTown.mail(from: "Camille Martin <camille@parents.test>", subject: "Confirmation", body: "NON \(token)",
                                    date: "Mon, 08 Mar 2027 09:05:00 +0100"), Self.camille)
            try deliver(nonArrivesFirst ? [no, yes] : [yes, no])
            XCTAssertEqual(try status("2002", "2027-03-\(day)", "CANTINE"), ["absent"], "round \(round)")
            XCTAssertEqual(try pendingStates().last, "applied", "round \(round)")
        }
    }

    // MARK: - Forwards

    static let outlookForward = """
        Bonjour,\r
        \r
        Message de Mme Martin à traiter.\r
        \r
        Agent Mairie\r
        \r
        De : Camille Martin <camille@parents.test>\r
        Envoyé : dimanche 7 mars 2027 20:03\r
        À : Agent Mairie <agent@mairie.test>\r
        Objet : Absence Hugo\r
        \r
        Bonjour,\r
        \r
        Hugo sera absent le jeudi 11 mars, rendez-vous chez le médecin.\r
        \r
        Cordialement,\r
        Camille Martin\r
        """

    func testStaffForwardActsForTheParentWithRecapToStaffAndCopyToParent() throws {
        let staffBefore = try count(TestTown.staff), camilleBefore = try count(Self.camille)
        let nguyen = try FamilySnapshot.take(store, family: "1002")
        try deliver([mailFrom("Agent Mairie <agent@mairie.test>", "TR: Absence Hugo", Self.outlookForward)])
        XCTAssertEqual(try status("2002", "2027-03-11", "CANTINE"), ["absent"])
        XCTAssertEqual(try status("2001", "2027-03-11", "CANTINE"), ["booked"])
        XCTAssertEqual(try FamilySnapshot.take(store, family: "1002"), nguyen)

        let recap = try stack.newReply(TestTown.staff, after: staffBefore)
        XCTAssertEqual(recap.to, TestTown.staff)
        XCTAssertTrue(recap.text.contains("Transfert traité pour la famille Martin (dossier 1001)"), recap.text)
        XCTAssertTrue(recap.text.contains("- jeudi 11 mars 2027 : Restauration scolaire"), recap.text)
        let copy = try stack.newReply(Self.camille, after: camilleBefore)
        XCTAssertEqual(copy.to, Self.camille)
        XCTAssertTrue(copy.text.contains("Le service (agent@mairie.test) nous a transmis votre demande"), copy.text)
        XCTAssertTrue(copy.text.contains("- jeudi 11 mars 2027 : Restauration scolaire"), copy.text)
    }

    func testForwardFromNonStaffNeverActsForAnotherFamily() throws {
        // Linh's space is active and Sacha eats at school on the 11th.
        try store.write { db in
            try db.execute(sql: "UPDATE guardian SET activated_at = ? WHERE email = ?", arguments: [Date(), Self.linh])
        }
        try book("2003", "CANTINE", "2027-03-11")
        let nguyen = try FamilySnapshot.take(store, family: "1002")
        let martin = try FamilySnapshot.take(store, family: "1001")
        let linhBefore = try count(Self.linh), camilleBefore = try count(Self.camille), strangerBefore = try count(Self.stranger)
        let forwardOfLinh = """
            \r
            ---------- Forwarded message ---------\r
            De : Linh Nguyen <linh@parents.test>\r
            Date: dim. 7 mars 2027 à 20:03\r
            Subject: Absence Sacha\r
            To: <famille@ville.test>\r
            \r
            Bonjour,\r
            Sacha sera absent le jeudi 11 mars.\r
            Linh Nguyen\r
            """
        try deliver([
            mailFrom("Camille Martin <camille@parents.test>", "Fwd: Absence Sacha", "Voici pour Sacha." + forwardOfLinh),
            mailFrom("Intrus <intrus@ailleurs.test>", "Fwd: Absence Sacha", forwardOfLinh),
        ])
        XCTAssertEqual(FamilySnapshot.diff(nguyen, try FamilySnapshot.take(store, family: "1002")), "", "the Nguyen family is untouched")
        XCTAssertEqual(try status("2003", "2027-03-11", "CANTINE"), ["booked"])
        XCTAssertEqual(FamilySnapshot.diff(martin, try FamilySnapshot.take(store, family: "1001")), "", "Sacha is not a Martin child")
        XCTAssertEqual(try count(Self.linh), linhBefore, "nothing is sent to the forwarded parent")

        let camilleReply = try stack.newReply(Self.camille, after: camilleBefore)
        XCTAssertTrue(camilleReply.text.contains("rien n’a été modifié"), camilleReply.text)
        XCTAssertFalse(camilleReply.text.contains("Nguyen"), camilleReply.text)
        let strangerReply = try stack.newReply(Self.stranger, after: strangerBefore)
        XCTAssertTrue(strangerReply.text.contains("Nous n’avons pas trouvé votre adresse électronique"), strangerReply.text)
        XCTAssertFalse(strangerReply.body.contains("Sacha"), strangerReply.text)
    }
}
