import ArgumentParser
import EspaceCore
import Foundation
import Parsers

struct RemindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remind",
        abstract: "Rappels aux familles : certificat médical manquant, facture à régler, inscriptions aux vacances qui ferment.",
        discussion: """
        Chaque rappel activé dans « reminders » (configuration) part une seule fois par élément et par adresse, aux
        responsables dont l’espace est activé, dans la limite des plafonds de réponses ; la boîte d’envoi du démon
        les envoie. run le fait chaque jour à partir de reminders.hour.
        """)

    @OptionGroup var config: ConfigOptions
    @OptionGroup var today: TodayOption

    @Flag(help: "Afficher les rappels dus sans rien mettre en boîte d’envoi ni enregistrer.")
    var dryRun = false

    func run() throws {
        let settings = try config.load()
        guard settings.reminders.anyEnabled else {
            print("Aucun rappel activé : ajoutez la section « reminders » à la configuration (README, Configuration).")
            return
        }
        let store = try Store(path: settings.storePath)
        let now = try today.day().map { ParisTime(date: $0, hour: settings.reminders.hour, minute: 0).instant } ?? Date()
        let queue = ReminderQueue(settings: settings, store: store, composer: try ReplyComposer(settings: settings))
        ReminderQueue.describe(try queue.run(now: now, dryRun: dryRun), dryRun: dryRun).forEach { print($0) }
    }
}
