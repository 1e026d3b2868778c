import Foundation
import Parsers

/// The town's booking rules as pure functions: no store, no clock. Each day is decided on its own.
public enum BookingRules {
    public struct Deadline: Sendable, Equatable {
        public var days: Int
        public var cutoffHour: Int
        public var workingDaysOnly: Bool
        public init(days: Int, cutoffHour: Int, workingDaysOnly: Bool) {
            self.days = days; self.cutoffHour = cutoffHour; self.workingDaysOnly = workingDaysOnly
        }
    }

    /// Why one day is refused. `frenchReason` is what the parent reads.
    public enum Refusal: Sendable, Equatable {
        case past
        case today
        case closed(activity: String)
        case bookingDeadline(ParisTime)
        case cancellationDeadline(ParisTime)
        case alreadyBooked
        case slotConflict(existing: AlshSlot)
        case slotMissing
        case notBooked

        public var code: String {
            switch self {
            case .past: return "past"
            case .today: return "today"
            case .closed: return "closed"
            case .bookingDeadline: return "booking-deadline"
            case .cancellationDeadline: return "cancellation-deadline"
            case .alreadyBooked: return "already-booked"
            case .slotConflict: return "slot-conflict"
            case .slotMissing: return "slot-missing"
            case .notBooked: return "not-booked"
            }
        }

        public func frenchReason(currentYear: Int? = nil) -> String {
            func limit(_ t: ParisTime) -> String {
                "le \(FrenchFormat.shortDate(t.date, currentYear: currentYear)) à \(FrenchFormat.hour(t.hour, t.minute))"
            }
            switch self {
            case .past: return "cette date est passée"
            case .today: return "c’est aujourd’hui : il est trop tard pour modifier cette journée"
            case .closed(let activity): return "l’activité «\u{00A0}\(activity)\u{00A0}» n’a pas lieu ce jour-là"
            case .bookingDeadline(let t): return "la date limite d’inscription était \(limit(t))"
            case .cancellationDeadline(let t): return "la date limite d’annulation était \(limit(t))"
            case .alreadyBooked: return "une réservation existe déjà pour ce jour"
            case .slotConflict(let s):
                return "un autre créneau est déjà réservé ce jour-là (\(s.shortLabel)) ; un seul créneau par jour, sauf matin sans repas + après-midi sans repas"
            case .slotMissing: return "le créneau n’est pas précisé (matin, après-midi ou journée, avec ou sans repas)"
            case .notBooked: return "aucune réservation n’existe ce jour-là"
            }
        }
    }

    public enum Decision: Sendable, Equatable {
        case accept
        /// Full: the request goes on the waiting list.
        case waitingList
        case refuse(Refusal)
    }

    /// The last instant a change for `day` is accepted: `days` days (or working days, Mon–Fri) before, at the cut-off hour.
    public static func deadline(for day: CivilDate, _ rule: Deadline) -> ParisTime {
        var d = day
        if rule.workingDaysOnly {
            var n = rule.days
            while n > 0 {
                d = d.adding(days: -1)
                if d.weekday <= 5 { n -= 1 }
            }
        } else {
            d = day.adding(days: -rule.days)
        }
        return ParisTime(date: d, hour: rule.cutoffHour, minute: 0)
    }

    /// Past days and today are always refused; otherwise the deadline decides.
    static func timing(day: CivilDate, now: Date, rule: Deadline) -> (Refusal?, ParisTime) {
        let today = ParisTime(now).date
        let limit = deadline(for: day, rule)
        if day < today { return (.past, limit) }
        if day == today { return (.today, limit) }
        return (now <= limit.instant ? nil : .bookingDeadline(limit), limit)
    }

    /// Booking one child on one day of one activity.
    /// - Parameters:
    ///   - isOpen: activity_day has the day.
    ///   - slot: the requested ALSH slot (nil for other activities).
    ///   - existingSlots: the child's slots already booked or waiting that day for this activity ("" for non-ALSH).
    ///   - bookedCount: children booked that day for this activity; `capacity` the activity's places.
    public static func decideBooking(day: CivilDate, now: Date, rule: Deadline, isOpen: Bool, activityLabel: String,
                                     isALSH: Bool, slot: AlshSlot?, existingSlots: [String], bookedCount: Int,
                                     capacity: Int) -> Decision {
        let (refusal, _) = timing(day: day, now: now, rule: rule)
        if refusal == .past || refusal == .today { return .refuse(refusal!) }
        guard isOpen else { return .refuse(.closed(activity: activityLabel)) }
        if let refusal { return .refuse(refusal) }
        if isALSH {
            guard let slot else { return .refuse(.slotMissing) }
            if existingSlots.contains(slot.rawValue) { return .refuse(.alreadyBooked) }
            for other in existingSlots.compactMap(AlshSlot.init(rawValue:)) where !slot.isCompatible(with: other) {
                return .refuse(.slotConflict(existing: other))
            }
            // A second compatible half-day does not take a second place.
            if !existingSlots.isEmpty { return .accept }
        } else if !existingSlots.isEmpty {
            return .refuse(.alreadyBooked)
        }
        return bookedCount >= capacity ? .waitingList : .accept
    }

    /// Cancelling (or changing the slot of) an existing booking: same deadline as booking.
    public static func decideCancellation(day: CivilDate, now: Date, rule: Deadline, hasBooking: Bool) -> Decision {
        let (refusal, limit) = timing(day: day, now: now, rule: rule)
        if refusal == .past || refusal == .today { return .refuse(refusal!) }
        guard hasBooking else { return .refuse(.notBooked) }
        if refusal != nil { return .refuse(.cancellationDeadline(limit)) }
        return .accept
    }

    /// One ALSH slot per day, except the morning and the afternoon without meal together.
    public static func slotsCompatible(_ slots: [AlshSlot]) -> Bool {
        for (i, a) in slots.enumerated() {
            for b in slots[(i + 1)...] where a == b || !a.isCompatible(with: b) { return false }
        }
        return true
    }
}

extension AlshSlot {
    /// "matin avec repas" without the hours.
    public var shortLabel: String {
        String(frenchLabel.prefix { $0 != "(" }).trimmedWhitespace
    }

    /// "matin avec repas, 7h15–13h30, arrivée jusqu’à 9h": the guide's hours, without nested parentheses.
    public var recapLabel: String {
        frenchLabel.replacingOccurrences(of: " (", with: ", ").replacingOccurrences(of: ")", with: "")
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
