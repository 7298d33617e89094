import CGSL

/// Least-squares fitting, after the GSL manual's "Linear Least-Squares
/// Fitting" and "Nonlinear Least-Squares Fitting" chapters.
public enum LeastSquares {
    /// Ordinary least squares `min |y − Xc|²` (`gsl_multifit_linear`, SVD).
    /// `design` holds the n rows of X (each with p entries, n ≥ p).
    public static func linear(design: [[Double]], y: [Double]) throws -> LinearFit {
        let routine = "gsl_multifit_linear"
        let (n, p) = try validate(design: design, y: y, weights: nil, routine: routine)
        let X = try OwnedMatrix(rows: design, routine: routine)
        let Y = try OwnedVector(y, routine: routine)
        let c = try OwnedVector(count: p, routine: routine)
        let cov = try OwnedMatrix(rows: p, columns: p, routine: routine)
        guard let work = gsl_multifit_linear_alloc(n, p) else {
            throw GSLError(routine: "gsl_multifit_linear_alloc", status: Int32(GSL_ENOMEM))
        }
        defer { gsl_multifit_linear_free(work) }
        var chiSquared = 0.0
        try GSLError.check(gsl_multifit_linear(X.pointer, Y.pointer, c.pointer, cov.pointer, &chiSquared, work), routine)
        let fit = LinearFit(coefficients: c.array, covariance: cov.rows, chiSquared: chiSquared, dof: n - p)
        try GSLError.checkFinite(routine, chiSquared, fit.coefficients.reduce(0, +))
        return fit
    }

    /// Weighted least squares `min Σ wᵢ (yᵢ − (Xc)ᵢ)²` (`gsl_multifit_wlinear`);
    /// with `wᵢ = 1/σᵢ²` the covariance `(XᵀWX)⁻¹` is the coefficients' covariance.
    public static func weightedLinear(design: [[Double]], y: [Double], weights: [Double]) throws -> LinearFit {
        let routine = "gsl_multifit_wlinear"
        let (n, p) = try validate(design: design, y: y, weights: weights, routine: routine)
        let X = try OwnedMatrix(rows: design, routine: routine)
        let Y = try OwnedVector(y, routine: routine)
        let W = try OwnedVector(weights, routine: routine)
        let c = try OwnedVector(count: p, routine: routine)
        let cov = try OwnedMatrix(rows: p, columns: p, routine: routine)
        guard let work = gsl_multifit_linear_alloc(n, p) else {
            throw GSLError(routine: "gsl_multifit_linear_alloc", status: Int32(GSL_ENOMEM))
        }
        defer { gsl_multifit_linear_free(work) }
        var chiSquared = 0.0
        try GSLError.check(gsl_multifit_wlinear(X.pointer, W.pointer, Y.pointer, c.pointer, cov.pointer, &chiSquared, work), routine)
        let fit = LinearFit(coefficients: c.array, covariance: cov.rows, chiSquared: chiSquared, dof: n - p)
        try GSLError.checkFinite(routine, chiSquared, fit.coefficients.reduce(0, +))
        return fit
    }

    /// Fits `y ≈ Σⱼ cⱼ fⱼ(x)` for basis functions `fⱼ`, building the design
    /// matrix `Xᵢⱼ = fⱼ(xᵢ)`; weighted when `weights` (wᵢ = 1/σᵢ²) is given.
    public static func fit(
        x: [Double], y: [Double], weights: [Double]? = nil, basis: [(Double) -> Double]
    ) throws -> LinearFit {
        guard !basis.isEmpty else {
            throw GSLError.invalidArgument("LeastSquares.fit", "basis must hold at least one function")
        }
        guard x.count == y.count else {
            throw GSLError.invalidArgument("LeastSquares.fit", "x has \(x.count) values but y has \(y.count)")
        }
        let design = x.map { xi in basis.map { $0(xi) } }
        if let weights {
            return try weightedLinear(design: design, y: y, weights: weights)
        }
        return try linear(design: design, y: y)
    }

    /// Fits a straight line `y ≈ c₀ + c₁ x` (weighted when `weights` is given).
    public static func line(x: [Double], y: [Double], weights: [Double]? = nil) throws -> LinearFit {
        try fit(x: x, y: y, weights: weights, basis: [{ _ in 1 }, { $0 }])
    }

    /// Checks shapes and finiteness; returns (n, p).
    static func validate(design: [[Double]], y: [Double], weights: [Double]?, routine: String) throws -> (Int, Int) {
        let n = design.count
        guard n >= 1, let p = design.first?.count, p >= 1 else {
            throw GSLError.invalidArgument(routine, "design matrix must have at least one row and one column")
        }
        for (i, row) in design.enumerated() {
            guard row.count == p else {
                throw GSLError.invalidArgument(routine, "design row \(i) has \(row.count) entries, expected \(p)")
            }
            if let j = row.firstIndex(where: { !$0.isFinite }) {
                throw GSLError.invalidArgument(routine, "design[\(i)][\(j)] is not finite (\(row[j]))")
            }
        }
        guard n >= p else {
            throw GSLError.invalidArgument(routine, "need at least as many observations as coefficients, got n = \(n) < p = \(p)")
        }
        guard y.count == n else {
            throw GSLError.invalidArgument(routine, "y has \(y.count) values but the design matrix has \(n) rows")
        }
        if let i = y.firstIndex(where: { !$0.isFinite }) {
            throw GSLError.invalidArgument(routine, "y[\(i)] is not finite (\(y[i]))")
        }
        if let weights {
            guard weights.count == n else {
                throw GSLError.invalidArgument(routine, "weights has \(weights.count) values but y has \(n)")
            }
            if let i = weights.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
                throw GSLError.invalidArgument(routine, "weights[\(i)] must be finite and ≥ 0, got \(weights[i])")
            }
        }
        return (n, p)
    }
}
