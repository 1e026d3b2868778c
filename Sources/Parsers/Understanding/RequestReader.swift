/// Reads the requests in a parent's message. Never guesses: what it is not sure of comes out `unsure`.
public enum RequestReader {
    /// - Parameters:
    ///   - input: the message's subject, new text, date and attachments.
    ///   - family: the sender's family when known (children's names, calendar); nil for an unknown sender.
    ///   - today: the processing day, used when the message has no usable Date.
    public static func read(_ input: ReadingInput, family: FamilyContext?, today: CivilDate) -> [Request] {
        // Placeholder until the French reader lands: recognise nothing.
        return [Request(intent: .unknown, confidence: .unsure)]
    }
}
