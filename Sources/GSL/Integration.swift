import CGSL

/// Numerical integration, after the GSL manual's chapters "Numerical
/// Integration" (QUADPACK) and "Monte Carlo Integration".
///
/// Every routine allocates and frees its own workspace, so calls from
/// different threads are independent. Closures are passed to GSL through its
/// `params` pointer, unretained for the duration of the call.
///
/// GSL stops an adaptive routine when `error ≤ max(absoluteTolerance,
/// relativeTolerance·|value|)`; a tolerance that cannot be met (e.g. relative
/// `1e-30` with no absolute tolerance) throws `GSLError` (`GSL_EBADTOL`), as
/// does an integrand that returns NaN.
public enum Integration {
    /// Default relative tolerance for the adaptive routines.
    public static let defaultRelativeTolerance = 1e-10
    /// Default maximum number of subintervals of the adaptive routines.
    public static let defaultLimit = 1000

    /// ∫ₐᵇ f(x) dx on a finite interval by QAGS: 21-point Gauss–Kronrod rules
    /// with adaptive bisection and Wynn's ε-algorithm extrapolation, so
    /// integrable endpoint singularities (x^(−1/2) at 0) converge.
    public static func qags(
        _ f: (Double) -> Double, from a: Double, to b: Double,
        absoluteTolerance: Double = 0, relativeTolerance: Double = defaultRelativeTolerance,
        limit: Int = defaultLimit
    ) throws -> IntegrationResult {
        let routine = "gsl_integration_qags"
        guard a.isFinite, b.isFinite else {
            throw GSLError.invalidArgument(routine, "bounds must be finite (from: \(a), to: \(b)); use qagi, qagiu or qagil")
        }
        let workspace = try QuadratureWorkspace(limit: limit, routine: routine)
        return try adaptive(f, lower: a, upper: b, absoluteTolerance: absoluteTolerance,
                            relativeTolerance: relativeTolerance, workspace: workspace)
    }

    /// ∫_{−∞}^{∞} f(x) dx by QAGI: QAGS (15-point rule) after x = (1 − t)/t.
    public static func qagi(
        _ f: (Double) -> Double,
        absoluteTolerance: Double = 0, relativeTolerance: Double = defaultRelativeTolerance,
        limit: Int = defaultLimit
    ) throws -> IntegrationResult {
        let workspace = try QuadratureWorkspace(limit: limit, routine: "gsl_integration_qagi")
        return try adaptive(f, lower: -.infinity, upper: .infinity, absoluteTolerance: absoluteTolerance,
                            relativeTolerance: relativeTolerance, workspace: workspace)
    }

    /// ∫ₐ^∞ f(x) dx by QAGIU: QAGS after x = a + (1 − t)/t.
    public static func qagiu(
        _ f: (Double) -> Double, from a: Double,
        absoluteTolerance: Double = 0, relativeTolerance: Double = defaultRelativeTolerance,
        limit: Int = defaultLimit
    ) throws -> IntegrationResult {
        let routine = "gsl_integration_qagiu"
        guard a.isFinite else { throw GSLError.invalidArgument(routine, "lower bound must be finite, got \(a)") }
        let workspace = try QuadratureWorkspace(limit: limit, routine: routine)
        return try adaptive(f, lower: a, upper: .infinity, absoluteTolerance: absoluteTolerance,
                            relativeTolerance: relativeTolerance, workspace: workspace)
    }

    /// ∫_{−∞}^b f(x) dx by QAGIL: QAGS after x = b − (1 − t)/t.
    public static func qagil(
        _ f: (Double) -> Double, to b: Double,
        absoluteTolerance: Double = 0, relativeTolerance: Double = defaultRelativeTolerance,
        limit: Int = defaultLimit
    ) throws -> IntegrationResult {
        let routine = "gsl_integration_qagil"
        guard b.isFinite else { throw GSLError.invalidArgument(routine, "upper bound must be finite, got \(b)") }
        let workspace = try QuadratureWorkspace(limit: limit, routine: routine)
        return try adaptive(f, lower: -.infinity, upper: b, absoluteTolerance: absoluteTolerance,
                            relativeTolerance: relativeTolerance, workspace: workspace)
    }

    /// ∫ over `range`, choosing QAGS, QAGIU, QAGIL or QAGI from which bounds
    /// are infinite.
    public static func adaptive(
        _ f: (Double) -> Double, over range: ClosedRange<Double>,
        absoluteTolerance: Double = 0, relativeTolerance: Double = defaultRelativeTolerance,
        limit: Int = defaultLimit
    ) throws -> IntegrationResult {
        let workspace = try QuadratureWorkspace(limit: limit, routine: "Integration.adaptive")
        return try adaptive(f, lower: range.lowerBound, upper: range.upperBound,
                            absoluteTolerance: absoluteTolerance, relativeTolerance: relativeTolerance,
                            workspace: workspace)
    }

