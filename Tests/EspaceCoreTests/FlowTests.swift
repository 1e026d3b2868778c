import Foundation
import GRDB
import Parsers
import XCTest
@testable import EspaceCore

final class AbsenceFlowTests: XCTestCase {
    func testAbsenceWithCertificateMarksEveryBookedActivityAbsent() throws {
        let town = try TestTown()
        let cert = Attachment(filename: "../../etc/certif\u{7}icat Léa.pdf", contentType: "application/octet-stream",
                              isInline: false, data: pdfBytes)
        let outcome = try town.apply(Request(intent: .absence, children: ["Léa"], dates: [d("2027-03-10"), d("2027-03-11")],
                                             certificate: true), attachments: [cert])
        XCTAssertEqual(outcome.code, "absence-recorded")
        XCTAssertTrue(outcome.changed)
        XCTAssertEqual(try town.statuses(child: "C1", date: "2027-03-10"),
                       ["RESTO": "absent", "ALSH-MER/journee-avec-repas": "absent"])
        XCTAssertEqual(try town.statuses(child: "C1", date: "2027-03-11"), ["RESTO": "absent", "PERI-SOIR": "absent"])
        XCTAssertEqual(try town.statuses(child: "C1", date: "2027-03-09"), ["RESTO": "booked"], "other days untouched")

        let data = outcome.section.data
        XCTAssertEqual(outcome.section.template, "absence_recorded")
        XCTAssertEqual(data["justified"] as? Bool, true)
        XCTAssertEqual(data["certificate_name"] as? String, "certificat Léa.pdf")
        let child = try XCTUnwrap((data["children"] as? [[String: Any]])?.first)
        let days = try XCTUnwrap(child["days"] as? [[String: Any]])
        XCTAssertEqual(days.map { $0["date"] as? String }, ["mercredi 10 mars 2027", "jeudi 11 mars 2027"])
        XCTAssertEqual(days[0]["activities"] as? String,
                       "Accueil de loisirs du mercredi (journée avec repas) et Restauration scolaire")

        let absence = try XCTUnwrap(try town.store.read { try AbsenceRecord.fetchOne($0) })
        let path = try XCTUnwrap(absence.certificatePath)
        XCTAssertTrue(path.hasPrefix(town.settings.attachmentsDir))
        XCTAssertTrue(path.hasSuffix(".pdf"))
        XCTAssertFalse((path as NSString).lastPathComponent.contains("certif"), "never the sender's file name")
        XCTAssertEqual(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))), pdfBytes)
        XCTAssertGreaterThan(try town.store.read { try AuditRecord.filter(Column("action") == "absence").fetchCount($0) }, 0)
    }

    func testAbsenceWithNothingBooked() throws {
        let town = try TestTown()
        let outcome = try town.apply(Request(intent: .absence, children: ["Tom"], dates: [d("2027-03-12")]))
        XCTAssertEqual(outcome.code, "absence-nothing-booked")
        XCTAssertEqual(outcome.section.data["anything_booked"] as? Bool, false)
        XCTAssertEqual(outcome.section.data["billed_unless_certificate"] as? Bool, false)
        let child = try XCTUnwrap((outcome.section.data["children"] as? [[String: Any]])?.first)
        XCTAssertEqual(child["nothing_booked"] as? Bool, true)
        XCTAssertEqual(try town.store.read { try AbsenceRecord.filter(Column("child_id") == "C2").fetchCount($0) }, 1)
    }

    func testAbsenceWithoutCertificateSaysDaysWillBeBilled() throws {
        let town = try TestTown()
        let outcome = try town.apply(Request(intent: .absence, children: ["Léa"], dates: [d("2027-03-09")]))
        XCTAssertEqual(outcome.section.data["billed_unless_certificate"] as? Bool, true)
        XCTAssertEqual(outcome.section.data["certificate_deadline"] as? String, "jeudi 11 mars 2027")
    }

    func testCertificateSentLaterAttachesToTheOpenAbsence() throws {
        let town = try TestTown()
        _ = try town.apply(Request(intent: .absence, children: ["Léa"], dates: [d("2027-03-09"), d("2027-03-10")]))
        let png = Attachment(filename: "scan.png", contentType: "image/png", isInline: false,
                             data: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0])
        let later = try town.apply(Request(intent: .absence, children: ["Léa"], certificate: true),
                                   at: paris("2027-03-10", 18), attachments: [png])
        XCTAssertEqual(later.code, "certificate-attached")
        let absence = try XCTUnwrap(try town.store.read { try AbsenceRecord.filter(Column("child_id") == "C1").fetchOne($0) })
        XCTAssertNotNil(absence.certificatePath)
        XCTAssertTrue(absence.certificatePath!.hasSuffix(".png"))
        XCTAssertEqual(try town.store.read { try AbsenceRecord.fetchCount($0) }, 1, "no second absence")

        // Without a name, the certificate goes to the only child with an absence waiting for one.
        _ = try town.apply(Request(intent: .absence, children: ["Tom"], dates: [d("2027-03-12")]))
        let unnamed = try town.apply(Request(intent: .absence, certificate: true), at: paris("2027-03-12", 18), attachments: [png])
        XCTAssertEqual(unnamed.code, "certificate-attached")
        XCTAssertNotNil(try town.store.read { try AbsenceRecord.filter(Column("child_id") == "C2").fetchOne($0)?.certificatePath })
    }

    func testRejectedCertificateIsNotStored() throws {
        var town = try TestTown()
        town.settings.limits.maxCertificateBytes = 10
        let big = Attachment(filename: "a.pdf", contentType: "application/pdf", isInline: false, data: pdfBytes)
        let outcome = try town.apply(Request(intent: .absence, children: ["Léa"], dates: [d("2027-03-09")], certificate: true),
                                     attachments: [big])
        XCTAssertEqual(outcome.section.data["has_certificate"] as? Bool, false)
        XCTAssertEqual(outcome.section.data["has_certificate_problem"] as? Bool, true)
        let exe = Attachment(filename: "certificat.pdf", contentType: "application/pdf", isInline: false, data: Array("MZ\u{90}".utf8))
        town = try TestTown()
        let other = try town.apply(Request(intent: .absence, children: ["Léa"], dates: [d("2027-03-09")], certificate: true),
                                   attachments: [exe])
        XCTAssertEqual(other.section.data["has_certificate"] as? Bool, false)
    }
}

