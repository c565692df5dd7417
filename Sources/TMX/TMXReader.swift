import CXML
import Foundation
import TMCore

/// The `<header>` of a TMX file.
public struct TMXHeader: Hashable, Sendable {
    /// The `version` attribute of `<tmx>` (`1.1` … `1.4`).
    public var version: String
    /// The source language; nil for `*all*` or when missing.
    public var sourceLanguage: LanguageTag?
    /// `creationtool` and `creationtoolversion` joined by a space (`OmegaT 4.3.2`).
    public var tool: String?
    /// Every attribute of `<header>`, verbatim and in document order.
    public var attributes: [Attribute]
}

/// Streams the units of a TMX file (1.1 to 1.4b): memory stays bounded by one unit, however large the file.
///
/// Reads plain, gzip-compressed (`.tmx.gz`) and zipped (`.tmx.zip`, first `.tmx` entry, through Debian's
/// `unzip -p`) files in UTF-8 or UTF-16 with a BOM. Never touches the network, never loads a DTD, never
/// substitutes entities, and refuses documents that declare entities.
///
///     let reader = try TMXReader(path: "memory.tmx")
///     while let unit = try reader.next() { … }
///     for issue in reader.issues { … }   // units skipped, elements ignored
///
/// A unit that cannot be understood (no variants, a variant without a language or `<seg>`) is skipped and
/// reported in `issues` with its line and `tuid`; with `strict` it throws instead.
/// Provenance comes from the file: `file` is its name, `tool` the header's `creationtool`, dates from the `tu`;
/// `x-tmkit-*` props written by `TMXWriter` restore tmkit's own provenance (origin, file, tool, score, status).
public final class TMXReader {
    /// The path as given, used in messages.
    public let path: String
    public private(set) var header: TMXHeader
    /// What was skipped or ignored, in document order (the first 1000; `issueCount` counts all).
    public private(set) var issues: [TMXIssue] = []
    public private(set) var issueCount = 0
    /// Units skipped because they could not be understood.
    public private(set) var skippedUnits = 0
    public let strict: Bool

    private let handle: OpaquePointer
    private let unzip: Process?
    private var pending = false
    private var finished = false
    private var ignoredNames: Set<String> = []

