import Foundation

/// Where the glossary checks and suggestions read translation pairs from: a TMX file, a tab-separated pairs
/// file, or a translation memory — one rule for every command that takes pairs. Files and memories are read as a
/// stream, unit by unit, so a check of a memory of millions of units holds one unit (or one page) at a time.
public enum PairSource: Sendable {
    /// A TMX file (plain, `.gz` or `.zip`).
    case tmx(path: String)
    /// A memory (a SQLite file or a postgres:// URL); only units with a variant in each of `languages`.
    case memory(location: String, languages: [LanguageTag])
    /// Units already in memory (a pairs file, standard input).
    case units([TranslationUnit])

    /// True when `path` names a TMX file (plain, `.gz` or `.zip`).
    public static func isTMX(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".tmx") || lower.hasSuffix(".tmx.gz") || lower.hasSuffix(".tmx.zip") || lower.hasSuffix(".zip")
    }

    /// Calls `body` with every unit, in file or memory order; each call reads the source again, so a workflow
    /// that needs two passes makes two calls. A memory unit without an id is labelled `#` and its row id. A file
    /// that is not well-formed TMX is an error naming it.
    public func forEachUnit(_ body: (TranslationUnit) throws -> Void) throws {
        switch self {
        case .tmx(let path):
            let reader = try TMXReader(path: path)
            while let unit = try reader.next() { try body(unit) }
        case .memory(let location, let languages):
            let store = try MemoryWorkflows.openStore(location, mustExist: true)
            try store.forEachUnit(matching: UnitFilter(languages: languages)) { stored in
                var unit = stored.unit
                if unit.id == nil { unit.id = "#\(stored.id)" }
                try body(unit)
            }
        case .units(let units):
            for unit in units { try body(unit) }
        }
    }
}