final class ReservationFlowTests: XCTestCase {
    func testReservationAcceptedAndRefusedPerDay() throws {
        let town = try TestTown()
        // Tuesday 9 is after the deadline (Sunday 7 at 12h), Saturday 13 is closed, 5 March is past.
        let outcome = try town.apply(Request(intent: .reservation, children: ["Tom"],
                                             dates: [d("2027-03-05"), d("2027-03-09"), d("2027-03-12"), d("2027-03-13"), d("2027-03-15")],
                                             activity: .restauration))
        XCTAssertEqual(outcome.code, "reservation-partial")
        let accepted = try XCTUnwrap(outcome.section.data["accepted"] as? [[String: Any]])
        let refused = try XCTUnwrap(outcome.section.data["refused"] as? [[String: Any]])
        XCTAssertEqual(accepted.map { $0["date"] as? String }, ["vendredi 12 mars 2027", "lundi 15 mars 2027"])
        XCTAssertEqual(refused.map { $0["code"] as? String }, ["past", "booking-deadline", "closed"])
        XCTAssertEqual(refused[1]["reason"] as? String, "la date limite d’inscription était le 7 mars à 12h")
        XCTAssertEqual(try town.statuses(child: "C2", date: "2027-03-12"), ["RESTO": "booked"])
        XCTAssertEqual(try town.statuses(child: "C2", date: "2027-03-09"), [:])

        // Asked again: not booked twice.
        let again = try town.apply(Request(intent: .reservation, children: ["Tom"], dates: [d("2027-03-12")], activity: .restauration))
        XCTAssertEqual((again.section.data["refused"] as? [[String: Any]])?.first?["code"] as? String, "already-booked")
    }

