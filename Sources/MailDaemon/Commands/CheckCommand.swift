import ArgumentParser
import EspaceCore
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Vérifier la configuration : serveurs IMAP et SMTP (identification), dossiers, réservation de la boîte, modèles, base, PayFiP, confiance. Une ligne par vérification ; code 0 seulement si tout est bon.")

    @OptionGroup var config: ConfigOptions

    func run() throws {
        do {
            let settings = try config.load(secrets: true)
            print("ok        configuration \(config.path) lue, clés et secrets vérifiés")
            let store = try Store(path: settings.storePath)
            let lines = Preflight(settings: settings, store: store).run()
            lines.forEach { print($0.printed) }
            if lines.contains(where: { $0.verdict == .failed }) { throw ExitCode(1) }
        } catch let f as CommandFailure {
            print("ÉCHEC     " + f.message.replacingOccurrences(of: "\n", with: "\nÉCHEC     "))
            throw ExitCode(f.exitCode)
        }
    }
}
