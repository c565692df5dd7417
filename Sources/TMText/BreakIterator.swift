import CICU

/// ICU's rule-based boundaries (sentence or word) over a text, as UTF-16 offsets.
/// Used by `SentenceSegmenter`, which adds tmkit's own exception pass on top.
public enum BreakIterator {
    public enum Kind: Sendable { case sentence, word }

    /// Boundary offsets in UTF-16 units (excluding 0, including the end), with ICU's rule status for each.
    /// `locale` is an ICU locale id, e.g. `en@ss=standard`.
    public static func boundaries(_ kind: Kind, in text: String, locale: String) throws -> [(offset: Int, status: Int32)] {
        try boundaries(kind, units: text.utf16Units, locale: locale)
    }

    /// Boundary offsets over UTF-16 code units already at hand.
    static func boundaries(_ kind: Kind, units: [UInt16], locale: String) throws -> [(offset: Int, status: Int32)] {
        if units.isEmpty { return [] }
        var err: Int32 = 0
        let type = Int32(kind == .sentence ? TM_BREAK_SENTENCE : TM_BREAK_WORD)
        guard let handle = tm_break_open(type, locale, units, Int32(units.count), &err), ICUError.isSuccess(err) else {
            throw ICUError(code: err, operation: "open \(kind) break iterator for \(locale)")
        }
        defer { tm_break_close(handle) }
        var result: [(offset: Int, status: Int32)] = []
        while true {
            let next = tm_break_next(handle)
            if next < 0 { break }
            result.append((Int(next), tm_break_rule_status(handle)))
        }
        return result
    }
}