    func testFullDayGoesOnWaitingList() throws {
        let town = try TestTown()
        let outcome = try town.apply(Request(intent: .reservation, children: ["Léa"], dates: [d("2027-03-17")],
                                             activity: .alshMercredi, slot: .journeeAvecRepas))
        XCTAssertEqual((outcome.section.data["waiting"] as? [[String: Any]])?.count, 1)
        XCTAssertEqual(try town.statuses(child: "C1", date: "2027-03-17"), ["ALSH-MER/journee-avec-repas": "waiting"])
        // Tom's place freed: Léa leaves the waiting list.
        let cancel = try town.apply(Request(intent: .cancellation, children: ["Tom"], dates: [d("2027-03-17")], activity: .alshMercredi))
        XCTAssertEqual(cancel.code, "cancellation-ok")
        XCTAssertEqual(try town.statuses(child: "C1", date: "2027-03-17"), ["ALSH-MER/journee-avec-repas": "booked"])
    }

    func testSlotChange() throws {
        let town = try TestTown()
        let outcome = try town.apply(Request(intent: .reservation, children: ["Zoé"], dates: [d("2027-03-17")],
                                             activity: .alshMercredi, slot: .matinAvecRepas), family: "F2")
        XCTAssertEqual(outcome.code, "reservation-ok")
        XCTAssertEqual(try town.statuses(child: "C3", date: "2027-03-17"),
                       ["ALSH-MER/journee-avec-repas": "cancelled", "ALSH-MER/matin-avec-repas": "booked"])
    }

    func testCancellationAfterDeadlineRefusedWithFrenchReason() throws {
        let town = try TestTown()
        let outcome = try town.apply(Request(intent: .cancellation, children: ["Léa"], dates: [d("2027-03-10"), d("2027-03-11")],
                                             activity: .restauration), at: paris("2027-03-09", 13))
        XCTAssertEqual(outcome.code, "cancellation-refused")
        let refused = try XCTUnwrap(outcome.section.data["refused"] as? [[String: Any]])
        XCTAssertEqual(refused.map { $0["reason"] as? String }, [
            "la date limite d’annulation était le 8 mars à 12h",
            "la date limite d’annulation était le 9 mars à 12h",
        ])
        XCTAssertEqual(try town.statuses(child: "C1", date: "2027-03-10")["RESTO"], "booked")

        // In time: cancelled.
        let early = try town.apply(Request(intent: .cancellation, children: ["Léa"], dates: [d("2027-03-11")], activity: .restauration),
                                   at: paris("2027-03-08", 8))
        XCTAssertEqual(early.code, "cancellation-ok")
        XCTAssertEqual(try town.statuses(child: "C1", date: "2027-03-11")["RESTO"], "cancelled")
    }
}

final class FamilyFlowTests: XCTestCase {
    func testEinvoiceRecordedWithDate() throws {
        let town = try TestTown()
        let outcome = try town.apply(Request(intent: .einvoice, einvoice: true))
        XCTAssertEqual(outcome.code, "einvoice-ok")
        let family = try XCTUnwrap(try town.store.read { try FamilyRecord.fetchOne($0, key: "F1") })
        XCTAssertTrue(family.einvoice)
        XCTAssertEqual(family.einvoiceChangedAt, TestTown.monday.instant)
        XCTAssertEqual(outcome.section.data["since"] as? String, "lundi 8 mars 2027")
        XCTAssertEqual(try town.apply(Request(intent: .einvoice, einvoice: true)).code, "einvoice-unchanged")
    }

