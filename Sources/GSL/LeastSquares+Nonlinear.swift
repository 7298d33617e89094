import CGSL

extension LeastSquares {
    /// Nonlinear least squares `min Σ wᵢ rᵢ(θ)²` by GSL's trust-region
    /// driver with the Levenberg–Marquardt subproblem (`gsl_multifit_nlinear`).
    ///
    /// - Parameters:
    ///   - start: the initial parameters θ₀ (p of them).
    ///   - observations: n, the number of residuals (n ≥ p).
    ///   - weights: optional wᵢ = 1/σᵢ² (then the covariance is `(JᵀWJ)⁻¹`).
    ///   - maxIterations, xTolerance, gTolerance: the driver's stopping rule
    ///     (relative step below `xTolerance`, or scaled gradient below `gTolerance`).
    ///   - residuals: θ ↦ r(θ), n values.
    ///   - jacobian: θ ↦ ∂rᵢ/∂θⱼ as n rows of p; finite differences when nil.
    public static func nonlinear(
        start: [Double], observations n: Int, weights: [Double]? = nil,
        maxIterations: Int = 500, xTolerance: Double = 1e-10, gTolerance: Double = 1e-10,
        residuals: ([Double]) -> [Double],
        jacobian: (([Double]) -> [[Double]])? = nil
    ) throws -> NonlinearFit {
        let routine = "gsl_multifit_nlinear_driver"
        let p = start.count
        guard p >= 1 else { throw GSLError.invalidArgument(routine, "start must hold at least one parameter") }
        if let j = start.firstIndex(where: { !$0.isFinite }) {
            throw GSLError.invalidArgument(routine, "start[\(j)] is not finite (\(start[j]))")
        }
        guard n >= p else {
            throw GSLError.invalidArgument(routine, "need at least as many observations as parameters, got n = \(n) < p = \(p)")
        }
        guard maxIterations >= 1 else {
            throw GSLError.invalidArgument(routine, "maxIterations must be at least 1, got \(maxIterations)")
        }
        if let weights {
            guard weights.count == n else {
                throw GSLError.invalidArgument(routine, "weights has \(weights.count) values but observations is \(n)")
            }
            if let i = weights.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
                throw GSLError.invalidArgument(routine, "weights[\(i)] must be finite and ≥ 0, got \(weights[i])")
            }
        }
        var parameters = gsl_multifit_nlinear_default_parameters()
        parameters.trs = cgsl_multifit_nlinear_trs_lm()
        guard let work = gsl_multifit_nlinear_alloc(cgsl_multifit_nlinear_trust(), &parameters, n, p) else {
            throw GSLError(routine: "gsl_multifit_nlinear_alloc", status: Int32(GSL_ENOMEM))
        }
        defer { gsl_multifit_nlinear_free(work) }
        let x0 = try OwnedVector(start, routine: routine)
        let wts = try weights.map { try OwnedVector($0, routine: routine) }
        let cov = try OwnedMatrix(rows: p, columns: p, routine: routine)

        return try withoutActuallyEscaping(residuals) { residuals in
            let box = ResidualBox(residuals: residuals, jacobian: jacobian, n: n, p: p)
            return try withExtendedLifetime(box) {
                var fdf = gsl_multifit_nlinear_fdf()
                fdf.f = { x, params, f in
                    Unmanaged<ResidualBox>.fromOpaque(params!).takeUnretainedValue().residuals(x!, into: f!)
                }
                fdf.df = jacobian == nil ? nil : { x, params, J in
                    Unmanaged<ResidualBox>.fromOpaque(params!).takeUnretainedValue().jacobian(x!, into: J!)
                }
                fdf.fvv = nil
                fdf.n = n
                fdf.p = p
                fdf.params = Unmanaged.passUnretained(box).toOpaque()

                let initStatus = if let wts {
                    gsl_multifit_nlinear_winit(x0.pointer, wts.pointer, &fdf, work)
                } else {
                    gsl_multifit_nlinear_init(x0.pointer, &fdf, work)
                }
                if let failure = box.failure { throw failure }
                try GSLError.check(initStatus, "gsl_multifit_nlinear_init")

                var info: Int32 = 0
                let status = gsl_multifit_nlinear_driver(maxIterations, xTolerance, gTolerance, 0,
                                                         nil, nil, &info, work)
                if let failure = box.failure { throw failure }
                try GSLError.check(status, routine)

                let position = OwnedVector.array(gsl_multifit_nlinear_position(work))
                let residual = OwnedVector.array(gsl_multifit_nlinear_residual(work))
                let chiSquared = residual.reduce(0) { $0 + $1 * $1 }
                try GSLError.check(gsl_multifit_nlinear_covar(gsl_multifit_nlinear_jac(work), 0, cov.pointer),
                                   "gsl_multifit_nlinear_covar")
                var covariance = cov.rows
                let dof = n - p
                if weights == nil {
                    let s2 = dof > 0 ? chiSquared / Double(dof) : 0
                    covariance = covariance.map { $0.map { $0 * s2 } }
                }
                try GSLError.checkFinite(routine, chiSquared, position.reduce(0, +))
                return NonlinearFit(parameters: position, covariance: covariance, chiSquared: chiSquared,
                                    dof: dof, iterations: gsl_multifit_nlinear_niter(work))
            }
        }
    }
}

/// Holds the Swift residual and Jacobian closures for GSL's `params`, and the
/// first problem they caused (reported instead of GSL's generic status).
final class ResidualBox {
    let residualFunction: ([Double]) -> [Double]
    let jacobianFunction: (([Double]) -> [[Double]])?
    let n: Int, p: Int
    var failure: GSLError?

    init(residuals: @escaping ([Double]) -> [Double], jacobian: (([Double]) -> [[Double]])?, n: Int, p: Int) {
        self.residualFunction = residuals
        self.jacobianFunction = jacobian
        self.n = n
        self.p = p
    }

    func residuals(_ x: UnsafePointer<gsl_vector>, into f: UnsafeMutablePointer<gsl_vector>) -> Int32 {
        let r = residualFunction(OwnedVector.array(x))
        guard r.count == n else {
            return fail("residuals returned \(r.count) values, expected observations = \(n)")
        }
        if let i = r.firstIndex(where: { !$0.isFinite }) {
            return fail("residual \(i) is not finite (\(r[i])) at parameters \(OwnedVector.array(x))")
        }
        for (i, v) in r.enumerated() { gsl_vector_set(f, i, v) }
        return Int32(GSL_SUCCESS)
    }

    func jacobian(_ x: UnsafePointer<gsl_vector>, into J: UnsafeMutablePointer<gsl_matrix>) -> Int32 {
        guard let jacobianFunction else { return Int32(GSL_EBADFUNC) }
        let rows = jacobianFunction(OwnedVector.array(x))
        guard rows.count == n else {
            return fail("jacobian returned \(rows.count) rows, expected observations = \(n)")
        }
        for (i, row) in rows.enumerated() {
            guard row.count == p else { return fail("jacobian row \(i) has \(row.count) entries, expected \(p)") }
            for (j, v) in row.enumerated() {
                guard v.isFinite else { return fail("jacobian[\(i)][\(j)] is not finite (\(v))") }
                gsl_matrix_set(J, i, j, v)
            }
        }
        return Int32(GSL_SUCCESS)
    }

    private func fail(_ reason: String) -> Int32 {
        if failure == nil {
            failure = GSLError(routine: "gsl_multifit_nlinear", status: Int32(GSL_EBADFUNC), reason: reason)
        }
        return Int32(GSL_EBADFUNC)
    }
}