    /// Opens `path` and reads up to the first unit.
    /// - Throws: `TMXError` when the file cannot be opened, is not well-formed XML, or is not TMX.
    public init(path: String, strict: Bool = false) throws {
        self.path = path
        self.strict = strict
        if path.lowercased().hasSuffix(".zip") {
            let (process, pipe) = try TMXReader.startUnzip(path)
            guard let reader = cxml_open_fd(pipe.fileHandleForReading.fileDescriptor, path) else {
                process.terminate()
                throw TMXError("cannot read the zip archive", at: SourceLocation(file: path))
            }
            handle = reader
            unzip = process
            unzipPipe = pipe
        } else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw TMXError("is a folder, not a TMX file", at: SourceLocation(file: path))
            }
            guard FileManager.default.isReadableFile(atPath: path), let reader = cxml_open_file(path) else {
                throw TMXError("cannot read the file (missing or not readable)", at: SourceLocation(file: path))
            }
            if (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) == 0 {
                cxml_close(reader)
                throw TMXError("not a TMX file: the file is empty", at: SourceLocation(file: path))
            }
            handle = reader
            unzip = nil
            unzipPipe = nil
        }
        header = TMXHeader(version: "", sourceLanguage: nil, tool: nil, attributes: [])
        try readPrologue()
    }

    private let unzipPipe: Pipe?

    deinit {
        cxml_close(handle)
        if let unzip, unzip.isRunning { unzip.terminate() }
    }

    /// Bytes of the (uncompressed) input read so far, for progress reports.
    public var bytesRead: Int64 { cxml_bytes_consumed(handle) }

    /// The next unit, or nil at the end of the body.
    /// - Throws: `TMXError` on malformed XML, or on a unit that cannot be understood when `strict`.
    /// - Complexity: O(size of the unit).
    public func next() throws -> TranslationUnit? {
        while !finished, try step() {
            let type = cxml_node_type(handle)
            let depth = cxml_depth(handle)
            if type == Int32(CXML_END_ELEMENT) && depth <= 1 {
                finished = true
                break
            }
            guard type == Int32(CXML_ELEMENT), depth == 2 else { continue }
            if localName == "tu" {
                if let unit = try readUnit() { return unit }
            } else {
                ignore("element <\(localName)> in <body>")
                try skip()
            }
        }
        finished = true
        try checkUnzip()
        return nil
    }

    // MARK: - Structure

    private func readPrologue() throws {
        // The root element.
        while try step() {
            if cxml_node_type(handle) == Int32(CXML_ELEMENT) { break }
        }
        guard cxml_node_type(handle) == Int32(CXML_ELEMENT) else {
            try checkUnzip()
            throw TMXError("not a TMX file: no root element", at: here())
        }
        guard localName == "tmx" else {
            throw TMXError("not a TMX file: the root element is <\(qualifiedName)>, not <tmx>", at: here())
        }
        header.version = attributes().first { $0.name == "version" }?.value ?? ""
        guard cxml_is_empty_element(handle) == 0 else { throw TMXError("not a TMX file: <tmx> has no <body>", at: here()) }
        while try step() {
            let type = cxml_node_type(handle)
            if type == Int32(CXML_END_ELEMENT) { break }
            guard type == Int32(CXML_ELEMENT) else { continue }
            switch localName {
            case "header":
                readHeader()
                try skip()
            case "body":
                if cxml_is_empty_element(handle) != 0 { finished = true }
                return
            default:
                ignore("element <\(localName)> in <tmx>")
                try skip()
            }
        }
        throw TMXError("not a TMX file: <tmx> has no <body>", at: here())
    }

    private func readHeader() {
        let attrs = attributes()
        header.attributes = attrs
        let value = { (name: String) in attrs.first { $0.name == name }?.value }
        if let source = value("srclang"), source != "*all*" { header.sourceLanguage = LanguageTag(source) }
        if let tool = value("creationtool"), !tool.isEmpty {
            let version = value("creationtoolversion") ?? ""
            header.tool = version.isEmpty ? tool : tool + " " + version
        }
    }

    /// Reads one `<tu>`; nil when it was skipped.
    private func readUnit() throws -> TranslationUnit? {
        let line = Int(cxml_node_line(handle))
        let attrs = attributes()
        let tuid = attrs.first { $0.name == "tuid" }?.value
        var unit = TranslationUnit(variants: [], provenance: Provenance(file: fileName, tool: header.tool))
        unit.id = tuid
        var failure: String?
        for attribute in attrs {
            switch attribute.name {
            case "tuid": break
            case "creationdate", "creationid", "changedate", "changeid":
                if !TMXReader.applyStamp(attribute, created: &unit.provenance.created, changed: &unit.provenance.changed) {
                    unit.attributes.append(attribute)
                }
            case _ where TMXVocabulary.unitAttributes.contains(attribute.name): unit.attributes.append(attribute)
            default: ignore("attribute \(attribute.name) on <tu>", line: line)
            }
        }
        try forEachChildElement {
            switch localName {
            case "tuv":
                do {
                    unit.variants.append(try readVariant())
                } catch let problem as UnitProblem {
                    failure = failure ?? problem.message
                }
            case "note": unit.notes.append(try readNote())
            case "prop": unit.properties.append(try readProperty())
            default:
                ignore("element <\(localName)> in <tu>")
                try skip()
            }
        }
        if failure == nil && unit.variants.isEmpty { failure = "the unit has no <tuv>" }
        if let failure {
            return try skipUnit(failure, line: line, tuid: tuid)
        }
        do {
            try TMXProvenance.restore(into: &unit)
        } catch let problem as UnitProblem {
            return try skipUnit(problem.message, line: line, tuid: tuid)
        }
        return unit
    }

    private func skipUnit(_ message: String, line: Int, tuid: String?) throws -> TranslationUnit? {
        let location = SourceLocation(file: path, line: line, unit: tuid)
        if strict { throw TMXError(message + " (--strict rejects the file)", at: location) }
        skippedUnits += 1
        record(TMXIssue(kind: .skippedUnit, location: location, message: message))
        return nil
    }

    private func readVariant() throws -> Variant {
        let line = Int(cxml_node_line(handle))
        var language: LanguageTag?
        var rawLanguage: String?
        var created: Stamp?, changed: Stamp?
        var kept: [Attribute] = []
        for attribute in attributes() {
            switch attribute.name {
            case "xml:lang", "lang":
                rawLanguage = attribute.value
                language = LanguageTag(attribute.value)
            case "creationdate", "creationid", "changedate", "changeid":
                if !TMXReader.applyStamp(attribute, created: &created, changed: &changed) { kept.append(attribute) }
            case _ where TMXVocabulary.variantAttributes.contains(attribute.name): kept.append(attribute)
            default: ignore("attribute \(attribute.name) on <tuv>", line: line)
            }
        }
        var segment: Segment?
        var notes: [Note] = [], properties: [Property] = []
        try forEachChildElement {
            switch localName {
            case "seg":
                if segment == nil {
                    segment = Segment(markup: try innerMarkup())
                } else {
                    ignore("a second <seg> in <tuv>")
                    try skip()
                }
            case "note": notes.append(try readNote())
            case "prop": properties.append(try readProperty())
            default:
                ignore("element <\(localName)> in <tuv>")
                try skip()
            }
        }
        guard let language else {
            throw UnitProblem(message: rawLanguage.map { "a <tuv> has an invalid language \"\($0)\" (line \(line))" }
                                 ?? "a <tuv> has no xml:lang (line \(line))")
        }
        guard let segment else { throw UnitProblem(message: "the \(language) <tuv> has no <seg> (line \(line))") }
        return Variant(language: language, segment: segment, properties: properties, notes: notes,
                       created: created, changed: changed, attributes: kept)
    }

    private func readNote() throws -> Note {
        let attrs = attributes()
        let text = try textContent()
        return Note(text, language: attrs.first { $0.name == "xml:lang" || $0.name == "lang" }?.value,
                    encoding: attrs.first { $0.name == "o-encoding" }?.value)
    }

    private func readProperty() throws -> Property {
        let attrs = attributes()
        let text = try textContent()
        return Property(type: attrs.first { $0.name == "type" }?.value ?? "",
                        value: text, language: attrs.first { $0.name == "xml:lang" || $0.name == "lang" }?.value,
                        encoding: attrs.first { $0.name == "o-encoding" }?.value)
    }

    /// The text inside the current element (entities resolved); leaves the reader on its end.
    private func textContent() throws -> String {
        guard cxml_is_empty_element(handle) == 0 else { return "" }
        let depth = cxml_depth(handle)
        var text = ""
        while try step() {
            let type = cxml_node_type(handle)
            if type == Int32(CXML_END_ELEMENT) && cxml_depth(handle) == depth { break }
            if type == Int32(CXML_TEXT) || type == Int32(CXML_CDATA) || type == Int32(CXML_WHITESPACE)
                || type == Int32(CXML_SIGNIFICANT_WHITESPACE), let value = cxml_value(handle) {
                text += String(cString: value)
            }
        }
        return text
    }

    /// Sets a creation/change stamp from a TMX attribute; false when a date cannot be parsed (kept verbatim then).
    static func applyStamp(_ attribute: Attribute, created: inout Stamp?, changed: inout Stamp?) -> Bool {
        switch attribute.name {
        case "creationdate":
            guard let date = TMXDate.parse(attribute.value) else { return false }
            created = Stamp(date: date, user: created?.user)
        case "creationid": created = Stamp(date: created?.date, user: attribute.value)
        case "changedate":
            guard let date = TMXDate.parse(attribute.value) else { return false }
            changed = Stamp(date: date, user: changed?.user)
        default: changed = Stamp(date: changed?.date, user: attribute.value)
        }
        return true
    }

    // MARK: - Reader primitives

    /// The file's name without folders or a `.gz`/`.zip` suffix, recorded as each unit's provenance file.
    private lazy var fileName: String = {
        var name = URL(fileURLWithPath: path).lastPathComponent
        for suffix in [".gz", ".zip"] where name.lowercased().hasSuffix(suffix) { name.removeLast(suffix.count) }
        return name
    }()

    private var localName: String { cxml_local_name(handle).map { String(cString: $0) } ?? "" }
    private var qualifiedName: String { cxml_name(handle).map { String(cString: $0) } ?? "" }

    private func attributes() -> [Attribute] {
        var out: [Attribute] = []
        guard cxml_first_attribute(handle) == 1 else { return out }
        repeat {
            let name = cxml_name(handle).map { String(cString: $0) } ?? ""
            if name != "xmlns" && !name.hasPrefix("xmlns:") {
                out.append(Attribute(name, cxml_value(handle).map { String(cString: $0) } ?? ""))
            }
        } while cxml_next_attribute(handle) == 1
        cxml_back_to_element(handle)
        return out
    }

    /// The markup inside the current element, serialized deterministically: text escaped as
    /// `XMLEscaping.escapeText`, attributes in document order escaped as `escapeAttribute`, empty elements as
    /// `<x/>`, CDATA as escaped text, comments kept. Leaves the reader on the element's end.
    private func innerMarkup() throws -> String {
        guard cxml_is_empty_element(handle) == 0 else { return "" }
        let depth = cxml_depth(handle)
        var out = ""
        while try step() {
            let type = cxml_node_type(handle)
            switch type {
            case Int32(CXML_END_ELEMENT):
                if cxml_depth(handle) == depth { return out }
                out += "</" + qualifiedName + ">"
            case Int32(CXML_ELEMENT):
                let empty = cxml_is_empty_element(handle) != 0
                out += "<" + qualifiedName
                if cxml_first_attribute(handle) == 1 {
                    repeat {
                        let name = cxml_name(handle).map { String(cString: $0) } ?? ""
                        let value = cxml_value(handle).map { String(cString: $0) } ?? ""
                        out += " " + name + "=\"" + XMLEscaping.escapeAttribute(value) + "\""
                    } while cxml_next_attribute(handle) == 1
                    cxml_back_to_element(handle)
                }
                out += empty ? "/>" : ">"
            case Int32(CXML_TEXT), Int32(CXML_CDATA), Int32(CXML_WHITESPACE), Int32(CXML_SIGNIFICANT_WHITESPACE):
                if let value = cxml_value(handle) { out += XMLEscaping.escapeText(String(cString: value)) }
            case Int32(CXML_COMMENT):
                if let value = cxml_value(handle) { out += "<!--" + String(cString: value) + "-->" }
            default: break
            }
        }
        return out
    }

    /// Moves to the next node (or takes the one a skip left pending); false at the end of the document.
    /// Calls `body` on each child element of the element the reader stands on (the reader at the child's start
    /// tag; `body` consumes or skips the child), until that element's end tag.
    private func forEachChildElement(_ body: () throws -> Void) throws {
        guard cxml_is_empty_element(handle) == 0 else { return }
        let depth = cxml_depth(handle)
        while try step() {
            let type = cxml_node_type(handle)
            if type == Int32(CXML_END_ELEMENT) && cxml_depth(handle) == depth { break }
            guard type == Int32(CXML_ELEMENT) else { continue }
            try body()
        }
    }

    private func step() throws -> Bool {
        if pending {
            pending = false
            return true
        }
        switch cxml_read(handle) {
        case 1: return true
        case 0: return false
        default: throw xmlError()
        }
    }

    /// Skips the current element's subtree; the node after it becomes pending.
    private func skip() throws {
        switch cxml_skip(handle) {
        case 1: pending = true
        case 0: finished = true
        default: throw xmlError()
        }
    }

    private func xmlError() -> TMXError {
        let message = cxml_error_message(handle).map { String(cString: $0) } ?? "the document is not well-formed XML"
        let line = Int(cxml_error_line(handle)), column = Int(cxml_error_column(handle))
        return TMXError("not well-formed XML: " + message,
                        at: SourceLocation(file: path, line: line > 0 ? line : nil, column: line > 0 && column > 0 ? column : nil))
    }

    private func here() -> SourceLocation {
        let line = Int(cxml_node_line(handle))
        return SourceLocation(file: path, line: line > 0 ? line : Int(cxml_line(handle)), column: nil)
    }

    private func ignore(_ what: String, line: Int? = nil) {
        guard ignoredNames.insert(what).inserted else { return }
        let location = SourceLocation(file: path, line: line ?? Int(cxml_node_line(handle)))
        record(TMXIssue(kind: .ignored, location: location, message: what + " is not TMX 1.4 (reported once per file)"))
    }

    private func record(_ issue: TMXIssue) {
        issueCount += 1
        if issues.count < 1000 { issues.append(issue) }
    }

    // MARK: - Zip archives

    private static func startUnzip(_ path: String) throws -> (Process, Pipe) {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw TMXError("cannot read the file (missing or not readable)", at: SourceLocation(file: path))
        }
        let list = try runUnzip(["-Z1", path], path: path)
        let entries = String(decoding: list, as: UTF8.self).split(separator: "\n").map(String.init)
        guard let entry = entries.first(where: { $0.lowercased().hasSuffix(".tmx") }) else {
            throw TMXError("the zip archive has no .tmx file", at: SourceLocation(file: path))
        }
        return try launchUnzip(["-p", path, entry], path: path)
    }

    /// Starts Debian's `unzip` with its standard output on a pipe.
    private static func launchUnzip(_ arguments: [String], path: String) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw TMXError("cannot run unzip (Debian package unzip): \(error.localizedDescription)", at: SourceLocation(file: path))
        }
        return (process, pipe)
    }

    private static func runUnzip(_ arguments: [String], path: String) throws -> Data {
        let (process, pipe) = try launchUnzip(arguments, path: path)
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TMXError("not a readable zip archive (unzip exit \(process.terminationStatus))", at: SourceLocation(file: path))
        }
        return data
    }

    private func checkUnzip() throws {
        guard let unzip else { return }
        unzip.waitUntilExit()
        if unzip.terminationStatus != 0 {
            throw TMXError("the zip archive could not be extracted (unzip exit \(unzip.terminationStatus))", at: SourceLocation(file: path))
        }
    }
}

