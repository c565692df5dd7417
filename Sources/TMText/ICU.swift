import CICU
import TMCore

/// A failure reported by the system ICU, with the operation that failed.
public struct ICUError: LocatedError, Equatable {
    /// ICU's `UErrorCode` value.
    public let code: Int32
    /// What tmkit was doing ("normalize", "open transliterator Russian-Latin/BGN", …).
    public let operation: String
    public var location: SourceLocation?

    public init(code: Int32, operation: String, location: SourceLocation? = nil) {
        self.code = code
        self.operation = operation
        self.location = location
    }

    /// ICU's name for the code, e.g. `U_INVALID_FORMAT_ERROR`.
    public var name: String { String(cString: tm_error_name(code)) }
    public var message: String { "ICU failed to \(operation): \(name)" }

    /// ICU success: zero, or a negative warning.
    static func isSuccess(_ code: Int32) -> Bool { code <= 0 }
}

/// Facts about the linked ICU.
public enum ICU {
    /// The system ICU's version, e.g. "72.1".
    public static var version: String { String(cString: tm_icu_version()) }

    /// Runs an ICU call that writes UTF-16 into a buffer, growing the buffer once to the length ICU asks for.
    ///
    /// `body(buffer, capacity, &err)` returns the needed length. `estimate` is the first capacity tried.
    static func withGrowingBuffer(estimate: Int, operation: @autoclosure () -> String,
                                  _ body: (UnsafeMutablePointer<UInt16>, Int32, inout Int32) -> Int32) throws -> String {
        var capacity = max(estimate, 16)
        for _ in 0..<2 {
            var err: Int32 = 0
            var needed: Int32 = 0
            let result = [UInt16](unsafeUninitializedCapacity: capacity) { buffer, count in
                needed = body(buffer.baseAddress!, Int32(capacity), &err)
                count = ICUError.isSuccess(err) ? Int(needed) : 0
            }
            if ICUError.isSuccess(err) { return String(utf16Units: result) }
            guard err == TM_ERR_BUFFER_OVERFLOW else { throw ICUError(code: err, operation: operation()) }
            capacity = Int(needed) + 1
        }
        throw ICUError(code: TM_ERR_BUFFER_OVERFLOW, operation: operation())
    }
}
