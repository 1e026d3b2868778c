/// "Merci !", "Bien reçu, bonne journée", "OK merci 👍": a mail that only thanks or acknowledges asks nothing, so it
/// gets no reply (a help page sent back to every thank-you would be noise, and would invite another thank-you).
public enum Acknowledgement {
    private static let polite = Pattern(
        #"\b(merci(s)?( beaucoup| bien| infiniment| encore| a vous| pour (votre|ta|cette) (reponse|retour|confirmation|message|aide|rapidite|reactivite))*|bien recu|c'est (bien )?note|c'est parfait|parfait|super|top|genial|tres bien|d'accord|ok|okay|entendu|bonne (journee|soiree|fin de journee|semaine|fin de semaine|continuation)|cordialement|bien cordialement|bien a vous|salutations|sinceres salutations|a bientot|bonjour|bonsoir|madame|monsieur|mesdames|messieurs|thanks?( you)?( very much| so much)?|thank you|many thanks|noted|great|perfect|cheers|best regards|regards|kind regards|hello|hi)\b"#)

    /// The words that thank or acknowledge (a greeting alone is not a thank-you).
    private static let thanks = Pattern(
        #"\b(merci|bien recu|c'est (bien )?note|parfait|super|top|genial|tres bien|d'accord|ok|okay|entendu|thanks?|thank you|noted|great|perfect|cheers)\b"#)

    /// True when nothing but thanks, greetings and the sender's or a child's name is left.
    public static func isOnlyThanks(_ text: String, names: [String] = []) -> Bool {
        let folded = TextFolding.fold(text)
        // A question is never a thank-you ("Merci, et pouvez-vous m'aider ?").
        guard thanks.matches(folded), folded.count <= 400, !folded.contains("?") else { return false }
        let rest = polite.replacing(in: folded, with: " ")
        let nameKeys = Set(names.flatMap { TextFolding.fold($0).split(separator: " ").map(String.init) })
        let words = rest.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        if words.contains(where: { $0.contains(where: \.isNumber) }) { return false }
        // A signature ("Nathalie Dubois") may remain; a child's name, or anything longer, is more than thanks.
        let leftover = words.filter { !["a", "et", "pour", "de", "la", "le", "vous", "votre", "you", "for", "and", "the", "your"].contains($0) }
        return leftover.count <= 3 && !leftover.contains(where: nameKeys.contains)
    }
}
