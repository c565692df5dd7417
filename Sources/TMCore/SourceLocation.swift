/// Where something happened in an input: a file, a line and column (1-based), a byte offset, or a unit id.
/// Every module's error carries one, so the CLI can print a single line that points at the problem.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String?
    public var line: Int?
    public var column: Int?
    public var byteOffset: Int?
    public var unit: String?

    public init(file: String? = nil, line: Int? = nil, column: Int? = nil, byteOffset: Int? = nil, unit: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
        self.unit = unit
    }

    /// `file:line:column`, `file: byte N`, `file: unit ID` — whatever is known, in that order.
    public var description: String {
        var text = file ?? "<input>"
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        if let byteOffset { text += " (byte \(byteOffset))" }
        if let unit { text += " (unit \(unit))" }
        return text
    }
}

/// An error that knows where it happened. The CLI prints `location: message` on one line.
public protocol LocatedError: Error, CustomStringConvertible {
    var location: SourceLocation? { get }
    var message: String { get }
}

extension LocatedError {
    public var description: String {
        if let location { return "\(location): \(message)" }
        return message
    }
}
