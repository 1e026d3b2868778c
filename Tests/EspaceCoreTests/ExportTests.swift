import Foundation
import GRDB
import Parsers
import XCTest
@testable import EspaceCore

/// A town after a morning of mail: bookings, a cancellation, an absence with its certificate, a slot change, online
/// invoices, a PayFiP payment.
func townWithChanges() throws -> TestTown {
    let town = try TestTown()
    let cert = Attachment(filename: "certificat.pdf", contentType: "application/pdf", isInline: false, data: pdfBytes)
    _ = try town.apply(Request(intent: .reservation, children: ["Tom"], dates: [d("2027-03-12")], activity: .restauration))
    _ = try town.apply(Request(intent: .cancellation, children: ["Léa"], dates: [d("2027-03-11")], activity: .restauration),
                       at: paris("2027-03-08", 8))
    _ = try town.apply(Request(intent: .absence, children: ["Léa"], dates: [d("2027-03-10")], certificate: true), attachments: [cert])
    _ = try town.apply(Request(intent: .einvoice, einvoice: true))
    _ = try town.apply(Request(intent: .reservation, children: ["Zoé"], dates: [d("2027-03-17")], activity: .alshMercredi,
                               slot: .matinAvecRepas), family: "F2")
    let paid = try PaymentsImport(store: town.store, now: TestTown.monday.instant)
        .importData(Data("invoice,amount,date,result\nF2027-00432,\"118,40\",2027-03-08,P\n".utf8))
    XCTAssertEqual(paid.applied, 1)
    return town
}

/// Every record table, row by row, as text: what « nothing changed » means.
func recordsDump(_ store: Store) throws -> [String] {
    try store.read { db in
        try ["family", "guardian", "child", "activity", "activity_day", "reservation", "absence", "invoice", "email_change"]
            .flatMap { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid").map { "\(table) \($0.description)" }
            }
    }
}

final class ExportTests: XCTestCase {
    func testReimportOfTheExportChangesNothing() throws {
        for flavor in [CSVWriter.Flavor.utf8, .excel] {
            let town = try townWithChanges()
            let out = town.dir.appendingPathComponent("export").path
            try Export(store: town.store, scope: .all, flavor: flavor).write(to: out)
            // A copy of the store, as the town's test system would be.
            let copyDir = town.dir.appendingPathComponent("copy").path
            _ = try Backup.run(store: town.store, rawDir: "/nonexistent", attachmentsDir: "/nonexistent", to: copyDir)
            let copy = try Store(path: copyDir + "/" + Backup.storeName)
            let before = try recordsDump(copy)
            XCTAssertEqual(before, try recordsDump(town.store), "the copy is the store")
            let summary = try Importer(store: copy, now: paris("2027-03-09", 9).instant).importDirectory(out)
            XCTAssertEqual(summary.counts.first { $0.file == "reservations.csv" }?.rows,
                           try town.store.read { try ReservationRecord.filter(["booked", "absent"].contains(Column("status"))).fetchCount($0) })
            XCTAssertEqual(try recordsDump(copy), before, "\(flavor): importing the export changed the records")
        }
    }

