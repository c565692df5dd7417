/// Measures a segmenter against text already split into units: the units of each document are joined with
/// spaces and split again; a unit boundary is *found* when a sentence ends exactly there, and a sentence end
/// inside a unit is an *extra split* (right when the unit holds two sentences, wrong otherwise).
public struct SegmentationEvaluation: Sendable {
    /// A sentence end that fell inside a unit.
    public struct ExtraSplit: Sendable, Hashable {
        /// The document's label and the unit's index in it.
        public var document: String
        public var unit: Int
        /// The unit's text split at the extra sentence end(s).
        public var pieces: [String]
    }

    /// A unit boundary that was not found.
    public struct Miss: Sendable, Hashable {
        public var document: String
        public var unit: Int
        /// The end of the unit before the boundary and the start of the one after it.
        public var before: String
        public var after: String
        /// Whether the unit before ends in sentence punctuation (. ! ? … with closing quotes or brackets):
        /// a boundary after a headline with no punctuation cannot be found in running text.
        public var punctuated: Bool
    }

    /// Unit boundaries inside documents (between two units of the same document).
    public private(set) var boundaries = 0
    /// Of those, the ones after a unit that ends in sentence punctuation.
    public private(set) var punctuatedBoundaries = 0
    public private(set) var found = 0
    public private(set) var foundPunctuated = 0
    public private(set) var misses: [Miss] = []
    public private(set) var extraSplits: [ExtraSplit] = []

    /// Found boundaries over all boundaries.
    public var recall: Double { boundaries == 0 ? 1 : Double(found) / Double(boundaries) }
    /// Found boundaries over boundaries after punctuated units.
    public var punctuatedRecall: Double {
        punctuatedBoundaries == 0 ? 1 : Double(foundPunctuated) / Double(punctuatedBoundaries)
    }

    public init() {}

    /// Adds one document (its units, in order) to the evaluation.
    public mutating func add(document label: String, units: [String], segmenter: SentenceSegmenter) throws {
        let units = units.map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        guard !units.isEmpty else { return }
        let text = units.joined(separator: " ")
        var unitEnds: [Int] = []
        var offset = 0
        for unit in units {
            offset += unit.utf16.count
            unitEnds.append(offset)
            offset += 1
        }
        let sentenceEnds = Set(try segmenter.segment(text).map(\.range.upperBound))
        for (index, end) in unitEnds.dropLast().enumerated() {
            let punctuated = Self.endsInSentencePunctuation(units[index])
            boundaries += 1
            if punctuated { punctuatedBoundaries += 1 }
            if sentenceEnds.contains(end) {
                found += 1
                if punctuated { foundPunctuated += 1 }
            } else {
                misses.append(Miss(document: label, unit: index, before: String(units[index].suffix(40)),
                                   after: String(units[index + 1].prefix(40)), punctuated: punctuated))
            }
        }
        var start = 0
        for (index, unit) in units.enumerated() {
            let end = start + unit.utf16.count
            let inside = sentenceEnds.filter { $0 > start && $0 < end }.sorted()
            if !inside.isEmpty {
                var pieces: [String] = []
                var from = 0
                let unitUnits = Array(unit.utf16)
                for cut in inside.map({ $0 - start }) + [unitUnits.count] {
                    pieces.append(String(decoding: unitUnits[from..<cut], as: UTF16.self).trimmingSpaces())
                    from = cut
                }
                extraSplits.append(ExtraSplit(document: label, unit: index, pieces: pieces))
            }
            start = end + 1
        }
    }

    /// Ends in . ! ? … or ; possibly followed by closing quotes and brackets.
    static func endsInSentencePunctuation(_ unit: String) -> Bool {
        var scalars = unit.unicodeScalars[...]
        while let last = scalars.last, "\"'»”’)]".unicodeScalars.contains(last) { scalars = scalars.dropLast() }
        guard let last = scalars.last else { return false }
        return ".!?…".unicodeScalars.contains(last)
    }
}

extension String {
    /// The text without leading and trailing whitespace (as the segmenter defines it).
    func trimmingSpaces() -> String {
        let units = Array(utf16)
        var lower = 0, upper = units.count
        while lower < upper, isSpace(units[lower]) { lower += 1 }
        while upper > lower, isSpace(units[upper - 1]) { upper -= 1 }
        return lower == 0 && upper == units.count ? self : String(decoding: units[lower..<upper], as: UTF16.self)
    }
}
