import CGSL

/// One-time GSL set-up shared by every wrapper entry point.
///
/// GSL's default error handler calls `abort()`. `ready` switches it off the
/// first time it is read; a lazily initialised `static let` is initialised
/// exactly once, thread-safely (Swift runs it under `swift_once`), so every
/// wrapper reads `GSLRuntime.ready` before its first GSL call and then checks
/// the returned status itself.
@usableFromInline
enum GSLRuntime {
    @usableFromInline
    static let ready: Bool = {
        cgsl_disable_error_handler()
        return true
    }()

    /// Reads `ready` (forcing the one-time set-up).
    @inlinable @inline(__always)
    static func ensureReady() {
        _ = ready
    }
}
