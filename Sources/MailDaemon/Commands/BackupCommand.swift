import ArgumentParser
import EspaceCore
import Foundation

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Sauvegarde à chaud : la base SQLite (API de sauvegarde, le démon peut tourner), les messages bruts et les certificats, dans un nouveau dossier (voir docs/DEPLOY.md).")

    @OptionGroup var config: ConfigOptions

    @Argument(help: "Nouveau dossier de sauvegarde (il ne doit pas exister).")
    var dir: String

    func run() throws {
        let settings = try config.load()
        let store = try Store(path: settings.storePath, mappedReads: false)  // reads every row once: no mapping
        let s = try Backup.run(store: store, rawDir: settings.rawDir, attachmentsDir: settings.attachmentsDir, to: dir)
        print("Sauvegarde écrite dans \(dir) : \(Backup.storeName) (\(ByteCountFormatter.string(fromByteCount: s.storeBytes, countStyle: .file))), \(s.rawFiles) message(s) brut(s), \(s.attachmentFiles) certificat(s).")
    }
}
