import ArgumentParser
import EspaceCore
import Foundation

struct PaymentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payments",
        abstract: "PayFiP payment returns.",
        subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Record PayFiP returns from a CSV file: invoice,amount,date,result (P paid, R refused, A abandoned).")

        @Argument(help: "CSV file.")
        var file: String

        @Option(help: "Configuration file (JSON).")
        var config: String

        func run() throws {
            let settings = try Settings.load(path: config)
            let store = try Store(path: settings.storePath)
            let report = try PaymentsImport(store: store).importFile(file)
            print(report)
            if report.lines.contains(where: { $0.outcome == "amount-mismatch" || $0.outcome == "unknown-invoice" || $0.outcome == "invalid" }) {
                throw ExitCode(2)
            }
        }
    }
}