    func testExcelFlavorIsWindows1252WithSemicolons() throws {
        let town = try townWithChanges()
        let out = town.dir.appendingPathComponent("excel").path
        try Export(store: town.store, scope: .all, flavor: .excel).write(to: out)
        let children = try Data(contentsOf: URL(fileURLWithPath: out + "/children.csv"))
        XCTAssertNotEqual(Array(children.prefix(3)), [0xEF, 0xBB, 0xBF], "no BOM for Excel")
        XCTAssertTrue(children.contains(0xE9), "é is one byte (Windows-1252)")
        let text = String(decoding: children.map { $0 == 0xE9 ? UInt8(ascii: "e") : $0 }, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("child_id;family_id;first_name;"))
        XCTAssertTrue(text.contains("C1;F1;Lea;Martin;2018-05-02;"))
        let invoices = String(decoding: try Data(contentsOf: URL(fileURLWithPath: out + "/invoices.csv")), as: UTF8.self)
        XCTAssertTrue(invoices.contains(";118,40;paid"), invoices)

        let utf8 = town.dir.appendingPathComponent("utf8").path
        try Export(store: town.store, scope: .all, flavor: .utf8).write(to: utf8)
        let u = try Data(contentsOf: URL(fileURLWithPath: utf8 + "/invoices.csv"))
        XCTAssertEqual(Array(u.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertTrue(String(decoding: u, as: UTF8.self).contains(",\"118,40\",paid"))
    }

    func testExcelJournalNeverStartsACellWithAFormula() throws {
        let town = try TestTown()
        try town.store.write { db in
            try AuditRecord.log(db, at: TestTown.monday.instant, message: nil, family: "F1", actor: "claire.martin@famille.test",
                                action: "contact", detail: "=HYPERLINK(\"http://x.test\")")
        }
        let out = town.dir.appendingPathComponent("excel").path
        try Export(store: town.store, scope: .all, flavor: .excel).write(to: out)
        let journal = String(decoding: try Data(contentsOf: URL(fileURLWithPath: out + "/journal.csv")), as: UTF8.self)
        XCTAssertTrue(journal.contains(";\"'=HYPERLINK(\"\"http://x.test\"\")\";"), journal)
    }

    func testExportIsIdempotentAndReplacesTheFolderWhole() throws {
        let town = try townWithChanges()
        let out = town.dir.appendingPathComponent("export").path
        try Export(store: town.store, scope: .all, flavor: .utf8).write(to: out)
        let first = try FileManager.default.contentsOfDirectory(atPath: out).sorted().map {
            ($0, try Data(contentsOf: URL(fileURLWithPath: out + "/" + $0)))
        }
        try Data("stale".utf8).write(to: URL(fileURLWithPath: out + "/stale.txt"))
        try Export(store: town.store, scope: .all, flavor: .utf8).write(to: out)
        let second = try FileManager.default.contentsOfDirectory(atPath: out).sorted().map {
            ($0, try Data(contentsOf: URL(fileURLWithPath: out + "/" + $0)))
        }
        XCTAssertEqual(first.map(\.0), second.map(\.0), "a previous export is replaced, not merged")
        XCTAssertEqual(first.map(\.1), second.map(\.1))
        XCTAssertEqual(first.map(\.0), ["absences.csv", "activities.csv", "activity_days.csv", "children.csv", "families.csv",
                                         "guardians.csv", "invoices.csv", "journal.csv", "reservations.csv"])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: town.dir.path).filter { $0.contains("partial") || $0.contains(".old-") }
        XCTAssertEqual(leftovers, [])
    }

    func testJournalRowsMatchTheAudit() throws {
        let town = try townWithChanges()
        let files = try Export(store: town.store, scope: .all, flavor: .utf8).files()
        let journal = try XCTUnwrap(files.first { $0.name == "journal.csv" })
        let audits = try town.store.read {
            try AuditRecord.filter(Journal.labels.keys.contains(Column("action"))).order(Column("id")).fetchAll($0)
        }
        XCTAssertEqual(journal.rows.count, audits.count)
        XCTAssertEqual(Set(audits.map(\.action)), ["reservation", "cancellation", "absence", "einvoice", "slot-change", "payment"])
        for (row, audit) in zip(journal.rows, audits) {
            XCTAssertEqual(row[1], audit.familyId ?? "")
            XCTAssertEqual(row[3], Journal.labels[audit.action])
            XCTAssertEqual(row[9], audit.actor)
        }
        func row(_ what: String) throws -> [String] { try XCTUnwrap(journal.rows.first { $0[3] == what }, what) }
        XCTAssertEqual(try row("réservation"), ["2027-03-08 10:00", "F1", "C2", "réservation", "RESTO", "2027-03-12", "", "réservé", "",
                                                 "claire.martin@famille.test"])
        XCTAssertEqual(Array(try row("annulation")[2...7]), ["C1", "annulation", "RESTO", "2027-03-11", "réservé", "annulé"])
        XCTAssertEqual(Array(try row("absence")[2...7]), ["C1", "absence", "", "2027-03-10", "", "absent du 2027-03-10 au 2027-03-10, certificat reçu"])
        XCTAssertEqual(Array(try row("changement de créneau")[1...7]),
                       ["F2", "C3", "changement de créneau", "ALSH-MER", "2027-03-17", "journée avec repas", "matin avec repas"])
        XCTAssertEqual(Array(try row("facture en ligne")[6...7]), ["non", "oui"])
        XCTAssertEqual(Array(try row("paiement")[6...9]), ["facture F2027-00432 à payer", "facture F2027-00432 payée le 2027-03-08", "", "payfip"])
    }

    func testSinceExportsOnlyWhatChangedAfterTheDay() throws {
        let town = try TestTown()
        _ = try town.apply(Request(intent: .einvoice, einvoice: true), family: "F2", at: paris("2027-03-05", 9))
        _ = try town.apply(Request(intent: .reservation, children: ["Tom"], dates: [d("2027-03-12")], activity: .restauration))
        let since = ParisTime(date: d("2027-03-08"), hour: 0, minute: 0).instant
        let files = try Export(store: town.store, scope: .since(since), flavor: .utf8).files()
        func rows(_ name: String) -> [[String]] { files.first { $0.name == name }?.rows ?? [] }
        XCTAssertEqual(rows("families.csv").map { $0[0] }, ["F1"], "F2 changed before the day")
        XCTAssertEqual(rows("children.csv").map { $0[0] }, ["C1", "C2"])
        XCTAssertEqual(rows("reservations.csv"), [["C2", "RESTO", "2027-03-12", ""]])
        XCTAssertEqual(rows("journal.csv").map { $0[3] }, ["réservation"])
        XCTAssertNil(files.first { $0.name == "activities.csv" }, "the calendar is the town's, not a change")
    }
}
