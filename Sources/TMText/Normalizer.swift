import CICU

/// Unicode normalization through the system ICU.
public enum NormalizationForm: String, CaseIterable, Sendable {
    case nfc, nfd, nfkc, nfkd
    /// NFKC followed by full case folding (ICU's `nfkc_cf`); also removes default-ignorable characters.
    case nfkcCasefold = "nfkc_cf"

    var icuForm: Int32 {
        switch self {
        case .nfc: Int32(TM_NORM_NFC)
        case .nfd: Int32(TM_NORM_NFD)
        case .nfkc: Int32(TM_NORM_NFKC)
        case .nfkd: Int32(TM_NORM_NFKD)
        case .nfkcCasefold: Int32(TM_NORM_NFKC_CASEFOLD)
        }
    }
}

extension String {
    /// This text in the given normalization form.
    ///
    ///     "и\u{306}".normalized(.nfc) == "й"
    public func normalized(_ form: NormalizationForm) -> String {
        if allSatisfyASCII(form) { return self }
        let source = utf16Units
        let result = try? source.withUnsafeBufferPointer { src in
            var err: Int32 = 0
            if tm_is_normalized(form.icuForm, src.baseAddress!, Int32(src.count), &err) == 1 { return self }
            return try ICU.withGrowingBuffer(estimate: src.count + src.count / 4 + 8, operation: "normalize to \(form.rawValue)") { dst, cap, err in
                tm_normalize(form.icuForm, src.baseAddress!, Int32(src.count), dst, cap, &err)
            }
        }
        // ICU fails here only on memory exhaustion; returning the input keeps text intact.
        return result ?? self
    }

    /// ASCII text is invariant under every form except case folding of capitals.
    private func allSatisfyASCII(_ form: NormalizationForm) -> Bool {
        if isEmpty { return true }
        for unit in utf8 {
            if unit >= 0x80 { return false }
            if form == .nfkcCasefold, unit >= 0x41, unit <= 0x5A { return false }
        }
        return true
    }
}
