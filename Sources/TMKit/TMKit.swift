// TMKit composes the modules into workflows and re-exports them, so the CLI and other users import one module.
@_exported import TMAlign
@_exported import TMCore
@_exported import TMGlossary
@_exported import TMStore
@_exported import TMText
@_exported import TMX

/// Facts about this build of tmkit.
public enum TMKitInfo {
    /// tmkit's version.
    public static let version = "0.1.0"
}
