import Foundation

extension Settings {
    /// `staff_digest`: who gets the morning mail, at what hour (Paris) and on which weekdays (1 = Monday). Declared
    /// here so that the key is known to `SettingsValidation` and checked at start; `run` sends the digest only when
    /// the section is present (`staffDigestEnabled`), `maildaemon digest` falls back to the `staff` addresses.
    public struct StaffDigest: Codable, Sendable {
        public var to: [String] = []
        public var hour: Int = 7
        public var weekdays: [Int] = [1, 2, 3, 4, 5]
        public init() {}
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            to = try c.get(.to, to); hour = try c.get(.hour, hour); weekdays = try c.get(.weekdays, weekdays)
            guard (0...23).contains(hour) else {
                throw DecodingError.dataCorruptedError(forKey: .hour, in: c, debugDescription: "staff_digest.hour : 0 à 23")
            }
            guard weekdays.allSatisfy({ (1...7).contains($0) }) else {
                throw DecodingError.dataCorruptedError(forKey: .weekdays, in: c, debugDescription: "staff_digest.weekdays : 1 (lundi) à 7 (dimanche)")
            }
        }
    }

    /// `reminders`: mails to parents before a deadline, each kind with its own switch and lead time. Off unless the
    /// town turns a kind on: an upgrade never starts mailing every family by itself.
    public struct Reminders: Codable, Sendable {
        public struct Kind: Codable, Sendable {
            public var enabled: Bool = false
            /// How many days before the deadline the reminder may go (the deadline day included).
            public var daysBefore: Int
            enum CodingKeys: String, CodingKey { case enabled; case daysBefore = "days_before" }
            public init(daysBefore: Int) { self.daysBefore = daysBefore }
            init(from decoder: Decoder, fallback: Kind) throws {
                let c = try decoder.container(keyedBy: CodingKeys.self)
                enabled = try c.get(.enabled, fallback.enabled); daysBefore = try c.get(.daysBefore, fallback.daysBefore)
                guard (0...60).contains(daysBefore) else {
                    throw DecodingError.dataCorruptedError(forKey: .daysBefore, in: c, debugDescription: "reminders.*.days_before : 0 à 60 jours")
                }
            }
        }
        /// The holiday centre's window: children of `min_age`…`max_age` (years, on the first day of the holidays).
        public struct BookingWindow: Codable, Sendable {
            public var enabled: Bool = false
            public var daysBefore: Int = 7
            public var minAge: Int = 3
            public var maxAge: Int = 11
            enum CodingKeys: String, CodingKey { case enabled; case daysBefore = "days_before", minAge = "min_age", maxAge = "max_age" }
            public init() {}
            public init(from decoder: Decoder) throws {
                let c = try decoder.container(keyedBy: CodingKeys.self)
                enabled = try c.get(.enabled, enabled); daysBefore = try c.get(.daysBefore, daysBefore)
                minAge = try c.get(.minAge, minAge); maxAge = try c.get(.maxAge, maxAge)
                guard (0...60).contains(daysBefore) else {
                    throw DecodingError.dataCorruptedError(forKey: .daysBefore, in: c, debugDescription: "reminders.booking_window.days_before : 0 à 60 jours")
                }
                guard minAge >= 0, minAge <= maxAge else {
                    throw DecodingError.dataCorruptedError(forKey: .maxAge, in: c, debugDescription: "reminders.booking_window : min_age ≤ max_age")
                }
            }
        }

        /// Paris hour from which `run` sends the day's reminders.
        public var hour: Int = 8
        public var missingCertificate = Kind(daysBefore: 1)
        public var unpaidInvoice = Kind(daysBefore: 5)
        public var bookingWindow = BookingWindow()

        enum CodingKeys: String, CodingKey {
            case hour
            case missingCertificate = "missing_certificate", unpaidInvoice = "unpaid_invoice", bookingWindow = "booking_window"
        }
        public init() {}
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            hour = try c.get(.hour, hour)
            guard (0...23).contains(hour) else {
                throw DecodingError.dataCorruptedError(forKey: .hour, in: c, debugDescription: "reminders.hour : 0 à 23")
            }
            if c.contains(.missingCertificate) {
                missingCertificate = try Kind(from: try c.superDecoder(forKey: .missingCertificate), fallback: missingCertificate)
            }
            if c.contains(.unpaidInvoice) {
                unpaidInvoice = try Kind(from: try c.superDecoder(forKey: .unpaidInvoice), fallback: unpaidInvoice)
            }
            bookingWindow = try c.get(.bookingWindow, bookingWindow)
        }

        public var anyEnabled: Bool { missingCertificate.enabled || unpaidInvoice.enabled || bookingWindow.enabled }
    }
}
