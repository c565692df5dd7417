import TMCore

/// A scheme's rules compiled for `Transliteration.transliterate`, as the steps of `Transliteration.rules(...)` without
/// the NFC steps: the rules file through ICU, where a trailing block of one-character rules (`ʹ > ’ ;`) is a lookup
/// table in Swift instead of another ICU pass; ICU's Any-Latin for leftover Cyrillic, run only when some is left;
/// and the ASCII folding (with `ascii`). The result is the same as that of the rules in one ICU transliterator.
///
/// Sendable notes: the ICU transliterators are used through their own locks (`ICUTransliterator`).
struct CompiledScheme: Sendable {
    /// The rules file through ICU, without its trailing block of one-character rules; nil when that is all of it.
    let rules: ICUTransliterator?
    /// The rules file's trailing block of one-character rules, or nil when it has none.
    let trailingUnitMap: UnitMap?
    /// `::[:Cyrillic:] Any-Latin;`: letters no rule covered.
    let leftoverCyrillic: ICUTransliterator
    /// The ASCII folding, with `ascii`.
    let asciiFolding: ICUTransliterator?

    /// Runs the steps over UTF-16 text.
    /// - Complexity: O(n); the leftover-Cyrillic step costs one scan when no Cyrillic is left.
    func transliterate(units: [UInt16]) -> [UInt16] {
        var output = rules?.transliterate(units: units) ?? units
        trailingUnitMap?.apply(to: &output)
        if Self.mayContainCyrillic(output) { output = leftoverCyrillic.transliterate(units: output) }
        if let asciiFolding { output = asciiFolding.transliterate(units: output) }
        return output
    }

    /// Runs the steps over a string.
    func transliterate(_ text: String) -> String {
        if text.isEmpty { return text }
        return String(utf16Units: transliterate(units: text.utf16Units))
    }

    /// Whether the text may have a character of ICU's `[:Cyrillic:]` (Script=Cyrillic): true for every such
    /// character, and for a few others next to them (combining marks U+0485 U+0486, unassigned code points,
    /// and anything in U+1E000–U+1E3FF), for which Any-Latin's filter then leaves the text as it is.
    /// - Complexity: O(n), stopping at the first hit.
    static func mayContainCyrillic(_ units: [UInt16]) -> Bool {
        units.withUnsafeBufferPointer { buffer in
            for unit in buffer {
                // Below U+0400 (ASCII, Latin with its marks) nothing is Cyrillic: one comparison for most text.
                if unit < 0x400 { continue }
                switch unit {
                case 0x400...0x52F, 0x1C80...0x1C8F, 0x1D2B, 0x1D78, 0x2DE0...0x2DFF, 0xA640...0xA69F, 0xFE2E, 0xFE2F,
                     0xD838: // the lead surrogate of U+1E000–U+1E3FF, where Cyrillic Extended-D is
                    return true
                default: continue
                }
            }
            return false
        }
    }
}

/// A block of context-free rules from one UTF-16 unit to one (`ʹ > ’ ; ў > w ;`) as a table, applied in place.
/// In an ICU rule block each position is matched by the first rule that fits and the output is not matched again,
/// so a block of nothing but such rules maps each unit on its own.
struct UnitMap: Sendable, Equatable {
    /// The least unit that the table covers.
    let lowest: UInt16
    /// The image of each unit from `lowest` on (a unit maps to itself where no rule changes it).
    let table: [UInt16]

    /// The table of `pairs` (source unit, target unit); nil when a unit is mapped twice (ICU rejects such rules,
    /// one masking the other) or there are no pairs.
    init?(_ pairs: [(UInt16, UInt16)]) {
        guard let lowest = pairs.map(\.0).min(), let highest = pairs.map(\.0).max() else { return nil }
        var table = (lowest...highest).map { $0 }
        var seen = Set<UInt16>()
        for (source, target) in pairs {
            guard seen.insert(source).inserted else { return nil }
            table[Int(source - lowest)] = target
        }
        self.lowest = lowest
        self.table = table
    }

