import Foundation

/// The translation-memory jobs the CLI (and later the server) run: open a memory, import and export TMX.
public enum MemoryWorkflows {
    /// The memory used when no `--memory` is given: `$TMKIT_MEMORY`, else `Memories/default.tmdb`.
    public static func defaultMemoryLocation(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let location = environment["TMKIT_MEMORY"], !location.isEmpty { return location }
        return "Memories/default.tmdb"
    }

    /// Opens the memory at `location`: a `postgres://` or `postgresql://` URL opens a `PostgresStore`, anything
    /// else is the path of a SQLite file. The one place a concrete store is chosen.
    /// - Parameter mustExist: true for jobs that only read (search, export, stats…): a SQLite path with no file is
    ///   then an error instead of a new empty memory, so a mistyped path does not read as an empty memory. Jobs
    ///   that write create the file on first use.
    public static func openStore(_ location: String, mustExist: Bool = false) throws -> any TranslationMemoryStore {
        if PostgresStore.handles(location) { return try PostgresStore(url: location) }
        if mustExist && !FileManager.default.fileExists(atPath: location) {
            throw StoreError("no memory here (`tmkit tm import`, `tmkit tm add` and `tmkit align --store` create one)",
                             at: SourceLocation(file: location))
        }
        return try SQLiteStore(path: location)
    }

    /// What one TMX import did.
    public struct ImportReport: Sendable {
        public var file: String
        public var result: AddResult
        public var skippedUnits: Int
        /// Skipped units and ignored elements (the first 1000).
        public var issues: [TMXIssue]
        public var seconds: Double
    }

    /// Progress of a running import: units read, bytes read and the input size (0 when unknown, e.g. gzip).
    public struct ImportProgress: Sendable {
        public var units: Int
        public var bytesRead: Int64
        public var totalBytes: Int64
        public var seconds: Double
    }

    /// Imports one TMX file in one transaction: a file that is not well-formed or not TMX (or, with `strict`,
    /// has a unit that cannot be understood) stores nothing and throws a `TMXError` naming file:line:column.
    /// - Parameters:
    ///   - origin: recorded as each unit's origin when the file does not carry one.
    ///   - status: the status given to the units (TMX carries none unless tmkit wrote it).
    ///   - progress: called every 10,000 units.
    ///   - isCancelled: asked before each unit; when it answers true the import stops, stores nothing and
    ///     throws `CancellationError`.
    /// - Complexity: O(units); memory bounded by one unit.
    public static func importTMX(_ path: String, into store: any TranslationMemoryStore, strict: Bool = false,
                                 origin: String? = nil, status: UnitStatus? = nil,
                                 progress: ((ImportProgress) -> Void)? = nil,
                                 isCancelled: (() -> Bool)? = nil) throws -> ImportReport {
        let start = DispatchTime.now().uptimeNanoseconds
        let elapsed = { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        let reader = try TMXReader(path: path, strict: strict)
        let compressed = path.lowercased().hasSuffix(".gz") || path.lowercased().hasSuffix(".zip")
        let size = compressed ? 0 : ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0)
        var count = 0
        let result = try store.add {
            if let isCancelled, isCancelled() { throw CancellationError() }
            guard var unit = try reader.next() else { return nil }
            count += 1
            if let progress, count % 10_000 == 0 {
                progress(ImportProgress(units: count, bytesRead: reader.bytesRead, totalBytes: size, seconds: elapsed()))
            }
            if unit.provenance.origin == nil { unit.provenance.origin = origin }
            if let status { unit.provenance.status = status }
            return unit
        }
        return ImportReport(file: path, result: result, skippedUnits: reader.skippedUnits, issues: reader.issues, seconds: elapsed())
    }

    /// Exports the units the filter selects as TMX 1.4b (oldest first); the file appears only when complete.
    /// Returns the number of units.
    /// - Complexity: O(units), streaming.
    @discardableResult
    public static func exportTMX(from store: any TranslationMemoryStore, to path: String, filter: UnitFilter = UnitFilter()) throws -> Int {
        let writer = try TMXWriter(path: path, sourceLanguage: try exportSourceLanguage(store, filter), toolVersion: TMKitInfo.version)
        try store.forEachUnit(matching: filter) { try writer.write($0.unit) }
        try writer.finish()
        return writer.count
    }

    /// Exports the units the filter selects as TMX 1.4b, the same bytes as `exportTMX(from:to:filter:)`, handing
    /// them to `write` in chunks of about `chunkSize` bytes (the last one smaller). An error thrown by `write`
    /// stops the export and is rethrown. Returns the number of units.
    /// - Complexity: O(units), streaming; memory bounded by one chunk and one unit.
    @discardableResult
    public static func exportTMX(from store: any TranslationMemoryStore, filter: UnitFilter = UnitFilter(), chunkSize: Int = 1 << 16,
                                 write: ([UInt8]) throws -> Void) throws -> Int {
        var chunk = Array(TMXWriter.prologue(sourceLanguage: try exportSourceLanguage(store, filter), toolVersion: TMKitInfo.version).utf8)
        var count = 0
        try store.forEachUnit(matching: filter) {
            chunk.append(contentsOf: TMXWriter.render($0.unit).utf8)
            count += 1
            if chunk.count >= chunkSize {
                try write(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        chunk.append(contentsOf: TMXWriter.epilogue.utf8)
        try write(chunk)
        return count
    }

    /// The header's `srclang` of an export: `filter.languages.first` (`*all*` when none), as the exact tag stored
    /// when the memory holds one refinement of it (`en-GB` for `en`), since readers such as translate-toolkit
    /// compare `srclang` with `xml:lang` literally.
    static func exportSourceLanguage(_ store: any TranslationMemoryStore, _ filter: UnitFilter) throws -> LanguageTag? {
        guard let wanted = filter.languages.first else { return nil }
        let stored = try store.statistics().variants.keys.compactMap(LanguageTag.init).filter { $0 == wanted || $0.primary == wanted.code }
        return stored.count == 1 ? stored[0] : wanted
    }
}
