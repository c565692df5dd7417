import Testing
import TMCore
import TestSupport
@testable import TMText

/// The steps a scheme is compiled into (`CompiledScheme`): the trailing block of one-unit rules as a table, and
/// leftover Cyrillic only when some is left, give what the rules in one ICU transliterator give.
@Suite struct CompiledSchemeTests {
    @Test func trailingBlockOfOneUnitRulesBecomesATable() throws {
        let rules = "# header\n$U = [:Lu:];\n::Russian-Latin/BGN;\nʹ > ’ ;\nʺ > ” ; # the hard sign\nў > w ; Ў > W ;\n\\' > \\` ;\n"
        let split = try #require(UnitMap.splittingTrailingBlock(of: rules))
        #expect(split.before == "# header\n$U = [:Lu:];\n::Russian-Latin/BGN;")
        var units = "ʹaʺ ўЎ 'x’".utf16Units
        split.map.apply(to: &units)
        #expect(String(utf16Units: units) == "’a” wW `x’")
        // No `::` line: the whole file is the block, and ICU has nothing left to do.
        let whole = try #require(UnitMap.splittingTrailingBlock(of: "а > a ;\nб > b ;"))
        #expect(!UnitMap.hasStatements(whole.before))
    }

    @Test func definitionsNoRuleUsesAreDropped() {
        #expect(UnitMap.droppingUnusedDefinitionBlocks("# h\n$U = [:Lu:];\n::Russian-Latin/BGN;") == "\n\n::Russian-Latin/BGN;")
        let used = "$U = [:Lu:];\n::Belarusian-Latin/BGN;\n$U { Щ > SHCH ;"
        #expect(UnitMap.droppingUnusedDefinitionBlocks(used) == used)
        let withRule = "$U = [:Lu:];\nа > a ;\n::Any-Null;"
        #expect(UnitMap.droppingUnusedDefinitionBlocks(withRule) == withRule)
        #expect(UnitMap.droppingUnusedDefinitionBlocks("$U = x;\n::Null;\n$Up = y;\n$Up > z ;") == "\n::Null;\n$Up = y;\n$Up > z ;")
    }

    @Test func anyOtherRuleInTheLastBlockKeepsItInICU() {
        let notSplit = [
            "::Russian-Latin/BGN;\nч > ch ;\nʹ > ’ ;",          // more than one unit: its output is not matched again
            "::Russian-Latin/BGN;\nʹ } a > ’ ;\nʺ > ” ;",        // context
            "::Russian-Latin/BGN;\n$s = ’ ;\nʹ > $s ;",          // variable
            "::Russian-Latin/BGN;\n[ʹʺ] > ’ ;",                  // set
            "::Russian-Latin/BGN;\nʹ <> ’ ;",                    // both ways
            "::Russian-Latin/BGN;\n'ʹ' > ’ ;",                   // quote
            "::Russian-Latin/BGN;\nʹ > | ’ ;",                   // cursor
            "::Russian-Latin/BGN;\nʹ > ’ ;\nʹ > ” ;",            // one unit twice (ICU rejects it)
            "::[а-я];\n::Russian-Latin/BGN;\nʹ > ’ ;",           // global filter
            "::Russian-Latin/BGN;\nʹ > ’ ;\n𝐀 > a ;",            // outside the BMP: two units
            "::Russian-Latin/BGN;",                              // no block
        ]
        for rules in notSplit { #expect(UnitMap.splittingTrailingBlock(of: rules) == nil, "\(rules)") }
    }

    /// Every scheme, as published and folded to ASCII, on random text with the signs, the other alphabet's letters
    /// and Cyrillic no scheme covers (left for Any-Latin): the same as all steps in one ICU transliterator.
    @Test func stepsGiveWhatOneTransliteratorGives() throws {
        var generator = SeededGenerator(seed: 1947)
        let extra = ["ʹ", "ʺ", "’", "ў", "Ў", "і", "І", "ґ", "ї", "Ѣ", "ꙋ", "ᲀ", "x", "Ё"]
        var texts: [String] = []
        for _ in 0..<60 {
            var text = TransliterationPropertyTests.randomText(&generator, caps: Bool.random(using: &generator))
            for _ in 0..<3 { text += " " + (extra.randomElement(using: &generator) ?? "") + "a" }
            texts.append(text)
        }
        texts.append("Latin only, no Cyrillic left")
        var splitSchemes = 0
        for (scheme, language) in TransliterationPropertyTests.pairs {
            let found = try TransliterationScheme.named(scheme)
            let file = try Transliteration.ruleFile(found, language: language)
            if UnitMap.splittingTrailingBlock(of: file) != nil { splitSchemes += 1 }
            for ascii in [false, true] {
                let steps = try Transliteration.transliterator(found, language: language, ascii: ascii)
                let whole = try ICUTransliterator(name: "whole-\(scheme)-\(language)-\(ascii)",
                                                  rules: Transliteration.compound(rules: file, ascii: ascii, nfc: false))
                for text in texts {
                    #expect(steps.transliterate(text) == whole.transliterate(text), "\(scheme).\(language) ascii \(ascii): \(text)")
                }
            }
        }
        #expect(splitSchemes >= 1) // bgn-pcgn ru at least
    }

    @Test func cyrillicScanFindsEveryCyrillicCharacter() {
        var missed: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), Script.of(scalar) == .cyrillic else { continue }
            if !CompiledScheme.mayContainCyrillic(String(scalar).utf16Units) { missed.append(String(value, radix: 16)) }
        }
        #expect(missed.isEmpty, "missed: \(missed.prefix(20))")
        #expect(!CompiledScheme.mayContainCyrillic("Shchuka, Mahilioŭ ’” — 𝐀 ✓".utf16Units))
        #expect(CompiledScheme.mayContainCyrillic("Minsk ꙋ".utf16Units))
    }
}
