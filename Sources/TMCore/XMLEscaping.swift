/// Escaping for XML text and attribute values, shared by every writer.
public enum XMLEscaping {
    /// `&`, `<`, `>` escaped; the text is otherwise unchanged.
    public static func escapeText(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Text escaping plus `"`, and tabs/newlines as character references so they survive attribute normalization.
    public static func escapeAttribute(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t": out += "&#9;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Resolves the five predefined entities and numeric character references; anything else is left as written.
    public static func unescape(_ text: String) -> String {
        guard text.utf8.contains(0x26) else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[amp...]
            guard let semi = after.firstIndex(of: ";"), after.distance(from: amp, to: semi) <= 10 else {
                out += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let name = after[after.index(after: amp)..<semi]
            var replacement: String?
            switch name {
            case "amp": replacement = "&"
            case "lt": replacement = "<"
            case "gt": replacement = ">"
            case "quot": replacement = "\""
            case "apos": replacement = "'"
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X"), let v = UInt32(name.dropFirst(2), radix: 16), let s = Unicode.Scalar(v) {
                    replacement = String(s)
                } else if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let s = Unicode.Scalar(v) {
                    replacement = String(s)
                }
            }
            if let replacement {
                out += replacement
                rest = rest[rest.index(after: semi)...]
            } else {
                out += "&"
                rest = rest[rest.index(after: amp)...]
            }
        }
        out += rest
        return out
    }
}

/// Reading TMX inline markup without a full XML parser (the markup was well-formed when it was stored).
public enum InlineMarkup {
    /// Elements whose content is native code, not translatable text.
    static let codeElements: Set<String> = ["bpt", "ept", "it", "ph", "ut", "sub"]

    /// The text of segment markup: entities resolved, code element content dropped, `hi` content kept.
    public static func plainText(of markup: String) -> String {
        guard markup.utf8.contains(0x3C) else { return XMLEscaping.unescape(markup) }
        var out = ""
        var depthInCode = 0
        var rest = Substring(markup)
        while let lt = rest.firstIndex(of: "<") {
            if depthInCode == 0 { out += XMLEscaping.unescape(String(rest[..<lt])) }
            guard let gt = rest[lt...].firstIndex(of: ">") else { break }
            let tag = rest[rest.index(after: lt)..<gt]
            let closing = tag.hasPrefix("/")
            let selfClosing = tag.hasSuffix("/")
            let name = tag.drop { $0 == "/" }.prefix { !$0.isWhitespace && $0 != "/" && $0 != ">" }
            if codeElements.contains(String(name)) && !selfClosing {
                depthInCode += closing ? -1 : 1
                depthInCode = max(depthInCode, 0)
            }
            rest = rest[rest.index(after: gt)...]
        }
        if depthInCode == 0 { out += XMLEscaping.unescape(String(rest)) }
        return out
    }
}
