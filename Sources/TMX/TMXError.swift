import TMCore

/// Why a TMX file could not be read or written: not well-formed, not TMX, a unit rejected in strict mode, or I/O.
public struct TMXError: LocatedError, Equatable {
    public var location: SourceLocation?
    public var message: String

    public init(_ message: String, at location: SourceLocation? = nil) {
        self.message = message
        self.location = location
    }
}

/// Something in a TMX file that was skipped or dropped without stopping the import (a unit that cannot be
/// understood, an unknown element or attribute). `--strict` turns skipped units into a `TMXError`.
public struct TMXIssue: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// A whole unit was skipped.
        case skippedUnit = "skipped unit"
        /// An element or attribute tmkit does not know was dropped; the unit was kept.
        case ignored
    }

    public var kind: Kind
    public var location: SourceLocation
    public var message: String

    public var description: String { "\(location): \(kind.rawValue): \(message)" }
}
