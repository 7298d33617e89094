import CGSL

/// A GSL routine that failed: which routine, its status code and GSL's reason.
///
/// `description` reads like
/// `gsl_integration_qags failed: maximum number of subdivisions exceeded (status 11)`.
public struct GSLError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The GSL routine (or wrapper) that failed, e.g. `gsl_integration_qags`.
    public var routine: String
    /// The GSL status code (`GSL_EMAXITER` = 11, …); `GSLError.nanResult`
    /// marks a routine that reported success but returned NaN.
    public var status: Int32
    /// Why: `gsl_strerror(status)` or a sentence from the wrapper.
    public var reason: String

    public init(routine: String, status: Int32, reason: String) {
        self.routine = routine
        self.status = status
        self.reason = reason
    }

    /// An error for a GSL status, with the reason from `gsl_strerror`.
    public init(routine: String, status: Int32) {
        GSLRuntime.ensureReady()
        let message = gsl_strerror(status).map { String(cString: $0) } ?? "unknown error"
        self.init(routine: routine, status: status, reason: message)
    }

    /// Status used when a routine reports success but its result is NaN
    /// (GSL's own `GSL_EDOM`, "input domain error", is the closest code).
    public static let nanResult = Int32(GSL_EDOM)

    public var description: String {
        "\(routine) failed: \(reason) (status \(status))"
    }

    /// Bad input to a wrapper (`GSL_EINVAL`), with a reason naming the field.
    static func invalidArgument(_ routine: String, _ reason: String) -> GSLError {
        GSLError(routine: routine, status: Int32(GSL_EINVAL), reason: reason)
    }

    /// Throws unless `status` is `GSL_SUCCESS`.
    static func check(_ status: Int32, _ routine: String) throws(GSLError) {
        if status != Int32(GSL_SUCCESS) { throw GSLError(routine: routine, status: status) }
    }

    /// Throws if any of `values` is NaN although the routine reported success.
    static func checkFinite(_ routine: String, _ values: Double...) throws(GSLError) {
        for value in values where value.isNaN {
            throw GSLError(routine: routine, status: nanResult,
                           reason: "result is NaN although the routine reported success")
        }
    }
}
