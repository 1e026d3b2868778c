import ArgumentParser

@main
struct MailDaemonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maildaemon",
        abstract: "Espace Famille par courriel : lit la boîte du service, applique les demandes des familles, répond.",
        discussion: """
        Daily use by staff:
          maildaemon import DONNEES/            load or update families, children, activities, invoices (CSV)
          maildaemon run --config FILE          poll the mailbox and answer parents (Ctrl-C to stop)
          maildaemon run --once --config FILE   handle what is waiting, then exit
          maildaemon family show ID|EMAIL       print a family's file
        Checking a message by hand:
          maildaemon parse FILE --json          what the MIME reader sees
          maildaemon explain FILE --json        what the daemon understands
        """,
        subcommands: [
            ImportCommand.self,
            RunCommand.self,
            ExplainCommand.self,
            FamilyCommand.self,
            PaymentsCommand.self,
            TemplatesCommand.self,
            ParseCommand.self,
            BenchCommand.self,
        ]
    )
}
