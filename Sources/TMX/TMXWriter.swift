import Foundation
import TMCore

/// Writes TMX 1.4b, one unit at a time, deterministically: the same units give the same bytes (dates come from
/// the units, never from the clock; attributes and elements in a fixed order).
///
///     let writer = try TMXWriter(path: "out.tmx", sourceLanguage: .en)
///     try writer.write(unit)
///     try writer.finish()          // the file appears only now (written beside it, then renamed)
///
/// Segment markup (text and inline codes) is written back byte for byte; notes and props are kept; tmkit's
/// provenance travels as `<prop type="x-tmkit-origin|file|tool|score|status">`, which `TMXReader` restores.
/// Attributes TMX 1.4b does not declare are left out so the file validates against `tmx14.dtd`.
public final class TMXWriter {
    /// The header's `creationtool`.
    public static let creationTool = "tmkit"

    public let path: String
    /// Units written so far.
    public private(set) var count = 0
    private let temporaryPath: String
    private let output: FileHandle
    private var buffer: [UInt8] = []
    private var finished = false

    /// Creates the file (beside `path` until `finish()`) and writes the header.
    /// - Parameters:
    ///   - sourceLanguage: the header's `srclang`; nil writes `*all*`.
    ///   - toolVersion: the header's `creationtoolversion`.
    public init(path: String, sourceLanguage: LanguageTag?, toolVersion: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        temporaryPath = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial").path
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: temporaryPath, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporaryPath) else {
            throw TMXError("cannot create the file", at: SourceLocation(file: path))
        }
        output = handle
        append(TMXWriter.prologue(sourceLanguage: sourceLanguage, toolVersion: toolVersion))
    }

    deinit {
        if !finished {
            try? output.close()
            try? FileManager.default.removeItem(atPath: temporaryPath)
        }
    }

    /// Appends one unit.
    /// - Complexity: O(size of the unit).
    public func write(_ unit: TranslationUnit) throws {
        append(TMXWriter.render(unit))
        count += 1
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Closes the body and the file, and moves it to `path`.
    public func finish() throws {
        append(TMXWriter.epilogue)
        try flush()
        do {
            try output.close()
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: temporaryPath, toPath: path)
        } catch {
            throw TMXError("cannot write the file: \(error.localizedDescription)", at: SourceLocation(file: path))
        }
        finished = true
    }

    private func append(_ text: String) { buffer.append(contentsOf: text.utf8) }

    private func flush() throws {
        do {
            try output.write(contentsOf: buffer)
        } catch {
            throw TMXError("cannot write the file: \(error.localizedDescription)", at: SourceLocation(file: path))
        }
        buffer.removeAll(keepingCapacity: true)
    }

    // MARK: - Rendering (pure functions)

    /// The XML declaration, `<tmx>`, the header and `<body>`.
    public static func prologue(sourceLanguage: LanguageTag?, toolVersion: String) -> String {
        let header: [(String, String)] = [
            ("creationtool", creationTool), ("creationtoolversion", toolVersion), ("segtype", "sentence"),
            ("o-tmf", creationTool), ("adminlang", "en"), ("srclang", sourceLanguage?.code ?? "*all*"),
            ("datatype", "plaintext"),
        ]
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n  <header"
            + header.map { " \($0.0)=\"\(XMLEscaping.escapeAttribute($0.1))\"" }.joined() + "/>\n  <body>\n"
    }

    /// Closes `<body>` and `<tmx>`.
    public static let epilogue = "  </body>\n</tmx>\n"

    /// One `<tu>` element, indented for the body.
    public static func render(_ unit: TranslationUnit) -> String {
        var out = "    <tu"
        if let id = unit.id { attribute("tuid", id, to: &out) }
        stamps(unit.provenance.created, unit.provenance.changed, attributes: unit.attributes, to: &out)
        for a in unit.attributes where TMXVocabulary.unitAttributes.contains(a.name) { attribute(a.name, a.value, to: &out) }
        out += ">\n"
        for note in unit.notes { render(note, indent: "      ", to: &out) }
        for property in TMXProvenance.properties(of: unit.provenance) + unit.properties {
            render(property, indent: "      ", to: &out)
        }
        for variant in unit.variants {
            out += "      <tuv"
            attribute("xml:lang", variant.language.code, to: &out)
            stamps(variant.created, variant.changed, attributes: variant.attributes, to: &out)
            for a in variant.attributes where TMXVocabulary.variantAttributes.contains(a.name) { attribute(a.name, a.value, to: &out) }
            out += ">\n"
            for note in variant.notes { render(note, indent: "        ", to: &out) }
            for property in variant.properties { render(property, indent: "        ", to: &out) }
            out += "        <seg>" + variant.segment.markup + "</seg>\n      </tuv>\n"
        }
        out += "    </tu>\n"
        return out
    }

    private static func attribute(_ name: String, _ value: String, to out: inout String) {
        out += " " + name + "=\"" + XMLEscaping.escapeAttribute(value) + "\""
    }

    /// Dates and ids; a date that could not be parsed on import is still in `attributes` and written from there.
    private static func stamps(_ created: Stamp?, _ changed: Stamp?, attributes: [Attribute], to out: inout String) {
        if let date = created?.date { attribute("creationdate", TMXDate.format(date), to: &out) }
        else if let raw = attributes.first(where: { $0.name == "creationdate" }) { attribute(raw.name, raw.value, to: &out) }
        if let user = created?.user { attribute("creationid", user, to: &out) }
        if let date = changed?.date { attribute("changedate", TMXDate.format(date), to: &out) }
        else if let raw = attributes.first(where: { $0.name == "changedate" }) { attribute(raw.name, raw.value, to: &out) }
        if let user = changed?.user { attribute("changeid", user, to: &out) }
    }

    private static func render(_ note: Note, indent: String, to out: inout String) {
        out += indent + "<note"
        if let language = note.language { attribute("xml:lang", language, to: &out) }
        if let encoding = note.encoding { attribute("o-encoding", encoding, to: &out) }
        out += ">" + XMLEscaping.escapeText(note.text) + "</note>\n"
    }

    private static func render(_ property: Property, indent: String, to out: inout String) {
        out += indent + "<prop"
        attribute("type", property.type, to: &out)
        if let language = property.language { attribute("xml:lang", language, to: &out) }
        if let encoding = property.encoding { attribute("o-encoding", encoding, to: &out) }
        out += ">" + XMLEscaping.escapeText(property.value) + "</prop>\n"
    }
}
