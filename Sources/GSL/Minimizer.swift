import CGSL

/// Derivative-free minimisation (GSL manual, "One Dimensional Minimization"
/// and "Multidimensional Minimization"). Each call owns its GSL state.
public enum Minimizer {
    /// Brent's method on the bracket `lower…upper` around `guess`
    /// (`gsl_min_fminimizer_brent`), which needs f(guess) < f(lower) and
    /// f(guess) < f(upper). Stops when the bracket satisfies
    /// |b − a| ≤ absoluteTolerance + relativeTolerance·min(|a|, |b|). Near a
    /// smooth minimum f is flat to O(√ε_machine·|x|), so a relative tolerance
    /// much below 1e-8 cannot be met.
    public static func brent(
        _ f: (Double) -> Double, lower: Double, upper: Double, guess: Double,
        absoluteTolerance: Double = 1e-9, relativeTolerance: Double = 1e-7,
        maxIterations: Int = 500
    ) throws -> ScalarMinimum {
        GSLRuntime.ensureReady()
        let routine = "gsl_min_fminimizer_brent"
        guard lower.isFinite, upper.isFinite, lower < guess, guess < upper else {
            throw GSLError.invalidArgument(routine, "need finite lower < guess < upper, got lower = \(lower), guess = \(guess), upper = \(upper)")
        }
        guard maxIterations >= 1 else {
            throw GSLError.invalidArgument(routine, "maxIterations must be at least 1, got \(maxIterations)")
        }
        guard let s = gsl_min_fminimizer_alloc(cgsl_min_fminimizer_brent()) else {
            throw GSLError(routine: "gsl_min_fminimizer_alloc", status: Int32(GSL_ENOMEM))
        }
        defer { gsl_min_fminimizer_free(s) }
        return try withGSLFunction(f) { function in
            let fGuess = function.pointee.function(guess, function.pointee.params)
            let fLower = function.pointee.function(lower, function.pointee.params)
            let fUpper = function.pointee.function(upper, function.pointee.params)
            try GSLError.checkFinite(routine, fGuess, fLower, fUpper)
            guard fGuess < fLower, fGuess < fUpper else {
                throw GSLError.invalidArgument(routine, "guess does not bracket a minimum: f(guess = \(guess)) = \(fGuess) must be below f(lower) = \(fLower) and f(upper) = \(fUpper)")
            }
            try GSLError.check(gsl_min_fminimizer_set_with_values(s, function, guess, fGuess, lower, fLower, upper, fUpper),
                               "gsl_min_fminimizer_set")
            for iteration in 1...maxIterations {
                try GSLError.check(gsl_min_fminimizer_iterate(s), "gsl_min_fminimizer_iterate")
                let a = gsl_min_fminimizer_x_lower(s), b = gsl_min_fminimizer_x_upper(s)
                if gsl_min_test_interval(a, b, absoluteTolerance, relativeTolerance) == Int32(GSL_SUCCESS) {
                    let x = gsl_min_fminimizer_x_minimum(s), value = gsl_min_fminimizer_f_minimum(s)
                    try GSLError.checkFinite(routine, x, value)
                    return ScalarMinimum(x: x, value: value, iterations: iteration)
                }
            }
            throw GSLError(routine: routine, status: Int32(GSL_EMAXITER),
                           reason: "bracket still wider than the tolerance after \(maxIterations) iterations")
        }
    }

    /// Nelder–Mead simplex (`gsl_multimin_fminimizer_nmsimplex2`) from `start`
    /// with initial steps `stepSizes`; stops when the simplex's mean distance
    /// from its centre falls below `sizeTolerance`. With `requireConvergence`
    /// false it returns the best vertex after `maxIterations` instead of
    /// throwing: on a valley of minima (a singular model's set of true
    /// parameters) the simplex never shrinks along the valley, yet its best
    /// value is the minimum.
    public static func nelderMead(
        _ f: ([Double]) -> Double, start: [Double], stepSizes: [Double],
        sizeTolerance: Double = 1e-8, maxIterations: Int = 10_000, requireConvergence: Bool = true
    ) throws -> Minimum {
        GSLRuntime.ensureReady()
        let routine = "gsl_multimin_fminimizer_nmsimplex2"
        let n = start.count
        guard n >= 1 else { throw GSLError.invalidArgument(routine, "start must hold at least one coordinate") }
        guard stepSizes.count == n else {
            throw GSLError.invalidArgument(routine, "stepSizes has \(stepSizes.count) values but start has \(n)")
        }
        if let i = start.firstIndex(where: { !$0.isFinite }) {
            throw GSLError.invalidArgument(routine, "start[\(i)] is not finite (\(start[i]))")
        }
        if let i = stepSizes.firstIndex(where: { !($0.isFinite && $0 != 0) }) {
            throw GSLError.invalidArgument(routine, "stepSizes[\(i)] must be finite and non-zero, got \(stepSizes[i])")
        }
        guard maxIterations >= 1, sizeTolerance > 0 else {
            throw GSLError.invalidArgument(routine, "need maxIterations ≥ 1 and sizeTolerance > 0, got \(maxIterations) and \(sizeTolerance)")
        }
        guard let s = gsl_multimin_fminimizer_alloc(cgsl_multimin_fminimizer_nmsimplex2(), n) else {
            throw GSLError(routine: "gsl_multimin_fminimizer_alloc", status: Int32(GSL_ENOMEM))
        }
        defer { gsl_multimin_fminimizer_free(s) }
        let x0 = try OwnedVector(start, routine: routine)
        let steps = try OwnedVector(stepSizes, routine: routine)
        return try withoutActuallyEscaping(f) { f in
            let box = VectorFunctionBox(f)
            return try withExtendedLifetime(box) {
                var function = gsl_multimin_function(
                    f: { x, params in
                        Unmanaged<VectorFunctionBox>.fromOpaque(params!).takeUnretainedValue().f(OwnedVector.array(x!))
                    },
                    n: n,
                    params: Unmanaged.passUnretained(box).toOpaque()
                )
                try GSLError.check(gsl_multimin_fminimizer_set(s, &function, x0.pointer, steps.pointer),
                                   "gsl_multimin_fminimizer_set")
                for iteration in 1...maxIterations {
                    try GSLError.check(gsl_multimin_fminimizer_iterate(s), "gsl_multimin_fminimizer_iterate")
                    let value = gsl_multimin_fminimizer_minimum(s)
                    try GSLError.checkFinite(routine, value)
                    if gsl_multimin_test_size(gsl_multimin_fminimizer_size(s), sizeTolerance) == Int32(GSL_SUCCESS) {
                        return Minimum(point: OwnedVector.array(gsl_multimin_fminimizer_x(s)),
                                       value: value, iterations: iteration)
                    }
                }
                if !requireConvergence {
                    return Minimum(point: OwnedVector.array(gsl_multimin_fminimizer_x(s)),
                                   value: gsl_multimin_fminimizer_minimum(s), iterations: maxIterations)
                }
                throw GSLError(routine: routine, status: Int32(GSL_EMAXITER),
                               reason: "simplex size still above \(sizeTolerance) after \(maxIterations) iterations")
            }
        }
    }
}

/// Holds a Swift objective ([Double]) → Double for GSL's `params`.
final class VectorFunctionBox {
    let f: ([Double]) -> Double
    init(_ f: @escaping ([Double]) -> Double) { self.f = f }
}
