extension Reading {
    /// "Pour la semaine prochaine :" then "- mardi : …", "- jeudi : Hugo absent": the bare weekdays of the lines after a
    /// heading that names a week are that week's days (alone, "jeudi" written on a Monday is this week's). A heading is
    /// a sentence ending with a colon whose only words of substance are the week; the week holds until the next one.
    /// A heading whose week went to the lines below keeps no days of its own (it asks nothing by itself).
    static func withAnnouncedWeek(_ clauses: [Clause]) -> [Clause] {
        var heading: (index: Int, week: [CivilDate], used: Bool)?
        var out = clauses
        func close() { if let h = heading, h.used { out[h.index].dates = [] } }
        for i in out.indices {
            let c = out[i]
            if c.original.trimmedWhitespace.hasSuffix(":"), c.dates.count == 1, c.dates[0].weekQualifier,
               c.cues.actions.isEmpty, c.cues.other.isEmpty, c.children.names.isEmpty, !c.namesActivity {
                close()
                heading = (i, c.dates[0].days, false)
                continue
            }
            guard let week = heading?.week else { continue }
            for k in out[i].dates.indices {
                let m = out[i].dates[k]
                guard !m.bareWeekdays.isEmpty, m.weekdaySet.isEmpty, !m.inNamedWeek else { continue }
                out[i].dates[k].days = week.filter { m.bareWeekdays.contains($0.weekday) }
                out[i].dates[k].inNamedWeek = true
                out[i].dates[k].doubts.removeAll { if case .nextAmbiguous = $0 { return true } else { return false } }
                heading?.used = true
            }
        }
        close()
        return out
    }
}
