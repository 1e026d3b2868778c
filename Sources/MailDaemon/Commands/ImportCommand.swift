import ArgumentParser
import EspaceCore
import Foundation
import Parsers

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Charger ou mettre à jour les dossiers depuis les exports CSV (familles, responsables, enfants, activités, jours, réservations, factures).",
        discussion: "Fichiers : families.csv guardians.csv children.csv activities.csv activity_days.csv reservations.csv invoices.csv (UTF-8 ou Windows-1252, séparateur « , » ou « ; »). Une seule ligne erronée et rien n’est importé.")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var today: TodayOption

    @Argument(help: "Dossier contenant les fichiers CSV.")
    var directory: String

    func run() throws {
        let settings = try config.load()
        // Read without a mapping: a re-import reads every row once, and mapped pages would count as its memory.
        let store = try Store(path: settings.storePath, mappedReads: false)
        let now = try today.day().map { ParisTime(date: $0, hour: 8, minute: 0).instant } ?? Date()
        let progress = ImportProgressLine()
        do {
            let summary = try Importer(store: store, now: now, keyValidityDays: settings.rules.keyValidityDays)
                .importDirectory(directory, progress: progress.update)
            progress.finish()
            print("Import terminé :\n\(summary)")
        } catch let e as ImportError {
            progress.finish()
            print("Import refusé, rien n’a été modifié.\n\(e)")
            throw ExitCode(2)
        } catch {
            progress.finish()
            throw error
        }
    }
}
