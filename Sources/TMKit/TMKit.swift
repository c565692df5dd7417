@_exported import TMCore
@_exported import TMText

/// Facts about this build of tmkit.
public enum TMKitInfo {
    /// tmkit's version.
    public static let version = "0.1.0"
}
