import ArgumentParser
import EspaceCore
import Foundation

struct PaymentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payments",
        abstract: "Retours de paiement PayFiP.",
        subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Enregistrer les retours PayFiP d’un fichier CSV : facture,montant,date,résultat (P payé, R refusé, A abandonné).")

        @Argument(help: "Fichier CSV.")
        var file: String

        @OptionGroup var config: ConfigOptions

        func run() throws {
            let settings = try config.load()
            let store = try Store(path: settings.storePath)
            let report = try PaymentsImport(store: store).importFile(file)
            print(report)
            if report.lines.contains(where: { $0.outcome == "amount-mismatch" || $0.outcome == "unknown-invoice" || $0.outcome == "invalid" }) {
                throw ExitCode(2)
            }
        }
    }
}
