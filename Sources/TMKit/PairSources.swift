import Foundation

/// Where the glossary checks and suggestions read translation pairs from: a TMX file, a tab-separated pairs
/// file, or a translation memory — one rule for every command that takes pairs.
public enum PairSources {
    /// True when `path` names a TMX file (plain, `.gz` or `.zip`).
    public static func isTMX(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".tmx") || lower.hasSuffix(".tmx.gz") || lower.hasSuffix(".tmx.zip") || lower.hasSuffix(".zip")
    }

    /// The units of a TMX file, in file order; a file that is not well-formed TMX is an error naming it.
    public static func units(tmx path: String) throws -> [TranslationUnit] {
        let reader = try TMXReader(path: path)
        var units: [TranslationUnit] = []
        while let unit = try reader.next() { units.append(unit) }
        return units
    }

    /// The units of a memory (a SQLite file or a postgres:// URL) with a variant in each of `languages`.
    public static func units(memory location: String, languages: [LanguageTag]) throws -> [TranslationUnit] {
        let store = try MemoryWorkflows.openStore(location)
        var units: [TranslationUnit] = []
        try store.forEachUnit(matching: UnitFilter(languages: languages)) { stored in
            var unit = stored.unit
            if unit.id == nil { unit.id = "#\(stored.id)" }
            units.append(unit)
        }
        return units
    }
}
