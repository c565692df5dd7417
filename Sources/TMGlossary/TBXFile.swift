import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TMCore

/// TBX-Basic (ISO 30042) import and export. Entries (`termEntry`/`conceptEntry`) become concepts; `langSet`/`langSec`
/// and `tig`/`ntig`/`termSec` their terms; `administrativeStatus` the term status. The concept type travels as
/// `descrip type="subjectField"`, the note as `descrip type="definition"`, the source as `admin type="source"`,
/// a term's scheme and forms as `<note>scheme: …</note>` and `<note>forms: …</note>` inside its `tig`.
/// A subject field that is not a concept type is kept in the note. Parsing never fetches a DTD or entity.
public enum TBXFile {
    /// Reads TBX bytes (UTF-8 or UTF-16, BOM allowed). `file` names the input in errors.
    public static func read(_ data: Data, file: String? = nil) throws -> Glossary {
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        let delegate = TBXReader()
        parser.delegate = delegate
        guard parser.parse() else {
            let message = parser.parserError.map { "not well-formed TBX: \(($0 as NSError).localizedDescription)" } ?? "not well-formed TBX"
            throw GlossaryError(message, at: SourceLocation(file: file, line: parser.lineNumber, column: parser.columnNumber))
        }
        if let problem = delegate.problem {
            throw GlossaryError(problem.message, at: SourceLocation(file: file, line: problem.line))
        }
        var concepts = delegate.concepts
        for index in concepts.indices {
            concepts[index].leadingLines = index == 0 ? [] : [""]
            concepts[index].location = SourceLocation(file: file, line: concepts[index].location?.line)
        }
        return Glossary(concepts: concepts)
    }