    func testSummaryData() throws {
        let town = try TestTown()
        _ = try town.apply(Request(intent: .absence, children: ["Léa"], dates: [d("2027-03-09")]))
        _ = try town.apply(Request(intent: .reservation, children: ["Léa"], dates: [d("2027-03-24")], activity: .alshMercredi,
                                   slot: .matinAvecRepas, confidence: .unsure, doubts: ["Le matin avec repas ?"]))
        let outcome = try town.apply(Request(intent: .summary))
        XCTAssertEqual(outcome.section.template, "summary")
        let data = outcome.section.data
        XCTAssertEqual((data["guardians"] as? [[String: Any]])?.first?["email"] as? String, "claire.martin@famille.test")
        let children = try XCTUnwrap(data["children"] as? [[String: Any]])
        XCTAssertEqual(children.map { $0["first_name"] as? String }, ["Léa", "Tom"])
        let lea = children[0]
        XCTAssertEqual((lea["bookings"] as? [[String: Any]])?.count, 5)
        XCTAssertEqual((lea["absences"] as? [[String: Any]])?.first?["justified"] as? Bool, false)
        XCTAssertEqual((data["certificates_due"] as? [[String: Any]])?.count, 1)
        XCTAssertEqual((data["pending"] as? [[String: Any]])?.count, 1)
        XCTAssertEqual((data["invoices"] as? [[String: Any]])?.first?["has_link"] as? Bool, true)
        XCTAssertEqual(data["einvoice"] as? Bool, false)

        let report = try XCTUnwrap(try town.store.read { db in
            try FamilyReport.build(familyId: try FamilyReport.resolveFamilyId("Claire.Martin@famille.test", db)!,
                                   settings: town.settings, now: TestTown.monday.instant, db)
        })
        XCTAssertEqual(report.familyId, "F1")
        XCTAssertTrue(report.json.contains("\"payfip_link\" : \"https://www.payfip.gouv.fr/tpa/paiement.web?numcli=012345"))
    }

    func testContactIsHeldThenAppliedOnOUI() throws {
        let town = try TestTown()
        let held = try town.apply(Request(intent: .contact, contact: ContactChange(phone: "07 00 00 00 01", address: "1 place de la Mairie")))
        XCTAssertEqual(held.section.template, "contact_pending")
        XCTAssertNotNil(held.token)
        XCTAssertEqual(try town.store.read { try GuardianRecord.fetchOne($0, key: 1)?.phone }, "06 11 22 33 44")
        let ok = try town.apply(Request(intent: .confirm, confirmation: true, token: held.token))
        XCTAssertTrue(ok.code.hasPrefix("confirm-applied"))
        XCTAssertEqual(try town.store.read { try GuardianRecord.fetchOne($0, key: 1)?.phone }, "07 00 00 00 01")
        XCTAssertEqual(try town.store.read { try FamilyRecord.fetchOne($0, key: "F1")?.address }, "1 place de la Mairie")
    }
}

extension FamilyFlowTests {
    func testEmailChangeIsConfirmedFromTheNewAddressOnly() throws {
        let town = try TestTown()
        let held = try town.apply(Request(intent: .contact, contact: ContactChange(email: "Claire.New@famille.test")))
        XCTAssertEqual(held.section.data["has_new_email"] as? Bool, true)
        let fromOld = try town.apply(Request(intent: .confirm, confirmation: true, token: held.token))
        XCTAssertEqual(fromOld.code, "confirm-applied:contact-email-wrong-sender")
        XCTAssertEqual(try town.store.read { try GuardianRecord.fetchOne($0, key: 1)?.email }, "claire.martin@famille.test")
        let fromNew = try town.apply(Request(intent: .confirm, confirmation: true, token: held.token), actor: "claire.new@famille.test")
        XCTAssertEqual(fromNew.code, "confirm-applied:contact-ok")
        XCTAssertEqual(try town.store.read { try GuardianRecord.fetchOne($0, key: 1)?.email }, "claire.new@famille.test")
    }

    func testEmailAlreadyUsedByAnotherGuardianIsRefused() throws {
        let town = try TestTown()
        let outcome = try town.apply(Request(intent: .contact, contact: ContactChange(email: "paul.durand@famille.test")))
        XCTAssertEqual(outcome.code, "contact-email-taken")
        XCTAssertNil(outcome.token)
    }
}

final class PendingRequestTests: XCTestCase {
    let unsure = Request(intent: .cancellation, children: ["Léa"], dates: [d("2027-03-11")], activity: .restauration,
                         confidence: .unsure, doubts: ["S’agit-il bien du jeudi 11 mars ?"])

