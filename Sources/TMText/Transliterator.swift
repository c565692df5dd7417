import CICU
import Foundation
import TMCore
import Synchronization

/// An ICU transliterator, opened from a system id ("Russian-Latin/BGN") or compiled from rules.
///
/// Sendable notes: the ICU handle is not thread-safe; every use goes through `lock`, and parallel work runs on
/// clones that belong to one task each.
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

    private init(handle: OpaquePointer, name: String) {
        self.handle = handle
        self.name = name
    }

    deinit { tm_translit_close(handle) }

    /// Transliterates `text` (see `transliterate(units:)`).
    public func transliterate(_ text: String) -> String {
        if text.isEmpty { return text }
        return String(utf16Units: transliterate(units: text.utf16Units))
    }

    /// Transliterates UTF-16 text.
    ///
    /// ICU gets the text in pieces of about `pieceLength` units that end at line ends, through one reused buffer:
    /// ICU replaces in place and moves the rest of its buffer at every change of length, so one large buffer costs
    /// more per character than many small ones. Text of at least `partLength` units per core is cut at line ends into
    /// one part per core, each transliterated by its own clone of the handle. A line is never cut, so the result is
    /// the same as for the text in one piece with transforms whose rules do not look across a line end (tmkit's
    /// schemes and ICU's system transforms; `uconv -x` cuts its input the same way). A piece ICU fails on (memory
    /// exhaustion) is kept as it was.
    /// - Complexity: O(n) in the length of the text, for lines of bounded length.
    public func transliterate(units: [UInt16]) -> [UInt16] {
        if units.isEmpty { return units }
        let parts = units.withUnsafeBufferPointer { Self.parts(of: $0, count: min(Self.cores, $0.count / Self.partLength)) }
        if parts.count <= 1 {
            return units.withUnsafeBufferPointer { source in lock.withLock { _ in Self.apply(handle, to: source) } }
        }
        // Clones first: the handle's lock is held while part 0 runs. A part without a clone waits for the handle.
        let clones = parts.indices.map { $0 == 0 ? nil : clone() }
        let results = Mutex([[UInt16]](repeating: [], count: parts.count))
        DispatchQueue.concurrentPerform(iterations: parts.count) { index in
            let output = units.withUnsafeBufferPointer { source in
                let part = UnsafeBufferPointer(rebasing: source[parts[index]])
                if let clone = clones[index] { return Self.apply(clone.handle, to: part) }
                return self.lock.withLock { _ in Self.apply(self.handle, to: part) }
            }
            results.withLock { $0[index] = output }
        }
        return results.withLock { results in
            var joined: [UInt16] = []
            joined.reserveCapacity(results.reduce(0) { $0 + $1.count })
            for result in results { joined.append(contentsOf: result) }
            return joined
        }
    }

    /// The length, in UTF-16 units, of the pieces handed to ICU (a piece runs to the next line end after this).
    static let pieceLength = 4096
    /// The least length per part for a parallel run (about 1 MB of Cyrillic UTF-8).
    static let partLength = 1 << 19
    static let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// An independent transliterator sharing the compiled rules, or nil when ICU cannot make one.
    private func clone() -> ICUTransliterator? {
        var err: Int32 = 0
        let copy = lock.withLock { _ in tm_translit_clone(handle, &err) }
        guard let copy, ICUError.isSuccess(err) else { return nil }
        return ICUTransliterator(handle: copy, name: name)
    }

    /// `count` ranges covering `text`, of about equal length, each ending at a line end (fewer when lines are long).
    static func parts(of text: UnsafeBufferPointer<UInt16>, count: Int) -> [Range<Int>] {
        guard count > 1 else { return [0..<text.count] }
        var parts: [Range<Int>] = []
        var start = 0
        for index in 1..<count where start < text.count {
            let end = lineEnd(in: text, from: max(start, text.count * index / count))
            if end > start { parts.append(start..<end) }
            start = end
        }
        if start < text.count { parts.append(start..<text.count) }
        return parts
    }

    /// The index after the first line feed at or after `position`, or the end of the text.
    @inline(__always)
    static func lineEnd(in text: UnsafeBufferPointer<UInt16>, from position: Int) -> Int {
        var index = position
        while index < text.count {
            if text[index] == 0x0A { return index + 1 }
            index += 1
        }
        return text.count
    }

    /// Runs the handle over `source` piece by piece (see `transliterate(units:)`), through one scratch buffer.
    private static func apply(_ handle: OpaquePointer, to source: UnsafeBufferPointer<UInt16>) -> [UInt16] {
        var output: [UInt16] = []
        output.reserveCapacity(source.count + source.count / 2 + 16)
        var scratch: [UInt16] = []
        var start = 0
        while start < source.count {
            let end = lineEnd(in: source, from: min(source.count, start + pieceLength - 1))
            let piece = UnsafeBufferPointer(rebasing: source[start..<end])
            if !apply(handle, to: piece, scratch: &scratch, appendingTo: &output) { output.append(contentsOf: piece) }
            start = end
        }
        return output
    }

    /// Transliterates one piece and appends the result to `output`; false when ICU fails other than by overflow.
    /// ICU works in place: the piece is copied into `scratch`, and an overflow retries from a fresh copy with more
    /// room (ICU does not always report the length it needs, so the room grows geometrically, a few times).
    private static func apply(_ handle: OpaquePointer, to piece: UnsafeBufferPointer<UInt16>, scratch: inout [UInt16],
                              appendingTo output: inout [UInt16]) -> Bool {
        guard let pieceBase = piece.baseAddress else { return true }
        var capacity = 2 * piece.count + 16
        for _ in 0..<4 {
            if scratch.count < capacity { scratch = [UInt16](repeating: 0, count: max(capacity, 2 * scratch.count)) }
            var err: Int32 = 0
            scratch.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                base.update(from: pieceBase, count: piece.count)
                let length = tm_translit_apply(handle, base, Int32(piece.count), Int32(capacity), &err)
                if ICUError.isSuccess(err) { output.append(contentsOf: UnsafeBufferPointer(start: base, count: Int(length))) }
            }
            if ICUError.isSuccess(err) { return true }
            guard err == TM_ERR_BUFFER_OVERFLOW else { return false }
            capacity *= 4
        }
        return false
    }
}
