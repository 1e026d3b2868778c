import Foundation
import XCTest
@testable import Parsers

final class PatternPrefilterTests: XCTestCase {
    func words(_ pattern: String, caseSensitive: Bool = false) -> [String]? {
        PatternPrefilter(pattern, caseSensitive: caseSensitive)?.anyOf.map { String(decoding: $0, as: UTF8.self) }.sorted()
    }

    func testWordsEveryMatchContains() {
        XCTAssertEqual(words(#"\b(cantine|restauration scolaire)\b"#), ["cantine", "restauration scolaire"])
        XCTAssertEqual(words(#"\bsans\s+(le\s+)?(repas|dejeuner|cantine)\b"#), ["cantine", "dejeuner", "repas"],
                       "the group whose shortest word is longest")
        XCTAssertEqual(words(#"\b(apres-midi|apres midi|aprem|apres-midis)\b"#), ["aprem", "apres midi", "apres-midi", "apres-midis"])
        XCTAssertEqual(words(#"\bmatins?\b"#), ["matin"], "an optional letter ends the word")
        XCTAssertEqual(words(#"(cantine)?\bjour"#), ["jour"], "an optional group requires nothing")
        XCTAssertEqual(words(#"Absence"#), ["absence"], "lower-cased for a case-insensitive pattern")
        XCTAssertEqual(words(#"(?:pas|plus) (?=de)absen(ce|t)"#), ["absen"])
        XCTAssertEqual(words(#"EF-([A-Za-z0-9]{8})"#, caseSensitive: true), ["EF-"])
    }

    func testNoFilterWhenSomethingIsNotModelledOrTooShort() {
        XCTAssertNil(words(#"\b[6-8] ?h\b"#), "no literal")
        XCTAssertNil(words(#"\b(a|y)\b"#), "one-byte words filter nothing")
        XCTAssertEqual(words(#"\b(le|la)\b"#), ["la", "le"], "two-byte words filter a little, for less than one ICU call")
        XCTAssertNil(words(#"(?i)cantine"#), "inline flags")
        XCTAssertNil(words(#"(?<mot>cantine)"#), "named groups")
        XCTAssertNil(words(#"(cantine)\1"#), "back-references")
        XCTAssertNil(words(#"\bcantine|\d+"#), "one alternative requires no word")
    }

    /// Without top-level alternatives, every mandatory part is required: short words count when several are.
    func testEveryMandatoryPartIsRequired() throws {
        let negation = #"\b(ne|n')\s*(\w+\s+){0,2}?(ira|va|sera)\s+((donc|alors)\s+)?(pas|plus|ni)\b"#
        let f = try XCTUnwrap(PatternPrefilter(negation, caseSensitive: false), "three parts of two-byte words")
        XCTAssertEqual(f.allOf.map { $0.map { String(decoding: $0, as: UTF8.self) }.sorted() },
                       [["n'", "ne"], ["ira", "sera", "va"], ["ni", "pas", "plus"]])
        XCTAssertFalse(f.mayMatch("elle ira a la cantine jeudi"), "no « ne » and no « pas »")
        XCTAssertFalse(f.mayMatch("il ne mange que des pates"), "no verb of the list")
        XCTAssertTrue(f.mayMatch("Il NE va pas"))
        // The best single set stays first, and the others add to it.
        let g = try XCTUnwrap(PatternPrefilter(#"\bsans\s+(le\s+)?(repas|dejeuner)\b"#, caseSensitive: false))
        XCTAssertEqual(g.anyOf.map { String(decoding: $0, as: UTF8.self) }.sorted(), ["dejeuner", "repas"])
        XCTAssertEqual(g.allOf.count, 2)
        XCTAssertFalse(g.mayMatch("le repas de midi"), "« sans » is required too")
        // A one-byte word where a part is required gives no filter, alone or under alternatives.
        XCTAssertNil(PatternPrefilter(#"\b(a|y)\s+(\d+)\b"#, caseSensitive: false))
        XCTAssertNil(PatternPrefilter(#"\bne (va|ira)\b|\by\b"#, caseSensitive: false))
        let h = try XCTUnwrap(PatternPrefilter(#"\bne (va|ira)\b|\bsi\b"#, caseSensitive: false))
        XCTAssertFalse(h.mayMatch("elle ira a la cantine"), "neither « ne » nor « si »")
        XCTAssertTrue(h.mayMatch("Si elle ne va pas mieux"))
    }

    /// The filter never refuses a text the expression matches (the debug build also checks this on every call).
    func testAgreesWithTheExpression() throws {
        let patterns = [#"\b(cantine|restauration scolaire)\b"#, #"\bsans\s+(le\s+)?(repas|dejeuner|cantine)\b"#,
                        #"\bmatins?\b"#, #"\bstrasse\b"#, #"\bfin\b"#, #"\b(ok|kilo)\b"#, #"a[bc]+de?f{2,3}ghi"#,
                        #"\bn'?(est|sera)\s+pas\b"#, #"^(re|tr|fwd?)\s*:"#,
                        #"\b(ne|n')\s*(\w+\s+){0,2}?(ira|va|sera)\s+((donc|alors)\s+)?(pas|plus|ni)\b"#,
                        #"(?<!\bne )\b(va|ira)\b\s*(a la|au)\s+(cantine|centre)"#]
        let texts = ["La CANTINE de jeudi", "sans repas", "sans le déjeuner", "matins et soirs", "Straße 5", "ſtrasse",
                     "la ﬁn du mois", "5 \u{212A}ILO", "abccdeffghi", "ab deffghi", "il n'est pas là", "Re: absence",
                     "RESTAURATION   SCOLAIRE", "restauration scolaire", "", "é", "cant ine",
                     "il ne va pas", "Elle n'ira donc plus", "elle ne sera ni", "elle va au centre", "il ira a la cantine",
                     "ne va", "NE VA PAS"]
        for p in patterns {
            let regex = try NSRegularExpression(pattern: p, options: [.caseInsensitive])
            let filter = PatternPrefilter(p, caseSensitive: false)
            for t in texts {
                let matches = regex.firstMatch(in: t, range: NSRange(t.startIndex..., in: t)) != nil
                if matches { XCTAssertTrue(filter?.mayMatch(t) ?? true, "/\(p)/ on « \(t) »") }
            }
        }
        XCTAssertFalse(PatternPrefilter(#"\bcantine\b"#, caseSensitive: false)!.mayMatch("la garderie du soir"))
    }
}
