import EspaceCore
import Foundation
import GRDB

/// The checks `maildaemon check` prints and `run` makes before starting: servers and credentials, folders, the
/// mailbox claim, templates, store and folders on disk, PayFiP and trust settings. One French line per check.
struct Preflight {
    struct Line {
        enum Verdict { case ok, warning, failed }
        let verdict: Verdict
        let text: String
        /// A failure that will not go away by waiting (wrong password, broken template): `run` refuses to start.
        /// An unreachable server is not one: `run` starts and retries.
        let blocking: Bool
        var printed: String { (verdict == .ok ? "ok        " : verdict == .warning ? "attention " : "ÉCHEC     ") + text }
    }

    static let claimedPrefix = "boîte réservée à cette base"
    let settings: Settings
    let store: Store
    /// `run` claims the mailbox; `check` only reports whom it belongs to.
    var claim = false
    var takeOver = false
    /// `run` skips the template check when a clean one was made today for the same templates, settings and binary
    /// (`TemplateCheck.remembered`); `check` always makes it.
    var rememberTemplates = false

    func run() -> [Line] {
        var lines: [Line] = []
        func ok(_ t: String) { lines.append(Line(verdict: .ok, text: t, blocking: false)) }
        func warn(_ t: String) { lines.append(Line(verdict: .warning, text: t, blocking: false)) }
        func fail(_ t: String, blocking: Bool = true) { lines.append(Line(verdict: .failed, text: t, blocking: blocking)) }

        // IMAP: login, folders, claim.
        do {
            let imap = try IMAPClient(server: settings.imap)
            let capabilities = try imap.capabilitySet()
            ok("IMAP : connexion et identification (\(settings.imap.url), \(settings.imap.username ?? "sans identifiant"))")
            if settings.imapIdle {
                if capabilities.contains("IDLE") { ok("IMAP : IDLE proposé, chaque message sera traité dès son arrivée") }
                else { warn("IMAP : le serveur ne propose pas IDLE, relevé toutes les \(settings.pollSeconds) s") }
            }
            let f = settings.folders
            if try imap.hasFolder(f.inbox) { ok("IMAP : dossier \(f.inbox) présent") } else { fail("IMAP : dossier \(f.inbox) introuvable") }
            for name in [f.processed, f.review] {
                if try imap.hasFolder(name) { ok("IMAP : dossier \(name) présent") }
                else { ok("IMAP : dossier \(name) absent, il sera créé") }
            }
            let id = try MailboxClaim.storeIdentity(store)
            let c = MailboxClaim(imap: imap, storeId: id)
            let status = claim ? try c.claim(storePath: settings.storePath, takeOver: takeOver) : try c.status()
            switch status {
            case .ours: ok(Preflight.claimedPrefix + " (\(settings.storePath))")
            case .free: ok("boîte libre : elle sera réservée à cette base au démarrage de run")
            case .other:
                fail("boîte déjà relevée par une autre base (voir le dossier \(MailboxClaim.folder)) : deux bases appliqueraient et répondraient deux fois ; run --take-over pour la reprendre")
            }
        } catch let e as MailTransportError where e.code == 67 {
            fail("IMAP : identifiant ou mot de passe refusé par \(settings.imap.url) (\(settings.imap.username ?? "sans identifiant"))")
        } catch {
            fail("IMAP : \(settings.imap.url) injoignable : \(error)", blocking: false)
        }

        // SMTP: login.
        do {
            try SMTPClient(server: settings.smtp).verify()
            ok("SMTP : connexion et identification (\(settings.smtp.url))")
        } catch let e as MailTransportError where e.code == 67 {
            fail("SMTP : identifiant ou mot de passe refusé par \(settings.smtp.url) (\(settings.smtp.username ?? "sans identifiant"))")
        } catch {
            fail("SMTP : \(settings.smtp.url) injoignable : \(error)", blocking: false)
        }

        // Templates.
        do {
            let problems = try rememberTemplates ? TemplateCheck.remembered(settings: settings) : TemplateCheck.run(settings: settings)
            if problems.isEmpty { ok("modèles de réponse : tous produits sans erreur (\(settings.templatesDir))") }
            // A lint (an unused template, a variable never filled) fails `check` but does not stop replies.
            else { fail("modèles de réponse : \(problems.count) problème(s), voir maildaemon templates check : \(problems.first!)", blocking: false) }
        } catch {
            fail("modèles de réponse illisibles (\(settings.templatesDir)) : \(error)")
        }

        // Store and folders on disk.
        do {
            try store.checkWritable()
            let families = try store.read { db in try FamilyRecord.fetchCount(db) }
            if families == 0 { warn("base \(settings.storePath) : aucune famille importée (maildaemon import)") }
            else { ok("base \(settings.storePath) : \(families) famille(s), écriture possible") }
        } catch {
            fail("base \(settings.storePath) : \(FailureCause(error))", blocking: !FailureCause(error).transient)
        }
        for (what, dir) in [("messages bruts", settings.rawDir), ("pièces jointes", settings.attachmentsDir)] {
            do {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                let probe = (dir as NSString).appendingPathComponent(".preflight-\(getpid())")
                try Data("ok".utf8).write(to: URL(fileURLWithPath: probe))
                try FileManager.default.removeItem(atPath: probe)
                ok("dossier des \(what) : \(dir), écriture possible")
            } catch {
                fail("dossier des \(what) : \(FailureCause(error))", blocking: false)
            }
        }

        // PayFiP and trust.
        let p = settings.payfip
        if !settings.payfipEnabled {
            warn("PayFiP : aucune section « payfip », les factures sont envoyées sans lien de paiement")
        } else if Settings.PayFiP.isRealNumcli(p.numcli), ["T", "X", "A"].contains(p.saisie) {
            ok("PayFiP : client \(p.numcli), saisie \(p.saisie)\(p.saisie == "A" ? " (production)" : " (essai)")")
        } else {
            fail("PayFiP : payfip.numcli doit être le numéro client à 6 chiffres attribué par la DGFiP (pas 000000) et payfip.saisie T, X ou A (lu : « \(p.numcli) », « \(p.saisie) »)")
        }
        let policy = settings.trust.policy.lowercased()
        switch policy {
        case "dmarc", "aligned":
            if settings.trust.authservIds.isEmpty { fail("confiance : trust.authserv_ids est vide, aucun expéditeur ne serait vérifié") }
            else { ok("confiance : politique \(policy), serveurs \(settings.trust.authservIds.joined(separator: ", "))") }
        case "none":
            warn("confiance : politique « none », les expéditeurs ne sont PAS vérifiés (tests et démonstrations uniquement)")
        default:
            fail("confiance : trust.policy « \(settings.trust.policy) » inconnue (dmarc, aligned ou none)")
        }
        return lines
    }
}