    /// ∫ₐᵇ f(x) dx by CQUAD (doubly adaptive Clenshaw–Curtis, Gonnet 2010):
    /// robust to NaN/Inf at isolated points and to difficult integrands.
    /// `intervals` is the size of the interval heap (≥ 3).
    public static func cquad(
        _ f: (Double) -> Double, from a: Double, to b: Double,
        absoluteTolerance: Double = 0, relativeTolerance: Double = defaultRelativeTolerance,
        intervals: Int = 200
    ) throws -> IntegrationResult {
        GSLRuntime.ensureReady()
        let routine = "gsl_integration_cquad"
        guard a.isFinite, b.isFinite else {
            throw GSLError.invalidArgument(routine, "bounds must be finite (from: \(a), to: \(b))")
        }
        guard intervals >= 3 else {
            throw GSLError.invalidArgument(routine, "intervals must be at least 3, got \(intervals)")
        }
        guard let workspace = gsl_integration_cquad_workspace_alloc(intervals) else {
            throw GSLError(routine: "gsl_integration_cquad_workspace_alloc", status: Int32(GSL_ENOMEM))
        }
        defer { gsl_integration_cquad_workspace_free(workspace) }
        var value = 0.0, error = 0.0, evaluations = 0
        let status = withGSLFunction(f) { function in
            gsl_integration_cquad(function, a, b, absoluteTolerance, relativeTolerance,
                                  workspace, &value, &error, &evaluations)
        }
        try GSLError.check(status, routine)
        try GSLError.checkFinite(routine, value, error)
        return IntegrationResult(value: value, error: error, evaluations: evaluations)
    }

    // MARK: Shared machinery

    /// The QUADPACK routine for the bounds, run on `workspace`.
    static func adaptive(
        _ f: (Double) -> Double, lower a: Double, upper b: Double,
        absoluteTolerance: Double, relativeTolerance: Double,
        workspace: QuadratureWorkspace
    ) throws -> IntegrationResult {
        GSLRuntime.ensureReady()
        var value = 0.0, error = 0.0
        let limit = workspace.limit, w = workspace.pointer
        let routine: String
        let status: Int32
        switch (a.isInfinite, b.isInfinite) {
        case (false, false):
            routine = "gsl_integration_qags"
            guard !a.isNaN, !b.isNaN else { throw GSLError.invalidArgument(routine, "bounds are NaN") }
            status = withGSLFunction(f) { gsl_integration_qags($0, a, b, absoluteTolerance, relativeTolerance, limit, w, &value, &error) }
        case (true, true):
            routine = "gsl_integration_qagi"
            guard a < 0, b > 0 else { throw GSLError.invalidArgument(routine, "infinite range must be −∞…∞, got \(a)…\(b)") }
            status = withGSLFunction(f) { gsl_integration_qagi($0, absoluteTolerance, relativeTolerance, limit, w, &value, &error) }
        case (false, true):
            routine = "gsl_integration_qagiu"
            guard b > 0, !a.isNaN else { throw GSLError.invalidArgument(routine, "range must be a…+∞, got \(a)…\(b)") }
            status = withGSLFunction(f) { gsl_integration_qagiu($0, a, absoluteTolerance, relativeTolerance, limit, w, &value, &error) }
        case (true, false):
            routine = "gsl_integration_qagil"
            guard a < 0, !b.isNaN else { throw GSLError.invalidArgument(routine, "range must be −∞…b, got \(a)…\(b)") }
            status = withGSLFunction(f) { gsl_integration_qagil($0, b, absoluteTolerance, relativeTolerance, limit, w, &value, &error) }
        }
        try GSLError.check(status, routine)
        try GSLError.checkFinite(routine, value, error)
        return IntegrationResult(value: value, error: error)
    }
}

/// A QUADPACK workspace of `limit` subintervals, owned and freed.
final class QuadratureWorkspace {
    let pointer: UnsafeMutablePointer<gsl_integration_workspace>
    let limit: Int

    init(limit: Int, routine: String) throws {
        GSLRuntime.ensureReady()
        guard limit >= 1 else {
            throw GSLError.invalidArgument(routine, "limit must be at least 1 subinterval, got \(limit)")
        }
        guard let pointer = gsl_integration_workspace_alloc(limit) else {
            throw GSLError(routine: "gsl_integration_workspace_alloc", status: Int32(GSL_ENOMEM))
        }
        self.pointer = pointer
        self.limit = limit
    }

    deinit { gsl_integration_workspace_free(pointer) }
}

/// Holds a Swift integrand for GSL's `params` pointer.
final class ScalarFunctionBox {
    let f: (Double) -> Double
    init(_ f: @escaping (Double) -> Double) { self.f = f }
}

/// Calls `body` with a `gsl_function` that evaluates `f`; `f` is passed
/// through `params` (unretained, kept alive for the call).
func withGSLFunction<R>(_ f: (Double) -> Double, _ body: (UnsafeMutablePointer<gsl_function>) throws -> R) rethrows -> R {
    try withoutActuallyEscaping(f) { escapable in
        let box = ScalarFunctionBox(escapable)
        return try withExtendedLifetime(box) {
            var function = gsl_function(
                function: { x, params in
                    Unmanaged<ScalarFunctionBox>.fromOpaque(params!).takeUnretainedValue().f(x)
                },
                params: Unmanaged.passUnretained(box).toOpaque()
            )
            return try body(&function)
        }
    }
}
