import TMCore

/// One link of an alignment: consecutive source units matched with consecutive target units.
/// An empty side is a deletion (`1-0`) or an insertion (`0-1`).
public struct Bead: Hashable, Sendable {
    /// The source units (indices), possibly empty.
    public var source: Range<Int>
    /// The target units (indices), possibly empty.
    public var target: Range<Int>
    /// How sure the aligner is of this bead, in [0, 1] (the bead's posterior probability; see `BeadSearch`).
    public var confidence: Double

    public init(source: Range<Int>, target: Range<Int>, confidence: Double = 1) {
        self.source = source
        self.target = target
        self.confidence = confidence
    }

    /// The shape, e.g. 2-1.
    public var shape: BeadShape { BeadShape(source.count, target.count) }
}

/// The number of units a bead takes on each side.
public struct BeadShape: Hashable, Sendable, CustomStringConvertible {
    public let source: Int
    public let target: Int

    public init(_ source: Int, _ target: Int) {
        self.source = source
        self.target = target
    }

    /// True for `1-0` and `0-1`.
    public var isSkip: Bool { source == 0 || target == 0 }

    public var description: String { "\(source)-\(target)" }

    /// The shapes tmkit searches: 1-0, 0-1 and every k-l with 1 ≤ k, l ≤ `maxUnits`.
    public static func all(maxUnits: Int = 3) -> [BeadShape] {
        var shapes = [BeadShape(1, 0), BeadShape(0, 1)]
        for k in 1...max(1, maxUnits) {
            for l in 1...max(1, maxUnits) { shapes.append(BeadShape(k, l)) }
        }
        return shapes
    }
}

/// The one error type of TMAlign.
public struct AlignError: LocatedError, Equatable {
    public var location: SourceLocation?
    public var message: String

    public init(_ message: String, location: SourceLocation? = nil) {
        self.message = message
        self.location = location
    }
}
