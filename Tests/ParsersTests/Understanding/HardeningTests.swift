import XCTest
@testable import Parsers

/// Phrasings of the same kinds as the public examples, each with the reading a careful staff member would make: exact,
/// or unsure with a question. Reference day: Monday 8 March 2027 (Fixture.monday).
final class HardeningTests: XCTestCase {
    typealias F = Fixture
    let restauration: ActivityKind?? = .some(.restauration)

    // MARK: - Each child with its own days

    func testEachChildItsOwnDays() {
        // Written on a Monday: Éliott's Tuesday is tomorrow or the 16th? Asked.
        check("Élise sera absente lundi et Éliott mardi.",
              .certain(.absence, ["Élise"], F.days("2027-03-15")), .unsure(.absence, ["Éliott"], F.days("2027-03-09")))
        check("Élise sera absente lundi, Éliott mardi.",
              .certain(.absence, ["Élise"], F.days("2027-03-15")), .unsure(.absence, ["Éliott"]))
        check("Élise sera absente mardi et Éliott jeudi.",
              .certain(.absence, ["Élise"], F.days("2027-03-09")), .certain(.absence, ["Éliott"], F.days("2027-03-11")))
        check("Élise ne mangera pas à la cantine jeudi et Éliott vendredi.",
              .certain(.cancellation, ["Élise"], F.days("2027-03-11"), restauration),
              .certain(.cancellation, ["Éliott"], F.days("2027-03-12"), restauration))
        check("Élise jeudi et Éliott vendredi seront absents.",
              .certain(.absence, ["Élise"], F.days("2027-03-11")), .certain(.absence, ["Éliott"], F.days("2027-03-12")))
        check("Élise sera absente lundi 15 et Éliott sera absent mardi 16.",
              .certain(.absence, ["Élise"], F.days("2027-03-15")), .certain(.absence, ["Éliott"], F.days("2027-03-16")))
        // Both children, both days: one request.
        check("Élise et Éliott seront absents lundi et mardi.",
              .certain(.absence, ["Élise", "Éliott"], F.days("2027-03-15", "2027-03-16")))
    }

    // MARK: - Names

    func testNamesNotInTheFamily() {
        check("gaspard sera absent demain.", .unsure(.absence, ["Gaspard"], F.days("2027-03-09")))
        check("Élise et Gaspard seront absents demain.", .unsure(.absence, ["Élise"], F.days("2027-03-09")))
        check("Élise et gaspard seront absents demain.", .unsure(.absence, ["Élise"], F.days("2027-03-09")))
        check("Merci d'inscrire hugo à la cantine jeudi 11.", .unsure(.reservation, ["Hugo"], F.days("2027-03-11"), restauration))
        check("Lili sera absente demain.", .unsure(.absence, ["Lili"]))
        check("lili sera absente demain.", .unsure(.absence, ["Lili"]))
        check("Elliot sera absent demain.", .unsure(.absence))
    }

    func testAdultsAndFriendsAreNotChildren() {
        check("Élise sera absente demain, la maîtresse Mme Julie est prévenue.",
              .certain(.absence, ["Élise"], F.days("2027-03-09")))
        check("Élise ira chez son copain Hugo mercredi, elle ne viendra pas au centre de loisirs.",
              .certain(.cancellation, ["Élise"], F.days("2027-03-10"), .some(.alshMercredi)))
    }

    func testSpellings() {
        check("ELIOTT sera absent demain.", .certain(.absence, ["Éliott"], F.days("2027-03-09")))
        check("eliott sera absent demain.", .certain(.absence, ["Éliott"], F.days("2027-03-09")))
        check("HELOISE sera absente demain.", family: F.daSilva, .certain(.absence, ["Héloïse"], F.days("2027-03-09")))
        check("Eloise sera absente demain.", family: F.daSilva, .unsure(.absence, ["Héloïse"], F.days("2027-03-09")))
        check("Marielou sera absente demain.", family: F.marieLou, .certain(.absence, ["Marie-Lou"]))
        check("marie lou sera absente demain.", family: F.marieLou, .certain(.absence, ["Marie-Lou"]))
        check("Marie Lou et Louis seront absents demain.", family: F.marieLou, .certain(.absence, ["Marie-Lou", "Louis"]))
    }

    func testGenericChildren() {
        check("Ma fille sera absente demain.", .unsure(.absence, []))
        check("Mon fils sera absent demain.", .unsure(.absence, []))
        check("Ma fille sera absente demain.", family: F.single("Léa"), .certain(.absence, ["Léa"], F.days("2027-03-09")))
        check("Les deux seront absents demain.", .certain(.absence, ["Élise", "Éliott"]))
        check("Mes trois enfants seront absents demain.", .unsure(.absence, []))
        check("Les jumeaux seront absents demain.", family: F.daSilva, .certain(.absence, ["Gaspard", "Héloïse"]))
        check("Nos enfants ne mangeront pas à la cantine jeudi.",
              .certain(.cancellation, ["Élise", "Éliott"], F.days("2027-03-11"), restauration))
        // "son frère": proposed, asked.
        check("Élise et son frère seront absents demain.", .unsure(.absence, ["Élise", "Éliott"], F.days("2027-03-09")))
        check("Élise sera absente demain. Son frère aussi.",
              .certain(.absence, ["Élise"], F.days("2027-03-09")), .unsure(.absence, nil, F.days("2027-03-09")))
    }

    // MARK: - Contact

    func testNewNumberOnlyFromItsOwnSentence() {
        var r = F.read("Je vous informe de mon nouveau numéro.\n\nÉlise sera absente demain.\n\nAurélie Mercier\n06 41 27 83 05")
        XCTAssertEqual(r.map(\.intent), [.contact, .absence])
        XCTAssertNil(r[0].contact); XCTAssertEqual(r[0].confidence, .unsure)
        r = F.read("Voici mon nouveau numéro :\n06 33 48 12 90")
        XCTAssertEqual(r[0].contact?.phone, "06 33 48 12 90"); XCTAssertEqual(r[0].confidence, .certain)
    }

    // MARK: - Yesterday, since, until

    func testYesterdayAndOpenPeriods() {
        check("Élise était absente hier.", .certain(.absence, ["Élise"], F.days("2027-03-07")))
        check("Léa était absente hier, elle avait de la fièvre.", family: F.single("Léa"),
              .certain(.absence, ["Léa"], F.days("2027-03-07")))
        check("Élise est malade depuis ce matin et restera à la maison jusqu'à vendredi.",
              .certain(.absence, ["Élise"], F.span("2027-03-08", "2027-03-12")))
        check("Élise est malade, elle restera à la maison jusqu'à vendredi.",
              .certain(.absence, ["Élise"], F.span("2027-03-08", "2027-03-12")))
        check("Élise est absente depuis hier et jusqu'à mercredi.",
              .certain(.absence, ["Élise"], F.span("2027-03-07", "2027-03-10")))
        check("Élise sera absente jusqu'à vendredi.", .unsure(.absence, ["Élise"]))
    }

    // MARK: - Signatures

    func testSignatureWithoutClosingLendsNoDates() {
        check("Élise sera absente demain.\n\nAurélie\nAbsente du 15/03 au 19/03", .certain(.absence, ["Élise"], F.days("2027-03-09")))
    }
}
