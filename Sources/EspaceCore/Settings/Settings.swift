import Foundation
import Parsers

/// The daemon's configuration file (JSON). Relative paths are resolved against the file's folder.
/// Every key is documented in the README.
public struct Settings: Codable, Sendable {
    public struct Town: Codable, Sendable {
        public var name: String = "Ville du Haillan"
        public var service: String = "Service des affaires scolaires et de la jeunesse"
        public var phone: String = "05 57 93 11 86"
        public init() {}
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.get(.name, name); service = try c.get(.service, service); phone = try c.get(.phone, phone)
        }
    }

    public struct Secret: Codable, Sendable {
        public var value: String?
        public var env: String?
        public var file: String?
        public init(value: String? = nil, env: String? = nil, file: String? = nil) {
            self.value = value; self.env = env; self.file = file
        }

        /// The secret from the environment, then a file, then the value written in the configuration.
        public func resolve() throws -> String? {
            if let env, let v = ProcessInfo.processInfo.environment[env], !v.isEmpty { return v }
            if let file {
                let text = try String(contentsOfFile: file, encoding: .utf8)
                return text.trimmedWhitespaceAndNewlines
            }
            return value
        }
    }

    public struct Server: Codable, Sendable {
        public var url: String
        public var username: String?
        public var password: Secret?
        /// OAuth 2 bearer token for XOAUTH2 (Microsoft 365, Gmail).
        public var oauthToken: Secret?
        /// Require TLS (STARTTLS on plain ports).
        public var requireTLS: Bool? = false
        enum CodingKeys: String, CodingKey {
            case url, username, password
            case oauthToken = "oauth_token", requireTLS = "require_tls"
        }
        public init(url: String) { self.url = url }
    }

    public struct Folders: Codable, Sendable {
        public var inbox: String = "INBOX"
        public var processed: String = "Processed"
        public var review: String = "NeedsReview"
        public init() {}
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            inbox = try c.get(.inbox, inbox); processed = try c.get(.processed, processed); review = try c.get(.review, review)
        }
    }

    public struct Trust: Codable, Sendable {
        /// `dmarc`, `aligned` or `none` (tests and demos only).
        public var policy: String = "dmarc"
        /// authserv-id of the town's own receiving server, as it writes it in Authentication-Results.
        public var authservIds: [String] = []
        /// Hosts of the town's own mail servers, as they appear after `by` in Received lines.
        public var internalHosts: [String] = []
        enum CodingKeys: String, CodingKey { case policy; case authservIds = "authserv_ids"; case internalHosts = "internal_hosts" }
        public init() {}
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            policy = try c.get(.policy, policy); authservIds = try c.get(.authservIds, authservIds)
            internalHosts = try c.get(.internalHosts, internalHosts)
        }
    }

    public struct Limits: Codable, Sendable {
        public var repliesPerAddressPerDay: Int = 10
        public var repliesPerHour: Int = 300
        public var activationFailuresPerDay: Int = 5
        public var maxMessageBytes: Int = 40 << 20
        public var maxCertificateBytes: Int = 15 << 20
        /// Attempts at a message whose handling never finished (killed, crashed) before it is filed for review.
        public var handlingAttempts: Int = 3
        enum CodingKeys: String, CodingKey {
            case repliesPerAddressPerDay = "replies_per_address_per_day", repliesPerHour = "replies_per_hour"
            case activationFailuresPerDay = "activation_failures_per_day", maxMessageBytes = "max_message_bytes"
            case maxCertificateBytes = "max_certificate_bytes", handlingAttempts = "handling_attempts"
        }
        public init() {}
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            repliesPerAddressPerDay = try c.get(.repliesPerAddressPerDay, repliesPerAddressPerDay)
            repliesPerHour = try c.get(.repliesPerHour, repliesPerHour)
            activationFailuresPerDay = try c.get(.activationFailuresPerDay, activationFailuresPerDay)
            maxMessageBytes = try c.get(.maxMessageBytes, maxMessageBytes)
            maxCertificateBytes = try c.get(.maxCertificateBytes, maxCertificateBytes)
            handlingAttempts = try c.get(.handlingAttempts, handlingAttempts)
        }
    }

    public struct Rules: Codable, Sendable {
        public var confirmationHours: Int = 72
        public var certificateDeadlineDays: Int = 2
        /// Deadlines end at this hour (Paris time) on the last allowed day.
        public var cutoffHour: Int = 12
        public var workingDaysOnly: Bool = false
        public var keyValidityDays: Int = 365
        /// Raw messages and medical certificates are deleted this many days after they stop being needed.
        public var retentionDays: Int = 365
        enum CodingKeys: String, CodingKey {
            case retentionDays = "retention_days"
            case confirmationHours = "confirmation_hours", certificateDeadlineDays = "certificate_deadline_days"
            case cutoffHour = "cutoff_hour", workingDaysOnly = "working_days_only", keyValidityDays = "key_validity_days"
        }
        public init() {}
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            confirmationHours = try c.get(.confirmationHours, confirmationHours)
            certificateDeadlineDays = try c.get(.certificateDeadlineDays, certificateDeadlineDays)
            cutoffHour = try c.get(.cutoffHour, cutoffHour); workingDaysOnly = try c.get(.workingDaysOnly, workingDaysOnly)
            keyValidityDays = try c.get(.keyValidityDays, keyValidityDays)
            retentionDays = try c.get(.retentionDays, retentionDays)
        }
    }

    /// The town's PayFiP contract. No default client number: without a `payfip` section invoices are sent without
    /// payment links; with one, `run` refuses to start until `numcli` is the town's real one.
    public struct PayFiP: Codable, Sendable {
        public var numcli: String = ""
        /// T test, X activation, A production.
        public var saisie: String = "T"
        /// Return URL after payment; empty: PayFiP's own end page.
        public var urlcl: String = ""
        public init() {}
        /// Six digits, and not the all-zero placeholder older versions used as a silent default.
        public static func isRealNumcli(_ n: String) -> Bool {
            n.count == 6 && n.allSatisfy { $0.isASCII && $0.isNumber } && n != "000000"
        }
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            numcli = try c.get(.numcli, numcli); saisie = try c.get(.saisie, saisie); urlcl = try c.get(.urlcl, urlcl)
        }
    }

    public var town = Town()
    public var serviceAddress: String
    /// Domain of our Message-IDs; defaults to the service address's domain.
    public var messageIdDomain: String?
    public var staff: [String] = []
    public var imap: Server
    public var smtp: Server
    /// Envelope sender of replies; defaults to the service address.
    public var envelopeFrom: String?
    public var folders = Folders()
    public var pollSeconds: Int = 30
    /// Wait for new mail with IMAP IDLE when the server offers it (the poll stays as a safety net).
    public var imapIdle: Bool = true
    public var storePath: String = "var/espace.sqlite"
    public var rawDir: String = "var/messages"
    public var attachmentsDir: String = "var/attachments"
    public var templatesDir: String = "templates"
    public var trust = Trust()
    public var limits = Limits()
    public var rules = Rules()
    public var payfip = PayFiP()
    /// True when the configuration has a `payfip` section: invoices are sent with PayFiP payment links.
    public var payfipEnabled = false
    /// The staff's morning mail (`TownHallSettings.swift`); `run` sends it only when the section is present.
    public var staffDigest: StaffDigest?
    public var staffDigestEnabled: Bool { staffDigest != nil }
    public var reminders = Reminders()
    /// Prometheus text-format metrics written by `run` after each cycle; nil: none.
    public var metricsFile: String?

    enum CodingKeys: String, CodingKey {
        case town, staff, imap, smtp, folders, trust, limits, rules, payfip, reminders
        case staffDigest = "staff_digest", metricsFile = "metrics_file"
        case serviceAddress = "service_address", messageIdDomain = "message_id_domain"
        case envelopeFrom = "envelope_from", pollSeconds = "poll_seconds", imapIdle = "imap_idle", storePath = "store_path"
        case rawDir = "raw_dir", attachmentsDir = "attachments_dir", templatesDir = "templates_dir"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        serviceAddress = try c.decode(String.self, forKey: .serviceAddress)
        imap = try c.decode(Server.self, forKey: .imap)
        smtp = try c.decode(Server.self, forKey: .smtp)
        messageIdDomain = try c.decodeIfPresent(String.self, forKey: .messageIdDomain)
        envelopeFrom = try c.decodeIfPresent(String.self, forKey: .envelopeFrom)
        town = try c.get(.town, town); staff = try c.get(.staff, staff); folders = try c.get(.folders, folders)
        pollSeconds = try c.get(.pollSeconds, pollSeconds); storePath = try c.get(.storePath, storePath)
        imapIdle = try c.get(.imapIdle, imapIdle)
        rawDir = try c.get(.rawDir, rawDir); attachmentsDir = try c.get(.attachmentsDir, attachmentsDir)
        templatesDir = try c.get(.templatesDir, templatesDir); trust = try c.get(.trust, trust)
        limits = try c.get(.limits, limits); rules = try c.get(.rules, rules); payfip = try c.get(.payfip, payfip)
        payfipEnabled = c.contains(.payfip)
        staffDigest = try c.decodeIfPresent(StaffDigest.self, forKey: .staffDigest)
        reminders = try c.get(.reminders, reminders)
        metricsFile = try c.decodeIfPresent(String.self, forKey: .metricsFile)
    }

    public init(serviceAddress: String, imap: Server, smtp: Server) {
        self.serviceAddress = serviceAddress; self.imap = imap; self.smtp = smtp
    }

    public var ourDomain: String {
        messageIdDomain ?? String(serviceAddress.split(separator: "@").last ?? "localhost")
    }

    /// What must stop `run` before it answers anyone (French, for the person starting it).
    public var startProblems: [String] {
        var problems: [String] = []
        if payfipEnabled && !PayFiP.isRealNumcli(payfip.numcli) {
            problems.append("payfip.numcli : « \(payfip.numcli) » n’est pas un numéro client PayFiP. Indiquez les 6 chiffres que la DGFiP a attribués à la collectivité, ou retirez la section « payfip » pour envoyer les factures sans lien de paiement.")
        }
        return problems
    }

    public var staffAddresses: Set<String> { Set(staff.map { $0.lowercased() }) }

    public static func load(path: String) throws -> Settings {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var s = try JSONDecoder().decode(Settings.self, from: data)
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        func resolve(_ p: String) -> String { p.hasPrefix("/") ? p : base.appendingPathComponent(p).standardizedFileURL.path }
        s.storePath = resolve(s.storePath); s.rawDir = resolve(s.rawDir)
        s.attachmentsDir = resolve(s.attachmentsDir); s.templatesDir = resolve(s.templatesDir)
        s.metricsFile = s.metricsFile.map(resolve)
        for keyPath in [\Settings.imap, \Settings.smtp] {
            if let f = s[keyPath: keyPath].password?.file { s[keyPath: keyPath].password?.file = resolve(f) }
            if let f = s[keyPath: keyPath].oauthToken?.file { s[keyPath: keyPath].oauthToken?.file = resolve(f) }
        }
        return s
    }
}

extension KeyedDecodingContainer {
    /// The value under `key`, or `fallback` when the key is absent: settings files name only what they change.
    func get<T: Decodable>(_ key: Key, _ fallback: T) throws -> T {
        try decodeIfPresent(T.self, forKey: key) ?? fallback
    }
}
