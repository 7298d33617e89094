import CGSL

/// Dense linear algebra on row-major `[Double]` matrices, after the GSL
/// manual's "Linear Algebra" (singular value decomposition) and "Linear
/// Least-Squares Fitting" (multi-response solves with one SVD) chapters.
public enum LinearAlgebra {
    /// A = U diag(s) Vᵀ, thin, of an m×k matrix with m ≥ k.
    public struct SingularValueDecomposition: Sendable, Equatable {
        /// s_1 ≥ s_2 ≥ … ≥ s_k ≥ 0.
        public var singularValues: [Double]
        /// V, k×k row-major: column j is the right singular vector of s_j.
        public var rightVectors: [Double]
        /// U, m×k row-major: column j is the left singular vector of s_j.
        public var leftVectors: [Double]
    }

    /// The thin SVD of the m×k row-major matrix `a` (m ≥ k) by GSL's
    /// Golub–Reinsch `gsl_linalg_SV_decomp`.
    public static func singularValueDecomposition(_ a: [Double], rows m: Int, columns k: Int) throws -> SingularValueDecomposition {
        let routine = "gsl_linalg_SV_decomp"
        try check(a, rows: m, columns: k, routine: routine)
        guard m >= k else {
            throw GSLError.invalidArgument(routine, "needs at least as many rows as columns, got \(m)×\(k) (decompose the transpose)")
        }
        let A = try OwnedMatrix(flat: a, rows: m, columns: k, routine: routine)
        let V = try OwnedMatrix(rows: k, columns: k, routine: routine)
        let S = try OwnedVector(count: k, routine: routine)
        let work = try OwnedVector(count: k, routine: routine)
        try GSLError.check(gsl_linalg_SV_decomp(A.pointer, V.pointer, S.pointer, work.pointer), routine)
        let s = S.array
        try GSLError.checkFinite(routine, s.reduce(0, +))
        return SingularValueDecomposition(singularValues: s, rightVectors: V.flat, leftVectors: A.flat)
    }

    /// The least-squares coefficients C (p×k row-major) minimising
    /// |Y − X C|²_F for an n×p design X and n×k responses Y (both row-major),
    /// and the residual sum of squares: one SVD of X (`gsl_multifit_linear_svd`),
    /// then one solve per response column (`gsl_multifit_linear_solve`, λ = 0).
    public static func leastSquares(design x: [Double], rows n: Int, columns p: Int,
                                    responses y: [Double], count k: Int) throws -> (coefficients: [Double], residualSumOfSquares: Double) {
        let routine = "gsl_multifit_linear_solve"
        try check(x, rows: n, columns: p, routine: routine)
        try check(y, rows: n, columns: k, routine: routine)
        guard n >= p else {
            throw GSLError.invalidArgument(routine, "need at least as many observations as coefficients, got n = \(n) < p = \(p)")
        }
        let X = try OwnedMatrix(flat: x, rows: n, columns: p, routine: routine)
        guard let work = gsl_multifit_linear_alloc(n, p) else {
            throw GSLError(routine: "gsl_multifit_linear_alloc", status: Int32(GSL_ENOMEM))
        }
        defer { gsl_multifit_linear_free(work) }
        try GSLError.check(gsl_multifit_linear_svd(X.pointer, work), "gsl_multifit_linear_svd")
        let column = try OwnedVector(count: n, routine: routine)
        let c = try OwnedVector(count: p, routine: routine)
        var coefficients = [Double](repeating: 0, count: p * k)
        var rss = 0.0
        for r in 0..<k {
            for i in 0..<n { gsl_vector_set(column.pointer, i, y[i * k + r]) }
            var residualNorm = 0.0, solutionNorm = 0.0
            try GSLError.check(gsl_multifit_linear_solve(0, X.pointer, column.pointer, c.pointer, &residualNorm, &solutionNorm, work), routine)
            for j in 0..<p { coefficients[j * k + r] = gsl_vector_get(c.pointer, j) }
            rss += residualNorm * residualNorm
        }
        try GSLError.checkFinite(routine, rss, coefficients.reduce(0, +))
        return (coefficients, rss)
    }

    static func check(_ a: [Double], rows m: Int, columns k: Int, routine: String) throws {
        guard m >= 1, k >= 1 else { throw GSLError.invalidArgument(routine, "the matrix must have at least one row and one column, got \(m)×\(k)") }
        guard a.count == m * k else { throw GSLError.invalidArgument(routine, "expected \(m)×\(k) = \(m * k) values, got \(a.count)") }
        if let i = a.firstIndex(where: { !$0.isFinite }) {
            throw GSLError.invalidArgument(routine, "entry (\(i / k), \(i % k)) is not finite (\(a[i]))")
        }
    }
}

extension OwnedMatrix {
    /// A copy of the m×k row-major `values` (already validated).
    convenience init(flat values: [Double], rows m: Int, columns k: Int, routine: String) throws {
        try self.init(rows: m, columns: k, routine: routine)
        for i in 0..<m {
            for j in 0..<k { gsl_matrix_set(pointer, i, j, values[i * k + j]) }
        }
    }

    /// The matrix, row-major.
    var flat: [Double] {
        let m = pointer.pointee.size1, k = pointer.pointee.size2
        var out = [Double](repeating: 0, count: m * k)
        for i in 0..<m {
            for j in 0..<k { out[i * k + j] = gsl_matrix_get(pointer, i, j) }
        }
        return out
    }
}