    /// Maps every unit of `units` in place.
    /// - Complexity: O(n).
    func apply(to units: inout [UInt16]) {
        table.withUnsafeBufferPointer { table in
            units.withUnsafeMutableBufferPointer { units in
                for index in units.indices {
                    let offset = Int(units[index] &- lowest)
                    if offset < table.count { units[index] = table[offset] }
                }
            }
        }
    }

    /// Splits ICU transform rules into the text before their trailing block of context-free one-unit rules and that
    /// block as a table. The block is the rules after the last `::` line, all of the form `x > y ;` with x and y one
    /// UTF-16 unit each (a character, or `\` and an ASCII punctuation mark), no context, variable, set, quote,
    /// cursor or filter. Nil when the last block has any other statement, when the rules have a global filter
    /// (`::[...] ;`, which would apply to the block too), or when a rule is written in a way this does not read; ICU
    /// then runs the rules as they are. Comments are dropped; the text before keeps the file's line numbers.
    static func splittingTrailingBlock(of rules: String) -> (before: String, map: UnitMap)? {
        let statements = Self.statements(of: rules)
        var pairs: [(UInt16, UInt16)] = []
        var before = rules.startIndex
        for statement in statements.reversed() {
            let text = statement.text.trimmingWhiteSpace
            if text.isEmpty { continue }
            if text.hasPrefix("::") { before = statement.end; break }
            guard let pair = Self.unitRule(text) else { return nil }
            pairs.append(pair)
        }
        // A global filter anywhere (it can only be first) restricts every rule, the block's too.
        if statements.contains(where: { statement in
            let text = statement.text.trimmingWhiteSpace
            guard text.hasPrefix("::") else { return false }
            let id = String(text.dropFirst(2)).trimmingWhiteSpace
            return id.hasPrefix("[") && id.hasSuffix("]")
        }) { return nil }
        guard let map = UnitMap(pairs.reversed()) else { return nil }
        return (String(rules[..<before]), map)
    }

