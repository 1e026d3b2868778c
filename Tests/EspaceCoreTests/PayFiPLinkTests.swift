import Foundation
import Parsers
import XCTest
@testable import EspaceCore

final class PayFiPLinkTests: XCTestCase {
    var payfip: Settings.PayFiP {
        var p = Settings.PayFiP()
        p.numcli = "012345"; p.saisie = "X"; p.urlcl = "https://espace.test/retour?x=1"
        return p
    }

    func invoice(_ id: String = "F2027-00431", label: String = "Restauration et périscolaire - février 2027",
                 cents: Int = 9210, status: String = "unpaid") -> InvoiceRecord {
        InvoiceRecord(id: id, familyId: "F1", label: label, issueDate: "2027-03-01", dueDate: "2027-03-31",
                      amountCents: cents, status: status, paidAt: nil)
    }

    func params(_ link: String) -> [String: String] {
        let comps = URLComponents(string: link)!
        return Dictionary(uniqueKeysWithValues: comps.queryItems!.map { ($0.name, $0.value ?? "") })
    }

    func testRefdetReduction() {
        XCTAssertEqual(PayFiPLink.refdet("F2027-00431"), "F202700431")
        XCTAssertEqual(PayFiPLink.refdet("A-1"), "0000A1")
        XCTAssertEqual(PayFiPLink.refdet("FACT/2027/é-" + String(repeating: "9", count: 40)).count, 30)
        XCTAssertTrue(PayFiPLink.refdet("Ré f_2027 ✓ 01").allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
    }

    func testObjetSanitising() {
        XCTAssertEqual(PayFiPLink.objet("Restauration et périscolaire - février 2027"), "Restauration et periscolaire fevrier 2027")
        XCTAssertEqual(PayFiPLink.objet("Cœur « été » n°3 !"), "Coeur ete n 3")
        let long = PayFiPLink.objet(String(repeating: "Accueil du soir ", count: 20))
        XCTAssertLessThanOrEqual(long.count, 100)
        XCTAssertFalse(long.hasSuffix(" "))
    }

    func testLinkFormat() throws {
        let link = try XCTUnwrap(PayFiPLink.make(invoice: invoice(), payfip: payfip, email: "claire.martin@famille.test"))
        XCTAssertTrue(link.hasPrefix("https://www.payfip.gouv.fr/tpa/paiement.web?numcli=012345&exer=2027&refdet=F202700431&objet="))
        let p = params(link)
        XCTAssertEqual(p["numcli"], "012345")
        XCTAssertEqual(p["exer"], "2027")
        XCTAssertEqual(p["refdet"], "F202700431")
        XCTAssertEqual(p["objet"], "Restauration et periscolaire fevrier 2027")
        XCTAssertEqual(p["montant"], "9210")
        XCTAssertEqual(p["mel"], "claire.martin@famille.test")
        XCTAssertEqual(p["urlcl"], "https://espace.test/retour?x=1")
        XCTAssertEqual(p["saisie"], "X")
        XCTAssertTrue(link.contains("mel=claire.martin%40famille.test"))
        XCTAssertTrue(link.contains("urlcl=https%3A%2F%2Fespace.test%2Fretour%3Fx%3D1"))
        XCTAssertFalse(link.contains(" "))
    }

    func testNoLinkForPaidInvoiceOrBadNumcli() {
        XCTAssertNil(PayFiPLink.make(invoice: invoice(status: "paid"), payfip: payfip, email: "a@b.test"))
        var bad = payfip
        bad.numcli = "12AB"
        XCTAssertNil(PayFiPLink.make(invoice: invoice(), payfip: bad, email: "a@b.test"))
    }

    func testOneLinkPerUnpaidInvoiceInTheInvoicesReply() throws {
        let town = try TestTown()
        let outcome = try town.apply(Request(intent: .invoices))
        XCTAssertEqual(outcome.section.template, "invoices_list")
        let items = try XCTUnwrap(outcome.section.data["invoices"] as? [[String: Any]])
        XCTAssertEqual(items.map { $0["id"] as? String }, ["F2027-00431", "F2027-00201"], "unpaid first")
        XCTAssertEqual(items.filter { $0["has_link"] as? Bool == true }.count, 1)
        XCTAssertEqual(items[0]["amount"] as? String, "92,10\u{00A0}€")
        let link = try XCTUnwrap(items[0]["link"] as? String)
        XCTAssertEqual(params(link)["mel"], "claire.martin@famille.test")
        XCTAssertEqual(items[1]["has_link"] as? Bool, false)
    }
}