    func testUnsureRequestHeldThenAppliedOnOUI() throws {
        let town = try TestTown()
        let held = try town.apply(unsure, at: paris("2027-03-08", 8))
        XCTAssertEqual(held.section.template, "confirmation_needed")
        let token = try XCTUnwrap(held.token)
        XCTAssertEqual(try town.statuses(child: "C1", date: "2027-03-11")["RESTO"], "booked", "nothing applied yet")
        // The daemon records our reply's Message-ID; the parent answers OUI to it.
        try town.store.write { db in
            try db.execute(sql: "UPDATE pending_request SET reply_message_id = ? WHERE token = ?", arguments: ["r1@ville.test", token])
        }
        let yes = try town.apply(Request(intent: .confirm, confirmation: true), at: paris("2027-03-08", 9),
                                 repliesTo: ["<r1@ville.test>"])
        XCTAssertEqual(yes.code, "confirm-applied:cancellation-ok")
        XCTAssertEqual(try town.statuses(child: "C1", date: "2027-03-11")["RESTO"], "cancelled")
        // Single use.
        let twice = try town.apply(Request(intent: .confirm, confirmation: true, token: token), at: paris("2027-03-08", 9))
        XCTAssertEqual(twice.code, "confirm-already-used")
    }

    func testOUIReChecksTheRulesAtThatMoment() throws {
        let town = try TestTown()
        let held = try town.apply(unsure, at: paris("2027-03-08", 8))
        let late = try town.apply(Request(intent: .confirm, confirmation: true, token: held.token), at: paris("2027-03-09", 14))
        XCTAssertEqual(late.code, "confirm-applied:cancellation-refused")
        XCTAssertEqual(try town.statuses(child: "C1", date: "2027-03-11")["RESTO"], "booked")
    }

    func testDroppedOnNON() throws {
        let town = try TestTown()
        let held = try town.apply(unsure, at: paris("2027-03-08", 8))
        let no = try town.apply(Request(intent: .confirm, confirmation: false, token: held.token), at: paris("2027-03-08", 9))
        XCTAssertEqual(no.code, "confirm-dropped")
        XCTAssertEqual(try town.store.read { try String.fetchOne($0, sql: "SELECT state FROM pending_request") }, "dropped")
        XCTAssertEqual(try town.statuses(child: "C1", date: "2027-03-11")["RESTO"], "booked")
    }

    /// Item 1: a OUI with no link to a held request (no token, no Message-ID of the mail that asked) confirms
    /// nothing, even when the family has exactly one request waiting; the answer says what is waiting.
    func testOUIWithoutLinkConfirmsNothingAndSaysWhatIsWaiting() throws {
        let town = try TestTown()
        let held = try town.apply(unsure, at: paris("2027-03-08", 8))
        let token = try XCTUnwrap(held.token)
        for repliesTo in [[], ["<never-sent@ville.test>"], ["<abc@elsewhere.test>"]] {
            for yes in [true, false] {
                let answer = try town.apply(Request(intent: .confirm, confirmation: yes), at: paris("2027-03-08", 9), repliesTo: repliesTo)
                XCTAssertEqual(answer.code, "confirm-not-found", "\(repliesTo) \(yes)")
                let reason = answer.section.data["reason"] as? String ?? ""
                XCTAssertTrue(reason.contains(token), reason)
                XCTAssertEqual(try town.store.read { try String.fetchOne($0, sql: "SELECT state FROM pending_request") }, "waiting")
                XCTAssertEqual(try town.statuses(child: "C1", date: "2027-03-11")["RESTO"], "booked")
            }
        }
        _ = try town.apply(Request(intent: .confirm, confirmation: false, token: token), at: paris("2027-03-08", 9))
        let nothing = try town.apply(Request(intent: .confirm, confirmation: true), at: paris("2027-03-08", 9))
        XCTAssertEqual(nothing.code, "confirm-nothing-waiting")
    }

