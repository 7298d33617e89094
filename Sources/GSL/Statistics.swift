import CGSL

/// Sample statistics (GSL manual, "Statistics"). Empty input throws.
public enum Statistics {
    /// x̄ = (1/n) Σ xᵢ.
    public static func mean(_ x: [Double]) throws -> Double {
        try nonEmpty(x, "Statistics.mean")
        return gsl_stats_mean(x, 1, x.count)
    }

    /// Unbiased sample variance s² = Σ (xᵢ − x̄)² / (n − 1); needs n ≥ 2.
    public static func variance(_ x: [Double]) throws -> Double {
        guard x.count >= 2 else {
            throw GSLError.invalidArgument("Statistics.variance", "need at least 2 values, got \(x.count)")
        }
        return gsl_stats_variance(x, 1, x.count)
    }

    /// s = √s² (unbiased variance); needs n ≥ 2.
    public static func standardDeviation(_ x: [Double]) throws -> Double {
        try variance(x).squareRoot()
    }

    /// The `fraction` quantile of already sorted data, linearly interpolated:
    /// with δ = (n − 1)·f, i = ⌊δ⌋, q = (1 − (δ − i))·x_i + (δ − i)·x_{i+1}
    /// (`gsl_stats_quantile_from_sorted_data`).
    public static func quantile(sorted x: [Double], fraction: Double) throws -> Double {
        let routine = "Statistics.quantile"
        try nonEmpty(x, routine)
        guard fraction >= 0, fraction <= 1 else {
            throw GSLError.invalidArgument(routine, "fraction must be in [0, 1], got \(fraction)")
        }
        for i in 1..<max(x.count, 1) where x[i - 1] > x[i] {
            throw GSLError.invalidArgument(routine, "data must be sorted ascending: x[\(i - 1)] = \(x[i - 1]) > x[\(i)] = \(x[i])")
        }
        return gsl_stats_quantile_from_sorted_data(x, 1, x.count, fraction)
    }

    /// The `fraction` quantile of unsorted data (sorts a copy).
    public static func quantile(_ x: [Double], fraction: Double) throws -> Double {
        if let i = x.firstIndex(where: { $0.isNaN }) {
            throw GSLError.invalidArgument("Statistics.quantile", "x[\(i)] is NaN")
        }
        return try quantile(sorted: x.sorted(), fraction: fraction)
    }

    /// Autocovariance γ(k) = (1/n) Σ_{t<n−k} (x_t − x̄)(x_{t+k} − x̄) for
    /// k = 0…maxLag (the biased estimator, positive semi-definite, as used for
    /// effective sample sizes). Direct sum, O(n · maxLag).
    public static func autocovariance(_ x: [Double], maxLag: Int) throws -> [Double] {
        let routine = "Statistics.autocovariance"
        try nonEmpty(x, routine)
        guard maxLag >= 0, maxLag < x.count else {
            throw GSLError.invalidArgument(routine, "maxLag must be in 0..<\(x.count) (the series length), got \(maxLag)")
        }
        let n = x.count
        let mean = gsl_stats_mean(x, 1, n)
        var centred = x
        for i in 0..<n { centred[i] -= mean }
        return centred.withUnsafeBufferPointer { c in
            (0...maxLag).map { k in
                var s = 0.0
                for t in 0..<(n - k) { s += c[t] * c[t + k] }
                return s / Double(n)
            }
        }
    }

    /// Autocorrelation ρ(k) = γ(k)/γ(0), k = 0…maxLag. A constant series
    /// (γ(0) = 0) throws.
    public static func autocorrelation(_ x: [Double], maxLag: Int) throws -> [Double] {
        let gamma = try autocovariance(x, maxLag: maxLag)
        guard gamma[0] > 0 else {
            throw GSLError.invalidArgument("Statistics.autocorrelation", "series is constant (zero variance)")
        }
        return gamma.map { $0 / gamma[0] }
    }

    static func nonEmpty(_ x: [Double], _ routine: String) throws {
        guard !x.isEmpty else { throw GSLError.invalidArgument(routine, "needs at least one value, got none") }
    }
}
