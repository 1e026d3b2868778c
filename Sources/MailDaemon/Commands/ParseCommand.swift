import ArgumentParser
import Foundation
import Parsers

struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Show how a raw message (.eml) is read: headers, parts, text, forward, defects.")

    @Argument(help: "Path to a raw message file.")
    var file: String

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        let message = MessageParser.parse(bytes)
        print(message.subject)
        print(message.textBody)
    }
}
