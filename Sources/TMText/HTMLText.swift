/// The article text of an HTML page, as plain text with paragraphs: a small, forgiving extractor (no DOM, no
/// network, never fails on broken markup).
///
/// Drops `head`, `script`, `style`, `nav`, `header`, `footer`, `aside`, `form` (and `noscript`, `template`,
/// `svg`, `iframe`, `button`, `select`) with their content, and comments; decodes character references;
/// collapses whitespace. Block elements (`p`, `h1`…`h6`, `li`, `div`, `blockquote`, `tr`, …) and a double `<br>`
/// end a paragraph (a blank line in the output); a single `<br>` ends a line.
///
///     HTMLText.extract("<p>Минск &mdash; столица.</p><p>Second</p>") == "Минск — столица.\n\nSecond"
public enum HTMLText {
    /// The text of `html`, paragraphs separated by blank lines.
    /// - Complexity: O(n) in the length of the page.
    public static func extract(_ html: String) -> String {
        var scanner = Scanner(Array(html.unicodeScalars))
        return scanner.run()
    }

    /// Elements whose whole content is not article text.
    static let dropped: Set<String> = ["head", "script", "style", "nav", "header", "footer", "aside", "form",
                                       "noscript", "template", "svg", "iframe", "button", "select", "object", "canvas"]
    /// Elements whose content is raw text up to the closing tag (no markup inside).
    static let rawText: Set<String> = ["script", "style", "textarea", "title", "xmp"]
    /// Elements that start and end paragraphs.
    static let blocks: Set<String> = ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
                                      "dd", "blockquote", "section", "article", "main", "table", "tr", "td", "th",
                                      "figure", "figcaption", "pre", "hr", "address", "caption", "body", "html"]
    /// Elements with no content and no closing tag.
    static let void: Set<String> = ["br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed",
                                    "source", "track", "wbr", "param"]

    private struct Scanner {
        let input: [Unicode.Scalar]
        var i = 0
        var paragraphs: [String] = []
        var paragraph = String.UnicodeScalarView()
        var pendingSpace = false
        /// Consecutive `<br>` with nothing but whitespace between.
        var breaks = 0
        /// Depth inside dropped elements.
        var dropDepth = 0

        init(_ input: [Unicode.Scalar]) { self.input = input }

        mutating func run() -> String {
            while i < input.count {
                let c = input[i]
                if c == "<", let tag = parseTag() {
                    handle(tag)
                } else if c == "&" {
                    i += 1
                    appendText(decodeReference())
                } else {
                    i += 1
                    appendText(c)
                }
            }
            endParagraph()
            return paragraphs.joined(separator: "\n\n")
        }

        mutating func appendText(_ s: Unicode.Scalar) {
            guard dropDepth == 0 else { return }
            if s.properties.isWhitespace && s != "\u{00A0}" && s != "\u{202F}" {
                pendingSpace = true
                return
            }
            if breaks > 0 {
                // One <br>: a line break; two or more: a new paragraph.
                if breaks >= 2 { endParagraph() } else if !paragraph.isEmpty { paragraph.append("\n") }
                breaks = 0
                pendingSpace = false
            }
            if pendingSpace && !paragraph.isEmpty && paragraph.last != "\n" { paragraph.append(" ") }
            pendingSpace = false
            paragraph.append(s)
        }

        mutating func endParagraph() {
            if !paragraph.isEmpty { paragraphs.append(String(paragraph)) }
            paragraph = String.UnicodeScalarView()
            pendingSpace = false
            breaks = 0
        }

        mutating func handle(_ tag: Tag) {
            if HTMLText.dropped.contains(tag.name) {
                if tag.closing { dropDepth = max(0, dropDepth - 1) } else if !tag.selfClosing { dropDepth += 1 }
                if !tag.closing && HTMLText.rawText.contains(tag.name) && !tag.selfClosing {
                    skipRawText(tag.name)
                    dropDepth = max(0, dropDepth - 1)
                }
                return
            }
            if !tag.closing && HTMLText.rawText.contains(tag.name) {
                skipRawText(tag.name)  // <title>, <textarea>: not article text either
                return
            }
            guard dropDepth == 0 else { return }
            if tag.name == "br" {
                breaks += 1
            } else if HTMLText.blocks.contains(tag.name) {
                endParagraph()
            }
        }

        /// Skips to just after `</name>` (or to the end).
        mutating func skipRawText(_ name: String) {
            let close = Array("</\(name)".unicodeScalars)
            while i < input.count {
                if input[i] == "<", matches(close, at: i) {
                    i += close.count
                    while i < input.count, input[i] != ">" { i += 1 }
                    i += 1
                    return
                }
                i += 1
            }
        }

        func matches(_ pattern: [Unicode.Scalar], at index: Int) -> Bool {
            guard index + pattern.count <= input.count else { return false }
            for (k, p) in pattern.enumerated() where lower(input[index + k]) != p { return false }
            return true
        }

        func lower(_ s: Unicode.Scalar) -> Unicode.Scalar {
            ("A"..."Z").contains(s) ? Unicode.Scalar(s.value + 32) ?? s : s
        }

        struct Tag {
            var name: String
            var closing: Bool
            var selfClosing: Bool
        }

        /// Parses a tag, comment or declaration at `i` (which is `<`). Comments and declarations are skipped and
        /// return a nameless tag; `<` that starts no tag returns nil and stays text.
        mutating func parseTag() -> Tag? {
            var j = i + 1
            guard j < input.count else { return nil }
            if input[j] == "!" || input[j] == "?" {
                if matches(Array("<!--".unicodeScalars), at: i) {
                    j = i + 4
                    while j < input.count && !matches(Array("-->".unicodeScalars), at: j) { j += 1 }
                    i = min(input.count, j + 3)
                } else {
                    while j < input.count && input[j] != ">" { j += 1 }
                    i = min(input.count, j + 1)
                }
                return Tag(name: "", closing: false, selfClosing: true)
            }
            let closing = input[j] == "/"
            if closing { j += 1 }
            var name = String.UnicodeScalarView()
            while j < input.count, input[j].properties.isAlphabetic || ("0"..."9").contains(input[j]) {
                name.append(lower(input[j]))
                j += 1
            }
            guard !name.isEmpty else { return nil }
            var quote: Unicode.Scalar?
            var selfClosing = false
            while j < input.count {
                let c = input[j]
                if let q = quote {
                    if c == q { quote = nil }
                } else if c == "\"" || c == "'" {
                    quote = c
                } else if c == ">" {
                    selfClosing = j > 0 && input[j - 1] == "/"
                    break
                }
                j += 1
            }
            i = min(input.count, j + 1)
            let tagName = String(name)
            return Tag(name: tagName, closing: closing, selfClosing: selfClosing || HTMLText.void.contains(tagName))
        }

        /// Decodes a character reference after `&` (at `i`); an unknown one stays as written.
        mutating func decodeReference() -> Unicode.Scalar {
            var j = i
            var name = String.UnicodeScalarView()
            while j < input.count, j - i < 32, input[j] != ";" {
                let c = input[j]
                guard c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "#" else { break }
                name.append(c)
                j += 1
            }
            let text = String(name)
            var value: Unicode.Scalar?
            if text.hasPrefix("#x") || text.hasPrefix("#X") {
                value = UInt32(text.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
            } else if text.hasPrefix("#") {
                value = UInt32(text.dropFirst()).flatMap(Unicode.Scalar.init)
            } else {
                value = HTMLText.entities[text]
            }
            guard let decoded = value, !text.isEmpty else { return "&" }
            i = j < input.count && input[j] == ";" ? j + 1 : j
            return decoded
        }
    }

    /// Named character references found in news pages (the full HTML table is not needed for article text).
    static let entities: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "shy": "\u{00AD}",
        "mdash": "—", "ndash": "–", "minus": "−", "hellip": "…", "laquo": "«", "raquo": "»", "ldquo": "“",
        "rdquo": "”", "bdquo": "„", "lsquo": "‘", "rsquo": "’", "sbquo": "‚", "prime": "′", "Prime": "″",
        "copy": "©", "reg": "®", "trade": "™", "deg": "°", "middot": "·", "times": "×", "euro": "€",
        "thinsp": "\u{2009}", "ensp": "\u{2002}", "emsp": "\u{2003}", "zwnj": "\u{200C}",
        "zwj": "\u{200D}", "bull": "•", "sect": "§", "para": "¶", "frac12": "½", "plusmn": "±", "numero": "№",
    ]
}
