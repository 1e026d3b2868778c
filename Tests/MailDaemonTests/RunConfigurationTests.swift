import ArgumentParser
@testable import EspaceCore
import Foundation
@testable import MailDaemon
import XCTest

/// Item 10: no silent PayFiP default. With a `payfip` section, `run` refuses to start without the town's real
/// client number; without one, invoices go out with no payment link.
final class RunConfigurationTests: XCTestCase {
    func config(_ payfip: String?) throws -> String {
        let dir = NSTemporaryDirectory() + "/run-config-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let extra = payfip.map { ", \"payfip\": \($0)" } ?? ""
        let json = """
            {"service_address": "famille@ville.test", "imap": {"url": "imap://127.0.0.1:1"}, "smtp": {"url": "smtp://127.0.0.1:1"},
             "store_path": "var/espace.sqlite"\(extra)}
            """
        try json.write(toFile: dir + "/espace.json", atomically: true, encoding: .utf8)
        return dir + "/espace.json"
    }

    func testRunRefusesToStartWithoutARealNumcli() throws {
        for payfip in [#"{"saisie": "T"}"#, #"{"numcli": "000000"}"#, #"{"numcli": "12345"}"#, #"{"numcli": ""}"#] {
            let path = try config(payfip)
            let settings = try Settings.load(path: path)
            XCTAssertTrue(settings.payfipEnabled)
            XCTAssertEqual(settings.startProblems.count, 1, payfip)
            XCTAssertTrue(settings.startProblems[0].contains("n’est pas un numéro client PayFiP"), settings.startProblems[0])
            let run = try RunCommand.parse(["--config", path, "--once"])
            XCTAssertThrowsError(try run.run(), payfip) { error in
                XCTAssertEqual((error as? ExitCode)?.rawValue, 78, "\(error)")
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: (path as NSString).deletingLastPathComponent + "/var/espace.sqlite"),
                           "run went on to open the store")
        }
    }

    func testARealNumcliOrNoPayFiPSectionStarts() throws {
        let real = try Settings.load(path: try config(#"{"numcli": "012345", "saisie": "T", "urlcl": "https://ville.test/paiement"}"#))
        XCTAssertEqual(real.startProblems, [])
        XCTAssertEqual(real.payfip.numcli, "012345")
        let none = try Settings.load(path: try config(nil))
        XCTAssertFalse(none.payfipEnabled)
        XCTAssertEqual(none.startProblems, [])
        XCTAssertEqual(none.payfip.numcli, "", "no invented client number")
        let invoice = InvoiceRecord(id: "F-1", familyId: "1", label: "Cantine", issueDate: "2027-03-01", dueDate: "2027-03-31",
                                    amountCents: 8820, status: "unpaid")
        XCTAssertNil(PayFiPLink.make(invoice: invoice, payfip: none.payfip, email: "camille@parents.test"),
                     "a payment link without the town's client number")
        XCTAssertNotNil(PayFiPLink.make(invoice: invoice, payfip: real.payfip, email: "camille@parents.test"))
    }
}
