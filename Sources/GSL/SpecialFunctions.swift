import CGSL

/// Special functions and distribution tails (GSL manual, "Special Functions"
/// and "Random Number Distributions"). Domain errors throw `GSLError`.
public enum SpecialFunctions {
    /// log|Γ(x)| (`gsl_sf_lngamma_e`); throws at the poles x = 0, −1, −2, ….
    public static func logGamma(_ x: Double) throws -> Double {
        try evaluate("gsl_sf_lngamma_e") { gsl_sf_lngamma_e(x, $0) }
    }

    /// Regularised lower incomplete gamma P(a, x) = γ(a, x)/Γ(a), a > 0, x ≥ 0
    /// (`gsl_sf_gamma_inc_P_e`).
    public static func gammaIncLowerRegularized(_ a: Double, _ x: Double) throws -> Double {
        try evaluate("gsl_sf_gamma_inc_P_e") { gsl_sf_gamma_inc_P_e(a, x, $0) }
    }

    /// Unnormalised lower incomplete gamma γ(a, x) = ∫₀ˣ t^(a−1) e^(−t) dt
    /// = P(a, x)·Γ(a), computed as exp(log P + log Γ(a)) to avoid overflow.
    /// Example: γ(1/2, x) = √π·erf(√x).
    public static func gammaIncLower(_ a: Double, _ x: Double) throws -> Double {
        let p = try gammaIncLowerRegularized(a, x)
        if p == 0 { return 0 }
        return exp(log(p) + (try logGamma(a)))
    }

    /// Regularised upper incomplete gamma Q(a, x) = 1 − P(a, x), a > 0, x ≥ 0
    /// (`gsl_sf_gamma_inc_Q_e`).
    public static func gammaIncUpperRegularized(_ a: Double, _ x: Double) throws -> Double {
        try evaluate("gsl_sf_gamma_inc_Q_e") { gsl_sf_gamma_inc_Q_e(a, x, $0) }
    }

    /// Unnormalised upper incomplete gamma Γ(a, x) = ∫ₓ^∞ t^(a−1) e^(−t) dt,
    /// any real a, x ≥ 0 (x > 0 when a ≤ 0) (`gsl_sf_gamma_inc_e`).
    public static func gammaIncUpper(_ a: Double, _ x: Double) throws -> Double {
        try evaluate("gsl_sf_gamma_inc_e") { gsl_sf_gamma_inc_e(a, x, $0) }
    }

    /// Upper tail of the χ² distribution, Q(x; ν) = P(χ²_ν > x) = Q(ν/2, x/2)
    /// (`gsl_cdf_chisq_Q`).
    public static func chiSquaredQ(_ x: Double, dof: Double) throws -> Double {
        GSLRuntime.ensureReady()
        guard dof > 0, dof.isFinite else {
            throw GSLError.invalidArgument("gsl_cdf_chisq_Q", "dof must be positive and finite, got \(dof)")
        }
        guard !x.isNaN else { throw GSLError.invalidArgument("gsl_cdf_chisq_Q", "x is NaN") }
        return gsl_cdf_chisq_Q(x, dof)
    }

    /// Standard normal quantile Φ⁻¹(p), 0 < p < 1 (`gsl_cdf_ugaussian_Pinv`).
    public static func normalQuantile(_ p: Double) throws -> Double {
        GSLRuntime.ensureReady()
        guard p > 0, p < 1 else {
            throw GSLError.invalidArgument("gsl_cdf_ugaussian_Pinv", "p must be in (0, 1), got \(p)")
        }
        return gsl_cdf_ugaussian_Pinv(p)
    }

    /// log Σ exp(xᵢ), stably: m + log Σ exp(xᵢ − m) with m = max xᵢ.
    /// Empty input gives −∞ (log 0); a +∞ term gives +∞; NaN propagates.
    @inlinable
    public static func logSumExp(_ x: UnsafeBufferPointer<Double>) -> Double {
        var m = -Double.infinity
        for v in x {
            if v.isNaN { return .nan }
            if v > m { m = v }
        }
        if !m.isFinite { return m }
        var s = 0.0
        for v in x { s += exp(v - m) }
        return m + log(s)
    }

    /// log Σ exp(xᵢ), stably (see the buffer version).
    @inlinable
    public static func logSumExp(_ x: [Double]) -> Double {
        x.withUnsafeBufferPointer { logSumExp($0) }
    }

    /// Runs a `gsl_sf_*_e` function and checks its status and value.
    static func evaluate(_ routine: String, _ body: (UnsafeMutablePointer<gsl_sf_result>) -> Int32) throws -> Double {
        GSLRuntime.ensureReady()
        var result = gsl_sf_result(val: 0, err: 0)
        try GSLError.check(body(&result), routine)
        try GSLError.checkFinite(routine, result.val)
        return result.val
    }
}
