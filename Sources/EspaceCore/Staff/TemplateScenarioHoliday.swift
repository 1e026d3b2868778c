import GRDB
import Parsers

extension TemplateScenario {
    /// Adds the spring holiday leisure centre (open weekdays 12–23 April 2027) to a scenario town's calendar, so
    /// that booking-window reminders have a period to announce. Does nothing if it is already there.
    public static func addSpringHoliday(_ db: Database) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO activity(id, name, kind, booking_deadline_days, capacity) VALUES ('ALSH-VAC', 'Accueil de loisirs – vacances de printemps', 'alsh-vacances', 7, 80)")
        var d = CivilDate(iso: "2027-04-12")!
        while d <= CivilDate(iso: "2027-04-23")! {
            if d.weekday <= 5 { try db.execute(sql: "INSERT OR IGNORE INTO activity_day(activity_id, date) VALUES ('ALSH-VAC', ?)", arguments: [d.iso]) }
            d = d.adding(days: 1)
        }
    }
}
