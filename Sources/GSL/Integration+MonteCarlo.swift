import CGSL

extension Integration {
    /// ∫ f over the box `lower…upper` by PLAIN Monte Carlo: the mean of
    /// `calls` uniform points times the volume; `error` is one standard error.
    public static func plain(
        _ f: (UnsafeBufferPointer<Double>) -> Double,
        lower: [Double], upper: [Double], calls: Int, rng: RandomStream
    ) throws -> IntegrationResult {
        let routine = "gsl_monte_plain_integrate"
        let dim = try validateBox(lower: lower, upper: upper, calls: calls, routine: routine)
        guard let state = gsl_monte_plain_alloc(dim) else {
            throw GSLError(routine: "gsl_monte_plain_alloc", status: Int32(GSL_ENOMEM))
        }
        defer { gsl_monte_plain_free(state) }
        var value = 0.0, error = 0.0
        let status = withMonteFunction(f, dimension: dim) {
            gsl_monte_plain_integrate($0, lower, upper, dim, calls, rng.rng, state, &value, &error)
        }
        try GSLError.check(status, routine)
        try GSLError.checkFinite(routine, value, error)
        return IntegrationResult(value: value, error: error, evaluations: calls)
    }

    /// ∫ f over the box by MISER (Press & Farrar 1990): recursive stratified
    /// sampling that bisects along the coordinate with the largest variance
    /// reduction; `error` is one standard error.
    public static func miser(
        _ f: (UnsafeBufferPointer<Double>) -> Double,
        lower: [Double], upper: [Double], calls: Int, rng: RandomStream
    ) throws -> IntegrationResult {
        let routine = "gsl_monte_miser_integrate"
        let dim = try validateBox(lower: lower, upper: upper, calls: calls, routine: routine)
        guard let state = gsl_monte_miser_alloc(dim) else {
            throw GSLError(routine: "gsl_monte_miser_alloc", status: Int32(GSL_ENOMEM))
        }
        defer { gsl_monte_miser_free(state) }
        var value = 0.0, error = 0.0
        let status = withMonteFunction(f, dimension: dim) {
            gsl_monte_miser_integrate($0, lower, upper, dim, calls, rng.rng, state, &value, &error)
        }
        try GSLError.check(status, routine)
        try GSLError.checkFinite(routine, value, error)
        return IntegrationResult(value: value, error: error, evaluations: calls)
    }

