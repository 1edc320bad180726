/// "Did you mean …?" for keys, policy names and, later, people and sessions.
public enum Suggestion {
    /// The candidate closest to `word`, when it is close enough to be a plausible typo: the same word
    /// in another case, or within an edit distance of about a third of its length (at least 2).
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let lowered = word.lowercased()
        if let sameLetters = candidates.first(where: { $0.lowercased() == lowered }) { return sameLetters }
        let limit = max(2, word.count / 3)
        let scored = candidates.map { ($0, distance(lowered, $0.lowercased())) }.filter { $0.1 <= limit }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// Up to five candidates closest to `word`, for "did you mean" hints that may name several: those at
    /// the smallest edit distance (when it is small enough to be a typo), else those sharing its
    /// beginning; sorted.
    public static func closeMatches(_ word: String, _ candidates: [String]) -> [String] {
        let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }
        let limit = max(2, word.count / 3)
        if let best = scored.map(\.1).min(), best <= limit {
            return Array(scored.filter { $0.1 == best }.map(\.0).sorted().prefix(5))
        }
        return Array(candidates.filter { $0.hasPrefix(word) || word.hasPrefix($0) }.sorted().prefix(5))
    }

    /// Levenshtein distance over characters.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
