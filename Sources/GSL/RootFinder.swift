import CGSL

/// One-dimensional root finding on a bracket (GSL manual, "One Dimensional
/// Root-Finding"). Each call owns its GSL state.
public enum RootFinder {
    /// A root of f in `lower…upper` by Brent–Dekker (`gsl_root_fsolver_brent`),
    /// which needs f(lower) and f(upper) of opposite signs (or one of them 0).
    /// Stops when the bracket satisfies |b − a| ≤ absoluteTolerance +
    /// relativeTolerance·min(|a|, |b|) (`gsl_root_test_interval`).
    /// Returns GSL's root estimate and the final bracket.
    public static func brent(
        _ f: (Double) -> Double, lower: Double, upper: Double,
        absoluteTolerance: Double = 0, relativeTolerance: Double = 1e-12,
        maxIterations: Int = 200
    ) throws -> (x: Double, lower: Double, upper: Double) {
        GSLRuntime.ensureReady()
        let routine = "gsl_root_fsolver_brent"
        guard lower.isFinite, upper.isFinite, lower < upper else {
            throw GSLError.invalidArgument(routine, "need finite lower < upper, got lower = \(lower), upper = \(upper)")
        }
        guard absoluteTolerance >= 0, relativeTolerance >= 0, absoluteTolerance + relativeTolerance > 0 else {
            throw GSLError.invalidArgument(routine, "tolerances must be ≥ 0 and not both 0")
        }
        let fLower = f(lower), fUpper = f(upper)
        try GSLError.checkFinite(routine, fLower, fUpper)
        if fLower == 0 { return (lower, lower, lower) }
        if fUpper == 0 { return (upper, upper, upper) }
        guard (fLower < 0) != (fUpper < 0) else {
            throw GSLError.invalidArgument(routine, "f(lower = \(lower)) = \(fLower) and f(upper = \(upper)) = \(fUpper) do not bracket a root")
        }
        guard let s = gsl_root_fsolver_alloc(cgsl_root_fsolver_brent()) else {
            throw GSLError(routine: "gsl_root_fsolver_alloc", status: Int32(GSL_ENOMEM))
        }
        defer { gsl_root_fsolver_free(s) }
        return try withGSLFunction(f) { function in
            try GSLError.check(gsl_root_fsolver_set(s, function, lower, upper), "gsl_root_fsolver_set")
            for _ in 1...max(maxIterations, 1) {
                try GSLError.check(gsl_root_fsolver_iterate(s), "gsl_root_fsolver_iterate")
                let a = gsl_root_fsolver_x_lower(s), b = gsl_root_fsolver_x_upper(s)
                if gsl_root_test_interval(a, b, absoluteTolerance, relativeTolerance) == Int32(GSL_SUCCESS) || a == b {
                    return (gsl_root_fsolver_root(s), a, b)
                }
            }
            // The bracket is as tight as double precision allows: report it.
            return (gsl_root_fsolver_root(s), gsl_root_fsolver_x_lower(s), gsl_root_fsolver_x_upper(s))
        }
    }
}