/// Why a unit cannot be understood; it is skipped (or the file rejected in strict mode).
struct UnitProblem: Error { let message: String }

/// The attribute names TMX 1.4b declares, by element; others are reported and dropped so exports stay valid.
enum TMXVocabulary {
    static let unitAttributes: Set<String> = [
        "o-encoding", "datatype", "usagecount", "lastusagedate", "creationtool", "creationtoolversion", "segtype",
        "o-tmf", "srclang",
    ]
    static let variantAttributes: Set<String> = [
        "o-encoding", "datatype", "usagecount", "lastusagedate", "creationtool", "creationtoolversion", "o-tmf",
    ]
}

/// tmkit's own provenance, carried through TMX as `<prop type="x-tmkit-…">` on the unit.
enum TMXProvenance {
    static let origin = "x-tmkit-origin", file = "x-tmkit-file", tool = "x-tmkit-tool"
    static let score = "x-tmkit-score", status = "x-tmkit-status"

    /// Moves `x-tmkit-*` props of the unit into its provenance.
    static func restore(into unit: inout TranslationUnit) throws {
        guard unit.properties.contains(where: { $0.type.hasPrefix("x-tmkit-") }) else { return }
        var rest: [Property] = []
        for property in unit.properties {
            switch property.type {
            case origin: unit.provenance.origin = property.value
            case file: unit.provenance.file = property.value
            case tool: unit.provenance.tool = property.value
            case score:
                guard let value = Double(property.value), (0...1).contains(value) else {
                    throw UnitProblem(message: "x-tmkit-score \"\(property.value)\" is not a number in [0, 1]")
                }
                unit.provenance.score = value
            case status:
                guard let value = UnitStatus(rawValue: property.value) else {
                    throw UnitProblem(message: "x-tmkit-status \"\(property.value)\" is not confirmed, aligned or imported")
                }
                unit.provenance.status = value
            default: rest.append(property)
            }
        }
        unit.properties = rest
    }

    /// The props that carry `provenance` (those that differ from what a plain import would set).
    static func properties(of provenance: Provenance) -> [Property] {
        var out: [Property] = []
        if let value = provenance.origin { out.append(Property(type: origin, value: value)) }
        if let value = provenance.file { out.append(Property(type: file, value: value)) }
        if let value = provenance.tool { out.append(Property(type: tool, value: value)) }
        if let value = provenance.score { out.append(Property(type: score, value: String(value))) }
        if provenance.status != .imported { out.append(Property(type: status, value: provenance.status.rawValue)) }
        return out
    }
}
