/// The names `use` finds in the standard library, for completion and help.
public enum StandardModules {
    /// The module names, sorted (`networks`, `ports`, `presets`, …).
    public static var names: [String] { StdlibSources.modules.keys.sorted() }
}
