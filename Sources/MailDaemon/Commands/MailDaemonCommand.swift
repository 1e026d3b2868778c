import ArgumentParser

@main
struct MailDaemonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maildaemon",
        abstract: "Espace Famille par courriel : lit la boîte du service, applique les demandes des familles, répond.",
        discussion: """
        Au quotidien :
          import DONNEES/          charger ou mettre à jour les dossiers (CSV)
          run                      relever la boîte et répondre (Ctrl-C : arrêt)
          run --once               traiter ce qui attend, puis s’arrêter
          check                    vérifier serveurs, dossiers, modèles, base
          family show DOSSIER      afficher le dossier d’une famille
          payments import FICHIER  enregistrer les paiements PayFiP
          templates check          vérifier les modèles de réponse
          report                   messages à revoir, réponses en attente
          digest                   lettre du matin au service
          export --since JOUR DOSSIER   changements pour le logiciel de gestion
          status, backup DOSSIER   état du service, sauvegarde à chaud
        Pour examiner un message :
          explain MESSAGE.eml      ce que le démon comprend et ferait
          parse MESSAGE.eml        ce que le lecteur MIME voit
        Configuration : --config FICHIER, sinon $ESPACE_CONFIG, sinon
        ./espace.json (voir README).
        """,
        subcommands: [
            ImportCommand.self,
            ExportCommand.self,
            DigestCommand.self,
            RemindCommand.self,
            StatusCommand.self,
            BackupCommand.self,
            RunCommand.self,
            SendRepliesCommand.self,
            CheckCommand.self,
            ExplainCommand.self,
            FamilyCommand.self,
            PaymentsCommand.self,
            TemplatesCommand.self,
            PurgeCommand.self,
            ReportCommand.self,
            ParseCommand.self,
            BenchCommand.self,
        ]
    )
}