    /// ∫ f over the box by VEGAS (Lepage 1978), as the GSL manual recommends:
    /// a warm-up of `warmUpCalls` evaluations adapts the grid and is
    /// discarded; then rounds of `calls` evaluations each (GSL's 5 internal
    /// iterations, on the kept grid, results reset per round) repeat until
    /// `|χ²/dof − 1| ≤ chiSquaredTolerance`. Returns the last round's
    /// estimate, its σ, the number of rounds and its χ²/dof; throws
    /// (`GSL_EMAXITER`) if `maxIterations` rounds do not reach consistency.
    public static func vegas(
        _ f: (UnsafeBufferPointer<Double>) -> Double,
        lower: [Double], upper: [Double], calls: Int, rng: RandomStream,
        warmUpCalls: Int = 10_000, maxIterations: Int = 50, chiSquaredTolerance: Double = 0.5
    ) throws -> IntegrationResult {
        let routine = "gsl_monte_vegas_integrate"
        let dim = try validateBox(lower: lower, upper: upper, calls: calls, routine: routine)
        guard warmUpCalls >= 1 else {
            throw GSLError.invalidArgument(routine, "warmUpCalls must be at least 1, got \(warmUpCalls)")
        }
        guard maxIterations >= 1 else {
            throw GSLError.invalidArgument(routine, "maxIterations must be at least 1, got \(maxIterations)")
        }
        guard chiSquaredTolerance > 0 else {
            throw GSLError.invalidArgument(routine, "chiSquaredTolerance must be positive, got \(chiSquaredTolerance)")
        }
        guard let state = gsl_monte_vegas_alloc(dim) else {
            throw GSLError(routine: "gsl_monte_vegas_alloc", status: Int32(GSL_ENOMEM))
        }
        defer { gsl_monte_vegas_free(state) }
        var value = 0.0, error = 0.0
        var xl = lower, xu = upper  // gsl_monte_vegas_integrate takes non-const bounds
        return try withMonteFunction(f, dimension: dim) { function in
            let warmUp = gsl_monte_vegas_integrate(function, &xl, &xu, dim, warmUpCalls,
                                                   rng.rng, state, &value, &error)
            try GSLError.check(warmUp, routine)
            var chiSquared = Double.nan
            for round in 1...maxIterations {
                // Stage 1: keep the adapted grid, discard accumulated results.
                var params = gsl_monte_vegas_params()
                gsl_monte_vegas_params_get(state, &params)
                params.stage = 1
                gsl_monte_vegas_params_set(state, &params)
                let status = gsl_monte_vegas_integrate(function, &xl, &xu, dim, calls,
                                                       rng.rng, state, &value, &error)
                try GSLError.check(status, routine)
                try GSLError.checkFinite(routine, value, error)
                chiSquared = cgsl_vegas_chisq(state)
                if abs(chiSquared - 1) <= chiSquaredTolerance {
                    return IntegrationResult(value: value, error: error,
                                             evaluations: warmUpCalls + round * calls,
                                             iterations: round, chiSquaredPerDof: chiSquared)
                }
            }
            throw GSLError(routine: routine, status: Int32(GSL_EMAXITER),
                           reason: "chi²/dof = \(chiSquared) still differs from 1 by more than \(chiSquaredTolerance) after \(maxIterations) rounds (last estimate \(value) ± \(error))")
        }
    }

    /// Checks the box and call count; returns the dimension.
    static func validateBox(lower: [Double], upper: [Double], calls: Int, routine: String) throws -> Int {
        GSLRuntime.ensureReady()
        guard !lower.isEmpty else { throw GSLError.invalidArgument(routine, "lower must have at least one coordinate") }
        guard lower.count == upper.count else {
            throw GSLError.invalidArgument(routine, "lower has \(lower.count) coordinates but upper has \(upper.count)")
        }
        for i in lower.indices {
            guard lower[i].isFinite, upper[i].isFinite, lower[i] < upper[i] else {
                throw GSLError.invalidArgument(routine, "coordinate \(i): need finite lower < upper, got lower[\(i)] = \(lower[i]), upper[\(i)] = \(upper[i])")
            }
        }
        guard calls >= 2 else { throw GSLError.invalidArgument(routine, "calls must be at least 2, got \(calls)") }
        return lower.count
    }
}

/// Holds a Swift Monte Carlo integrand for GSL's `params` pointer.
final class MonteFunctionBox {
    let f: (UnsafeBufferPointer<Double>) -> Double
    init(_ f: @escaping (UnsafeBufferPointer<Double>) -> Double) { self.f = f }
}

/// Calls `body` with a `gsl_monte_function` evaluating `f` on GSL's point
/// buffer (no copy, no allocation per evaluation).
func withMonteFunction<R>(
    _ f: (UnsafeBufferPointer<Double>) -> Double, dimension: Int,
    _ body: (UnsafeMutablePointer<gsl_monte_function>) throws -> R
) rethrows -> R {
    try withoutActuallyEscaping(f) { escapable in
        let box = MonteFunctionBox(escapable)
        return try withExtendedLifetime(box) {
            var function = gsl_monte_function(
                f: { x, dim, params in
                    Unmanaged<MonteFunctionBox>.fromOpaque(params!).takeUnretainedValue()
                        .f(UnsafeBufferPointer(start: x, count: dim))
                },
                dim: dimension,
                params: Unmanaged.passUnretained(box).toOpaque()
            )
            return try body(&function)
        }
    }
}
