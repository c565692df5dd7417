import TMCore

/// Decodes the bytes of an input file: UTF-8 (with or without BOM) or UTF-16 with a BOM; CRLF and CR become LF.
public enum TextInput {
    /// Why bytes could not be read as text.
    public struct DecodingError: LocatedError {
        public var location: SourceLocation?
        public var message: String
    }

    /// The text of `bytes`; `source` names the file in errors.
    /// Invalid UTF-8 is an error naming the byte offset of the first bad sequence.
    public static func decode(_ bytes: [UInt8], source: String? = nil) throws -> String {
        var text: String
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let littleEndian = bytes[0] == 0xFF
            guard bytes.count % 2 == 0 else {
                throw DecodingError(location: SourceLocation(file: source, byteOffset: bytes.count - 1),
                                    message: "UTF-16 input has an odd number of bytes")
            }
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var i = 2
            while i + 1 < bytes.count {
                units.append(littleEndian ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
                i += 2
            }
            var decoded = String.UnicodeScalarView()
            var iterator = units.makeIterator()
            var decoder = UTF16()
            var index = 2
            loop: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let s): decoded.append(s); index += s.value > 0xFFFF ? 4 : 2
                case .emptyInput: break loop
                case .error:
                    throw DecodingError(location: SourceLocation(file: source, byteOffset: index),
                                        message: "invalid UTF-16 (unpaired surrogate)")
                }
            }
            text = String(decoded)
        } else {
            let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
            // The standard library's validation is the fast path; the offset is searched only for an error.
            guard let valid = String(validating: body, as: UTF8.self) else {
                let offset = firstInvalidUTF8(body) ?? 0
                throw DecodingError(location: SourceLocation(file: source, byteOffset: offset + (body.count < bytes.count ? 3 : 0)),
                                    message: "not valid UTF-8")
            }
            text = valid
        }
        if text.utf8.contains(13) {
            text = text.replacingCRLF()
        }
        return text
    }

    /// The offset of the first byte that does not start a valid UTF-8 sequence, or nil.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): offset += UTF8.width(s)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}

extension String {
    /// CRLF and lone CR turned into LF.
    func replacingCRLF() -> String {
        var out = String.UnicodeScalarView()
        var previousCR = false
        for s in unicodeScalars {
            if s == "\r" { out.append("\n"); previousCR = true; continue }
            if s == "\n" && previousCR { previousCR = false; continue }
            previousCR = false
            out.append(s)
        }
        return String(out)
    }
}
