import CICU

/// The writing systems tmkit tells apart.
public enum Script: Sendable, Equatable {
    case latin, cyrillic, greek, common, inherited, other

    /// The script of a scalar, with fast paths for ASCII and the Cyrillic and Latin blocks.
    public static func of(_ scalar: Unicode.Scalar) -> Script {
        let v = scalar.value
        switch v {
        case 0x41...0x5A, 0x61...0x7A: return .latin
        case 0...0x7F: return .common
        case 0x400...0x482, 0x48A...0x52F: return .cyrillic
        case 0x483...0x489: return .inherited
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x24F: return .latin
        default:
            switch tm_script(v) {
            case Int32(TM_SCRIPT_LATIN): return .latin
            case Int32(TM_SCRIPT_CYRILLIC): return .cyrillic
            case Int32(TM_SCRIPT_GREEK): return .greek
            case Int32(TM_SCRIPT_COMMON): return .common
            case Int32(TM_SCRIPT_INHERITED): return .inherited
            default: return .other
            }
        }
    }
}