    /// TBX-Basic text of a glossary (UTF-8, no DOCTYPE), deterministic.
    public static func write(_ glossary: Glossary, sourceLanguage: LanguageTag = .en) -> String {
        func esc(_ s: String) -> String { XMLEscaping.escapeAttribute(s) }
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <martif type="TBX-Basic" xml:lang="\(esc(sourceLanguage.code))">
              <martifHeader>
                <fileDesc><sourceDesc><p>tmkit glossary</p></sourceDesc></fileDesc>
                <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>
              </martifHeader>
              <text>
                <body>

            """
        for concept in glossary.concepts {
            out += "      <termEntry id=\"\(esc(concept.id))\">\n"
            out += "        <descrip type=\"subjectField\">\(concept.type.rawValue)</descrip>\n"
            if let note = concept.note { out += "        <descrip type=\"definition\">\(esc(note))</descrip>\n" }
            if let source = concept.source { out += "        <admin type=\"source\">\(esc(source))</admin>\n" }
            for language in concept.languages {
                out += "        <langSet xml:lang=\"\(esc(language.code))\">\n"
                for term in concept.terms where term.language == language {
                    out += "          <tig>\n"
                    out += "            <term>\(esc(term.text))</term>\n"
                    out += "            <termNote type=\"administrativeStatus\">\(term.status.tbxValue)</termNote>\n"
                    if let scheme = term.scheme { out += "            <note>scheme: \(esc(scheme))</note>\n" }
                    if !term.forms.isEmpty { out += "            <note>forms: \(esc(term.forms.joined(separator: ", ")))</note>\n" }
                    out += "          </tig>\n"
                }
                out += "        </langSet>\n"
            }
            out += "      </termEntry>\n"
        }
        out += "    </body>\n  </text>\n</martif>\n"
        return out
    }
}

extension TermStatus {
    /// The TBX `administrativeStatus` value.
    var tbxValue: String {
        switch self {
        case .preferred: "preferredTerm-admn-sts"
        case .admitted: "admittedTerm-admn-sts"
        case .deprecated: "deprecatedTerm-admn-sts"
        }
    }

    /// The status of a TBX `administrativeStatus` value (superseded counts as deprecated).
    init?(tbxValue: String) {
        switch tbxValue.trimmingSpaces {
        case "preferredTerm-admn-sts", "preferred": self = .preferred
        case "admittedTerm-admn-sts", "admitted": self = .admitted
        case "deprecatedTerm-admn-sts", "supersededTerm-admn-sts", "deprecated", "superseded": self = .deprecated
        default: return nil
        }
    }
}

/// SAX-style collection of TBX entries.
private final class TBXReader: NSObject, XMLParserDelegate {
    var concepts: [Concept] = []
    var problem: (message: String, line: Int)?
    private var concept: Concept?
    private var subjects: [String] = []
    private var language: LanguageTag?
    private var term: Term?
    private var text = ""
    private var elementType: String?
    private var usedIDs: Set<String> = []
    private var open: [String] = []

    func parserDidEndDocument(_ parser: XMLParser) {
        if let unclosed = open.last, problem == nil { problem = ("<\(unclosed)> is never closed", parser.lineNumber) }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if problem == nil { problem = ("not well-formed TBX: \((parseError as NSError).localizedDescription)", parser.lineNumber) }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        open.append(name)
        text = ""
        elementType = attributes["type"]
        switch name {
        case "termEntry", "conceptEntry":
            concept = Concept(id: uniqueID(attributes["id"]), location: SourceLocation(line: parser.lineNumber))
            subjects = []
        case "langSet", "langSec":
            let code = attributes["xml:lang"] ?? attributes["lang"] ?? ""
            language = LanguageTag(code)
            if language == nil, problem == nil {
                problem = ("langSet without a valid xml:lang (“\(code)”)", parser.lineNumber)
            }
        case "tig", "ntig", "termSec":
            if let language { term = Term(language: language, text: "", line: parser.lineNumber) }
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if open.last == name {
            open.removeLast()
        } else if problem == nil {
            problem = ("</\(name)> closes <\(open.last ?? "nothing")>", parser.lineNumber)
        }
        let value = text.trimmingSpaces
        switch name {
        case "term":
            term?.text = value
        case "termNote" where elementType == "administrativeStatus":
            if let status = TermStatus(tbxValue: value) { term?.status = status }
        case "note":
            if term != nil {
                if value.hasPrefix("scheme:") {
                    term?.scheme = value.dropFirst("scheme:".count).trimmingSpaces
                } else if value.hasPrefix("forms:") {
                    term?.forms = value.dropFirst("forms:".count).split(separator: ",").map { $0.trimmingSpaces }
                }
            } else if concept != nil {
                appendNote(value)
            }
        case "descrip":
            switch elementType {
            case "subjectField":
                if let type = ConceptType(rawValue: value) { concept?.type = type } else { subjects.append(value) }
            case "definition": appendNote(value)
            case "source": concept?.source = value
            default: break
            }
        case "admin" where elementType == "source":
            concept?.source = value
        case "tig", "ntig", "termSec":
            if let finished = term, !finished.text.isEmpty { concept?.terms.append(finished) }
            term = nil
        case "langSet", "langSec":
            language = nil
        case "termEntry", "conceptEntry":
            if var finished = concept {
                if !subjects.isEmpty {
                    let subject = "Subject field: " + subjects.joined(separator: "; ") + "."
                    finished.note = finished.note.map { subject + " " + $0 } ?? subject
                }
                concepts.append(finished)
            }
            concept = nil
        default:
            break
        }
        text = ""
    }

    private func appendNote(_ value: String) {
        guard !value.isEmpty else { return }
        let note = concept?.note
        concept?.note = note.map { $0 + " " + value } ?? value
    }

    /// A valid, unique concept id from a TBX id (lowercased, other characters → `-`), or `entry-N`.
    private func uniqueID(_ raw: String?) -> String {
        var base = String((raw ?? "").lowercased().unicodeScalars.map { scalar -> Character in
            (("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)) ? Character(scalar) : "-"
        })
        base = base.split(separator: "-").joined(separator: "-")
        if base.isEmpty { base = "entry-\(concepts.count + 1)" }
        var id = base, n = 2
        while usedIDs.contains(id) { id = "\(base)-\(n)"; n += 1 }
        usedIDs.insert(id)
        return id
    }
}
