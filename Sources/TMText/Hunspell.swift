import CHunspell
import Foundation
import Synchronization
import TMCore

/// A Hunspell dictionary (hunspell-ru, hunspell-be) for stems of inflected words: Совета → совет, Беларусі → Беларусь.
///
/// Sendable notes: a Hunspell handle is not thread-safe; every call goes through `lock`.
public final class HunspellDictionary: @unchecked Sendable {
    private let handle: OpaquePointer
    private let lock = Mutex(())
    public let language: Language

    /// Where Debian installs the dictionaries.
    public static let directory = "/usr/share/hunspell"

    /// Opens the system dictionary for `language` (ru_RU or be_BY; en_US when installed); nil when it is missing.
    public init?(language: Language, directory: String = HunspellDictionary.directory) {
        let name: String
        switch language {
        case .ru: name = "ru_RU"
        case .be: name = "be_BY"
        case .en: name = "en_US"
        }
        let aff = "\(directory)/\(name).aff", dic = "\(directory)/\(name).dic"
        guard FileManager.default.fileExists(atPath: aff), FileManager.default.fileExists(atPath: dic), let handle = Hunspell_create(aff, dic) else { return nil }
        self.handle = handle
        self.language = language
    }

    deinit { Hunspell_destroy(handle) }

    /// True when the dictionary knows the word in this form.
    public func isKnown(_ word: String) -> Bool {
        lock.withLock { _ in Hunspell_spell(handle, word) != 0 }
    }

    /// The dictionary stems of a word form, most likely first; empty when the word is unknown.
    public func stems(_ word: String) -> [String] {
        lock.withLock { _ in
            var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
            let count = Hunspell_stem(handle, &list, word)
            defer { Hunspell_free_list(handle, &list, count) }
            guard count > 0, let list else { return [] }
            return (0..<Int(count)).compactMap { list[$0].map { String(cString: $0) } }
        }
    }
}
