import CICU
import TMCore
import Synchronization

/// An ICU transliterator, opened from a system id ("Russian-Latin/BGN") or compiled from rules.
///
/// Sendable notes: the ICU handle is not thread-safe; every use goes through `lock`.
public final class ICUTransliterator: @unchecked Sendable {
    private let handle: OpaquePointer
    private let lock = Mutex(())
    /// The id or the name given to the rules.
    public let name: String

    /// Opens a system transliterator by id; `reverse` opens its inverse.
    public init(id: String, reverse: Bool = false) throws {
        let units = Array(id.utf16)
        var err: Int32 = 0
        guard let handle = tm_translit_open_id(units, Int32(units.count), reverse ? 1 : 0, &err), ICUError.isSuccess(err) else {
            throw ICUError(code: err, operation: "open transliterator \(id)")
        }
        self.handle = handle
        self.name = id
    }

    /// Compiles ICU transform rules. A syntax error names the rule file (`file`) and the rule's line.
    public init(name: String, rules: String, reverse: Bool = false, file: String? = nil) throws {
        let nameUnits = Array(name.utf16), ruleUnits = Array(rules.utf16)
        var err: Int32 = 0, line: Int32 = 0, offset: Int32 = 0
        guard let handle = tm_translit_open_rules(nameUnits, Int32(nameUnits.count), ruleUnits, Int32(ruleUnits.count),
                                                  reverse ? 1 : 0, &err, &line, &offset), ICUError.isSuccess(err) else {
            throw ICUError(code: err, operation: "compile transform rules \(name)",
                           location: SourceLocation(file: file ?? name, line: Int(line) + 1, column: Int(offset) + 1))
        }
        self.handle = handle
        self.name = name
    }

    deinit { tm_translit_close(handle) }

    /// Transliterates `text`. ICU works in place, so an overflow retries from a fresh copy.
    public func transliterate(_ text: String) -> String {
        if text.isEmpty { return text }
        let source = text.utf16Units
        return lock.withLock { _ in
            var capacity = source.count * 2 + 16
            // ICU does not always report the length it needs on overflow: grow geometrically, a few times.
            for _ in 0..<4 {
                var err: Int32 = 0
                let output = [UInt16](unsafeUninitializedCapacity: capacity) { buffer, count in
                    _ = buffer.initialize(from: source)
                    let length = tm_translit_apply(handle, buffer.baseAddress!, Int32(source.count), Int32(capacity), &err)
                    count = ICUError.isSuccess(err) ? Int(length) : source.count
                }
                if ICUError.isSuccess(err) { return String(utf16Units: output) }
                guard err == TM_ERR_BUFFER_OVERFLOW else { break }
                capacity *= 4
            }
            return text
        }
    }
}