    /// The rules without the variable definitions of blocks that have no rule, when no later statement uses them.
    /// ICU makes a pass over the text for every block between `::` lines that has a statement, even one that only
    /// defines variables (`$U = [:Lu:];` before `::Russian-Latin/BGN;` costs 6% of that table's work); a definition
    /// no later rule uses does nothing else. Dropped statements leave their line ends, so line numbers stay.
    static func droppingUnusedDefinitionBlocks(_ rules: String) -> String {
        let statements = Self.statements(of: rules)
        let texts = statements.map(\.text.trimmingWhiteSpace)
        var dropped = Set<Int>()
        var blockStart = 0
        for index in statements.indices.map({ $0 }) + [statements.count] {
            guard index == statements.count || texts[index].hasPrefix("::") else { continue }
            let block = (blockStart..<index).filter { !texts[$0].isEmpty }
            let names = block.compactMap { definedVariable(texts[$0]) }
            blockStart = index + 1
            guard !names.isEmpty, names.count == block.count else { continue }
            let later = texts[min(index, texts.count)...]
            let used = names.contains { name in later.contains { usesVariable($0, name) } }
            if !used { dropped.formUnion(block) }
        }
        if dropped.isEmpty { return rules }
        var result = "", start = rules.startIndex
        for (index, statement) in statements.enumerated() {
            let span = rules[start..<statement.end]
            result += dropped.contains(index) ? String(span.filter { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) : String(span)
            start = statement.end
        }
        return result
    }

    /// The name a statement `$name = …` defines, or nil when it is not a definition.
    static func definedVariable(_ statement: String) -> String? {
        guard statement.first == "$" else { return nil }
        let name = statement.dropFirst().prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        let rest = statement.dropFirst(1 + name.count).drop { $0.isWhitespace }
        guard !name.isEmpty, rest.first == "=", !rest.contains(where: { "<>→←↔".contains($0) }) else { return nil }
        return String(name)
    }

    /// Whether `statement` mentions `$name` (not as the start of a longer name).
    static func usesVariable(_ statement: String, _ name: String) -> Bool {
        var rest = Substring(statement)
        while let range = rest.range(of: "$" + name) {
            rest = rest[range.upperBound...]
            guard let next = rest.first, next.isLetter || next.isNumber || next == "_" else { return true }
        }
        return false
    }

    /// Whether `rules` has a statement (anything but white space and comments).
    static func hasStatements(_ rules: String) -> Bool {
        statements(of: rules).contains { !$0.text.trimmingWhiteSpace.isEmpty }
    }

    /// One rule statement (its text without comments) and where it ends in the rules (after its `;`).
    struct Statement {
        var text: String
        var end: String.Index
    }

    /// The rules cut at each `;` outside quotes, escapes and comments; the last statement is whatever follows
    /// the last `;`.
    static func statements(of rules: String) -> [Statement] {
        var statements: [Statement] = []
        var text = "", inQuote = false, inComment = false, escaped = false
        var index = rules.unicodeScalars.startIndex
        while index < rules.unicodeScalars.endIndex {
            let scalar = rules.unicodeScalars[index]
            index = rules.unicodeScalars.index(after: index)
            if inComment {
                if scalar == "\n" || scalar == "\r" { inComment = false; text.unicodeScalars.append(scalar) }
                continue
            }
            text.unicodeScalars.append(scalar)
            if escaped { escaped = false; continue }
            switch scalar {
            case "\\": escaped = true
            case "'": inQuote.toggle()
            case "#" where !inQuote: inComment = true; text.unicodeScalars.removeLast()
            case ";" where !inQuote:
                text.unicodeScalars.removeLast()
                statements.append(Statement(text: text, end: index))
                text = ""
            default: break
            }
        }
        statements.append(Statement(text: text, end: rules.endIndex))
        return statements
    }

    /// The units of a rule `x > y` (white space trimmed), or nil when it is anything else.
    static func unitRule(_ rule: String) -> (UInt16, UInt16)? {
        let sides = rule.split(separator: ">", maxSplits: 2, omittingEmptySubsequences: false)
        // An escaped `\>` on the left would be cut here too: the left side then ends in `\` and is rejected.
        guard sides.count == 2, let source = unit(String(sides[0]).trimmingWhiteSpace),
              let target = unit(String(sides[1]).trimmingWhiteSpace) else { return nil }
        return (source, target)
    }

    /// The one UTF-16 unit a rule side stands for: a character that is not syntax in ICU's rules, or `\` and an
    /// ASCII punctuation mark; nil for anything else.
    static func unit(_ side: String) -> UInt16? {
        let scalars = Array(side.unicodeScalars)
        if scalars.count == 2, scalars[0] == "\\", scalars[1].isASCII, scalars[1].properties.isPunctuationOrSymbol {
            return UInt16(scalars[1].value)
        }
        guard scalars.count == 1, let scalar = scalars.first, scalar.value < 0x10000,
              !(scalar.isASCII && (scalar.properties.isPunctuationOrSymbol || scalar.properties.isWhitespace)),
              !"→←↔∆".unicodeScalars.contains(scalar), !scalar.properties.isWhitespace,
              !scalar.properties.isPatternWhitespace else { return nil }
        return UInt16(scalar.value)
    }
}

extension Unicode.Scalar.Properties {
    /// ASCII punctuation and symbols, ICU's rule syntax characters among them.
    fileprivate var isPunctuationOrSymbol: Bool {
        switch generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol: return true
        default: return false
        }
    }
}

extension String {
    /// The string without leading and trailing white space (Unicode's White_Space and Pattern_White_Space).
    fileprivate var trimmingWhiteSpace: String {
        let scalars = unicodeScalars
        let isSpace = { (scalar: Unicode.Scalar) in scalar.properties.isWhitespace || scalar.properties.isPatternWhitespace }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}
