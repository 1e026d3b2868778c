import Foundation
import XCTest
@testable import Parsers

enum MimeFixture {
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: "eml", subdirectory: "Fixtures/mime"),
                                "missing fixture \(name)")
        return try [UInt8](Data(contentsOf: url))
    }
    static func parse(_ name: String) throws -> ParsedMessage { MessageParser.parse(try bytes(name)) }
}

func parse(_ text: String, limits: ParseLimits = .default) -> ParsedMessage {
    MessageParser.parse(Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8), limits: limits)
}

func parseLF(_ text: String, limits: ParseLimits = .default) -> ParsedMessage {
    MessageParser.parse(Array(text.utf8), limits: limits)
}

extension ParsedMessage {
    var defectCodes: [String] { defects.map(\.code) }
}