    func testExpiredTokenRefused() throws {
        let town = try TestTown()
        let held = try town.apply(unsure, at: paris("2027-03-01", 8))
        let yes = try town.apply(Request(intent: .confirm, confirmation: true, token: held.token), at: paris("2027-03-08", 8))
        XCTAssertEqual(yes.code, "confirm-expired")
        XCTAssertEqual(try town.store.read { try String.fetchOne($0, sql: "SELECT state FROM pending_request") }, "expired")
        XCTAssertEqual(try town.statuses(child: "C1", date: "2027-03-11")["RESTO"], "booked")
    }

    func testTokenFromAnotherFamilyRefused() throws {
        let town = try TestTown()
        let held = try town.apply(unsure, at: paris("2027-03-08", 8))
        let other = try town.apply(Request(intent: .confirm, confirmation: true, token: held.token), family: "F2",
                                   at: paris("2027-03-08", 9))
        XCTAssertEqual(other.code, "confirm-unknown-token")
        XCTAssertEqual(try town.store.read { try String.fetchOne($0, sql: "SELECT state FROM pending_request") }, "waiting")
    }

    func testUnsureWithoutDateAsksInsteadOfHolding() throws {
        let town = try TestTown()
        let outcome = try town.apply(Request(intent: .reservation, children: ["Léa"], activity: .restauration, confidence: .unsure,
                                             doubts: ["Pour quel jour ?"]))
        XCTAssertEqual(outcome.section.template, "missing_info")
        XCTAssertNil(outcome.token)
        XCTAssertEqual(try town.store.read { try PendingRequestRecord.fetchCount($0) }, 0)
    }

    func testUnsureAbsenceKeepsItsCertificateUntilOUI() throws {
        let town = try TestTown()
        let cert = Attachment(filename: "c.pdf", contentType: "application/pdf", isInline: false, data: pdfBytes)
        let held = try town.apply(Request(intent: .absence, children: ["Léa"], dates: [d("2027-03-09")], certificate: true,
                                          confidence: .unsure), attachments: [cert])
        XCTAssertNotNil(held.token)
        _ = try town.apply(Request(intent: .confirm, confirmation: true, token: held.token?.lowercased()))
        let absence = try XCTUnwrap(try town.store.read { try AbsenceRecord.fetchOne($0) })
        XCTAssertNotNil(absence.certificatePath)
        XCTAssertEqual(try town.statuses(child: "C1", date: "2027-03-09")["RESTO"], "absent")
    }
}

final class PaymentsImportTests: XCTestCase {
    func testPaymentsImportMarksPaidAndNoLinkAfterwards() throws {
        let town = try TestTown()
        let csv = """
            invoice,amount,date,result
            F2027-00431,"92,10",2027-03-12,P
            F2027-00432,"100,00",2027-03-12,P
            F2027-00432,"118,40",2027-03-12,R
            F9999,"1,00",2027-03-12,P
            """
        let report = try PaymentsImport(store: town.store, now: TestTown.monday.instant).importData(Data(csv.utf8))
        XCTAssertEqual(report.lines.map(\.outcome), ["applied", "amount-mismatch", "refused", "unknown-invoice"])
        let paid = try XCTUnwrap(try town.store.read { try InvoiceRecord.fetchOne($0, key: "F2027-00431") })
        XCTAssertEqual(paid.status, "paid")
        XCTAssertEqual(paid.paidAt, "2027-03-12")
        XCTAssertEqual(try town.store.read { try InvoiceRecord.fetchOne($0, key: "F2027-00432")?.status }, "unpaid")

        let invoices = try town.apply(Request(intent: .invoices))
        let items = try XCTUnwrap(invoices.section.data["invoices"] as? [[String: Any]])
        XCTAssertTrue(items.allSatisfy { $0["has_link"] as? Bool == false })
        XCTAssertEqual(invoices.section.data["has_unpaid"] as? Bool, false)

        // A second import of the same payment changes nothing.
        let again = try PaymentsImport(store: town.store).importData(Data("F2027-00431,92.10,12/03/2027,P\n".utf8))
        XCTAssertEqual(again.lines.map(\.outcome), ["already-paid"])
    }
}
