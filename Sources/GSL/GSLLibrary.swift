import CGSL

/// Facts about the GSL library linked at run time.
public enum GSLLibrary {
    /// The runtime GSL version string (`gsl_version`, e.g. "2.7.1").
    public static var version: String {
        GSLRuntime.ensureReady()
        return String(cString: cgsl_version())
    }
}
