import CStemmer
import Synchronization
import TMCore

/// Snowball stemmers (libstemmer) for English and Russian. Belarusian has none; `init` returns nil for it.
///
/// Sendable notes: a Snowball stemmer is not thread-safe; every call goes through `lock`.
public final class Stemmer: @unchecked Sendable {
    private let handle: OpaquePointer
    private let lock = Mutex(())
    public let language: Language

    /// A stemmer for `language`, or nil when Snowball has none (Belarusian).
    public init?(language: Language) {
        let algorithm: String
        switch language {
        case .en: algorithm = "english"
        case .ru: algorithm = "russian"
        case .be: return nil
        }
        guard let handle = sb_stemmer_new(algorithm, "UTF_8") else { return nil }
        self.handle = handle
        self.language = language
    }

    deinit { sb_stemmer_delete(handle) }

    /// The stem of one lower-case word ("совета" → "совет").
    public func stem(_ word: String) -> String {
        var bytes = Array(word.utf8)
        return lock.withLock { _ in
            bytes.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress, let out = sb_stemmer_stem(handle, base, Int32(buffer.count)) else { return word }
                let length = Int(sb_stemmer_length(handle))
                return String(decoding: UnsafeBufferPointer(start: out, count: length), as: UTF8.self)
            }
        }
    }
}
