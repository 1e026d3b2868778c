import ArgumentParser
import EspaceCore
import Foundation
import Parsers

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Exporter les dossiers modifiés (ou tout) au format d’import, avec absences.csv et journal.csv, pour le logiciel de gestion de la commune (voir docs/EXPORT.md).")

    @OptionGroup var config: ConfigOptions

    @Option(help: "Changements depuis ce jour (AAAA-MM-JJ, à 0 h, heure de Paris).")
    var since: String?

    @Flag(help: "Tout l’état des dossiers.")
    var all = false

    @Flag(help: "Windows-1252 et « ; » (Excel français) au lieu d’UTF-8 avec BOM et « , ».")
    var excel = false

    @Argument(help: "Dossier de l’export (remplacé en entier, jamais à moitié écrit).")
    var dir: String

    func validate() throws {
        if all == (since != nil) { throw ValidationError("indiquez soit --since AAAA-MM-JJ, soit --all") }
        if let since, CivilDate(iso: since) == nil { throw ValidationError("--since attend AAAA-MM-JJ, pas « \(since) »") }
    }

    func run() throws {
        let settings = try config.load()
        let store = try Store(path: settings.storePath, mappedReads: false)  // reads every row once: no mapping
        let scope: Export.Scope = since.flatMap(CivilDate.init(iso:)).map { .since(ParisTime(date: $0, hour: 0, minute: 0).instant) } ?? .all
        let files = try Export(store: store, scope: scope, flavor: excel ? .excel : .utf8).write(to: dir)
        for f in files { print("\(f.name) : \(f.rows.count) ligne(s)") }
        print("Export écrit dans \(dir).")
    }
}
