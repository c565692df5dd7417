import CICU

extension String {
    /// The text's UTF-16 code units, transcoded in one pass over its contiguous UTF-8 (several times faster than
    /// `Array(utf16)`, which walks a view index by index). Used to hand text to ICU.
    /// - Complexity: O(n) in the length of the text.
    public var utf16Units: [UInt16] {
        var text = self
        return text.withUTF8 { utf8 in
            [UInt16](unsafeUninitializedCapacity: utf8.count) { out, count in
                var i = 0, o = 0
                let n = utf8.count
                // Swift strings hold valid UTF-8, so every lead byte has its continuation bytes.
                while i < n {
                    let b = UInt32(utf8[i])
                    if b < 0x80 {
                        out[o] = UInt16(b); i += 1; o += 1
                    } else if b < 0xE0 {
                        out[o] = UInt16((b & 0x1F) << 6 | UInt32(utf8[i + 1] & 0x3F)); i += 2; o += 1
                    } else if b < 0xF0 {
                        out[o] = UInt16((b & 0x0F) << 12 | UInt32(utf8[i + 1] & 0x3F) << 6 | UInt32(utf8[i + 2] & 0x3F))
                        i += 3; o += 1
                    } else {
                        let v = (b & 0x07) << 18 | UInt32(utf8[i + 1] & 0x3F) << 12 | UInt32(utf8[i + 2] & 0x3F) << 6
                            | UInt32(utf8[i + 3] & 0x3F)
                        out[o] = UInt16(0xD800 + ((v - 0x10000) >> 10)); out[o + 1] = UInt16(0xDC00 + ((v - 0x10000) & 0x3FF))
                        i += 4; o += 2
                    }
                }
                count = o
            }
        }
    }
}

extension ICU {
    /// `units` in the given normalization form, as UTF-16 (no String round trip); the input itself when it is
    /// already normalized. ICU fails here only on memory exhaustion, and then the input is returned unchanged.
    static func normalize(_ units: [UInt16], _ form: NormalizationForm) -> [UInt16] {
        if units.isEmpty { return units }
        return units.withUnsafeBufferPointer { src -> [UInt16] in
            guard let base = src.baseAddress else { return units }
            var err: Int32 = 0
            if tm_is_normalized(form.icuForm, base, Int32(src.count), &err) == 1 { return units }
            var capacity = src.count + src.count / 4 + 8
            for _ in 0..<2 {
                var needed: Int32 = 0
                err = 0
                let result = [UInt16](unsafeUninitializedCapacity: capacity) { buffer, count in
                    guard let dst = buffer.baseAddress else { count = 0; return }
                    needed = tm_normalize(form.icuForm, base, Int32(src.count), dst, Int32(capacity), &err)
                    count = ICUError.isSuccess(err) ? Int(needed) : 0
                }
                if ICUError.isSuccess(err) { return result }
                guard err == TM_ERR_BUFFER_OVERFLOW else { return units }
                capacity = Int(needed) + 1
            }
            return units
        }
    }
}

extension String {
    /// A string from UTF-16 code units, transcoded in one pass (lone surrogates become U+FFFD). Faster than
    /// `String(decoding:as: UTF16.self)`, whose generic path dominated the matching key's profile.
    /// - Complexity: O(n) in the number of code units.
    public init<C: RandomAccessCollection>(utf16Units units: C) where C.Element == UInt16 {
        let result = units.withContiguousStorageIfAvailable { String(transcoding: $0) }
        self = result ?? Array(units).withUnsafeBufferPointer { String(transcoding: $0) }
    }

    private init(transcoding units: UnsafeBufferPointer<UInt16>) {
        self.init(unsafeUninitializedCapacity: units.count * 3) { out in
            var i = 0, o = 0
            let n = units.count
            while i < n {
                let u = UInt32(units[i])
                if u < 0x80 {
                    out[o] = UInt8(u); o += 1
                } else if u < 0x800 {
                    out[o] = UInt8(0xC0 | u >> 6); out[o + 1] = UInt8(0x80 | u & 0x3F); o += 2
                } else if u & 0xFC00 == 0xD800, i + 1 < n, units[i + 1] & 0xFC00 == 0xDC00 {
                    let v = 0x10000 + ((u & 0x3FF) << 10) + (UInt32(units[i + 1]) & 0x3FF)
                    out[o] = UInt8(0xF0 | v >> 18); out[o + 1] = UInt8(0x80 | (v >> 12) & 0x3F)
                    out[o + 2] = UInt8(0x80 | (v >> 6) & 0x3F); out[o + 3] = UInt8(0x80 | v & 0x3F)
                    o += 4; i += 1
                } else {
                    let v = u & 0xF800 == 0xD800 ? 0xFFFD : u  // a lone surrogate
                    out[o] = UInt8(0xE0 | v >> 12); out[o + 1] = UInt8(0x80 | (v >> 6) & 0x3F)
                    out[o + 2] = UInt8(0x80 | v & 0x3F); o += 3
                }
                i += 1
            }
            return o
        }
    }
}
