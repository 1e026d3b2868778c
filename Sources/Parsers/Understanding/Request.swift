/// One thing a parent asks for, as understood from their message.
public struct Request: Sendable, Equatable {
    public var intent: Intent
    /// First names exactly as on file (the family's spelling), in the family's order.
    public var children: [String]
    /// Every calendar day covered, sorted, unique.
    public var dates: [CivilDate]
    public var activity: ActivityKind?
    public var slot: AlshSlot?
    /// Activation key as written by the parent, normalised to upper case with dashes (`X7PA-4KRT-9MWC`).
    public var key: String?
    public var einvoice: Bool?
    public var certificate: Bool
    public var confidence: Confidence
    /// Free-text reason given by the parent (absence motive, etc.).
    public var reason: String?
    /// For `confirm`: true for OUI, false for NON.
    public var confirmation: Bool?
    /// For `confirm`: a confirmation token found in the subject or body, if any.
    public var token: String?
    /// For `contact`: the new details the parent gave.
    public var contact: ContactChange?
    /// Why the request is unsure (asks the one missing thing when possible); `Doubt.french` words it for the parent.
    public var doubts: [Doubt]
    /// Where each field was read (for staff: `maildaemon explain`).
    public var evidence = Evidence()

    public init(intent: Intent, children: [String] = [], dates: [CivilDate] = [], activity: ActivityKind? = nil,
                slot: AlshSlot? = nil, key: String? = nil, einvoice: Bool? = nil, certificate: Bool = false,
                confidence: Confidence = .certain, reason: String? = nil, confirmation: Bool? = nil,
                token: String? = nil, contact: ContactChange? = nil, doubts: [Doubt] = []) {
        self.intent = intent; self.children = children; self.dates = dates; self.activity = activity
        self.slot = slot; self.key = key; self.einvoice = einvoice; self.certificate = certificate
        self.confidence = confidence; self.reason = reason; self.confirmation = confirmation; self.token = token
        self.contact = contact; self.doubts = doubts
    }
}

/// The words a request was read from, for staff checking a reading.
public struct Evidence: Sendable, Equatable {
    /// The sentence (or form line, or subject) the request comes from, as the parent wrote it.
    public var sentence = ""
    /// The words naming the children, or where they were taken from ("phrase précédente", "objet", "seul enfant").
    public var children: [String] = []
    /// The date phrases read, or where the days were taken from.
    public var dates: [String] = []
    /// Where the activity was taken from when not in the sentence.
    public var activity = ""
    public init() {}
}

public struct ContactChange: Sendable, Equatable {
    public var phone: String?
    public var address: String?
    public var postalCode: String?
    public var city: String?
    public var email: String?

    public init(phone: String? = nil, address: String? = nil, postalCode: String? = nil, city: String? = nil,
                email: String? = nil) {
        self.phone = phone; self.address = address; self.postalCode = postalCode; self.city = city; self.email = email
    }
}

/// What the reader needs from a parsed message. Built by the caller from the MIME parser's output, so that the
/// reader can be tested on plain strings.
public struct ReadingInput: Sendable {
    public var subject: String
    /// What the sender wrote now: no quoted history, no signature, no forwarded headers.
    public var text: String
    /// The message's own Date header; relative dates resolve against it in Europe/Paris.
    public var sentAt: ParisTime?
    public var attachments: [AttachmentInfo]
    /// True when In-Reply-To/References point at one of our own replies.
    public var repliesToUs: Bool
    /// The service's own mail domains (ours, the staff's): an address there is never a parent's new e-mail.
    public var serviceDomains: [String] = []
    /// A note the parent forwards or quotes under their text (a teacher's letter): "ce jour-là" may point into it.
    public var note: String?

    public init(subject: String, text: String, sentAt: ParisTime?, attachments: [AttachmentInfo] = [],
                repliesToUs: Bool = false) {
        self.subject = subject; self.text = text; self.sentAt = sentAt; self.attachments = attachments
        self.repliesToUs = repliesToUs
    }
}

public struct AttachmentInfo: Sendable, Equatable {
    public var filename: String?
    public var declaredType: String
    /// Decided from the bytes, never from the name or the declared type.
    public var sniffed: FileKind

    public init(filename: String?, declaredType: String, sniffed: FileKind) {
        self.filename = filename; self.declaredType = declaredType; self.sniffed = sniffed
    }
}

/// What the family's records tell the reader: names to recognise and the activity calendar.
public struct FamilyContext: Sendable {
    public struct Child: Sendable, Equatable {
        public var firstName: String
        public var birthDate: CivilDate?
        public init(firstName: String, birthDate: CivilDate? = nil) {
            self.firstName = firstName; self.birthDate = birthDate
        }
    }

    public var children: [Child]
    /// Open days per activity kind (the town's calendar), used for "la première semaine des vacances".
    public var openDays: [ActivityKind: [CivilDate]]

    public init(children: [Child], openDays: [ActivityKind: [CivilDate]] = [:]) {
        self.children = children; self.openDays = openDays
    }
}
