import Foundation
import GSL
import Models

/// Maximum likelihood of y = C x + ε, ε ~ N(0, σ² I_N) with σ known, over the
/// N×M maps C of rank ≤ h, for every h at once (Anderson 1951; Izenman 1975).
///
/// With the least-squares fit Ŷ = X Ĉ (n×N) and the singular values
/// s_1 ≥ … ≥ s_N of Ŷ, the best rank-h fit is Ŷ V_h V_hᵀ (V_h: Ŷ's top h right
/// singular vectors), with residual |Y − Ŷ|² + Σ_{k>h} s_k². So
///
///     ℓ̂_h = −(|Y − Ŷ|² + Σ_{k>h} s_k²)/(2σ²) − (nN/2) log(2πσ²),
///
/// the log-likelihood with its constants, so ℓ̂_h = −n L_n(ŵ_h) in the
/// toolkit's loss convention. One GSL least-squares solve
/// (`gsl_multifit_linear_svd`/`_solve`) and one SVD of Ŷ (`gsl_linalg_SV_decomp`).
public struct ReducedRankFit: Sendable {
    public let sampleCount: Int
    public let inputs: Int
    public let outputs: Int
    public let sigma: Double
    /// |Y − X Ĉ|², the full-rank residual.
    public let leastSquaresResidual: Double
    /// s_1 ≥ … ≥ s_N, the singular values of Ŷ = X Ĉ.
    public let singularValues: [Double]
    /// Ĉ as fitted, M×N row-major (Y ≈ X Ĉ).
    let coefficients: [Double]
    /// V, N×N row-major, the right singular vectors of Ŷ.
    let rightVectors: [Double]

    /// Fits `data` (n ≥ M and n ≥ N); errors name `data`.
    public init(data: Dataset, sigma: Double) throws {
        let (n, m, k) = (data.count, data.inputDimension, data.outputDimension)
        guard sigma > 0, sigma.isFinite else { throw SpecError(path: "sigma", "expected a positive number, got \(sigma)") }
        guard n >= max(m, k) else {
            throw SpecError(path: "data", "the reduced-rank fit needs at least max(inputs, outputs) = \(max(m, k)) samples, got n = \(n)")
        }
        let (c, rss): ([Double], Double)
        do {
            (c, rss) = try LinearAlgebra.leastSquares(design: data.inputs, rows: n, columns: m, responses: data.outputs, count: k)
        } catch let error as GSLError {
            throw SpecError(path: "data", "least squares failed: \(error)")
        }
        var fitted = [Double](repeating: 0, count: n * k)
        for i in 0..<n {
            for j in 0..<m {
                let x = data.inputs[i * m + j]
                if x == 0 { continue }
                for r in 0..<k { fitted[i * k + r] += x * c[j * k + r] }
            }
        }
        let svd: LinearAlgebra.SingularValueDecomposition
        do {
            svd = try LinearAlgebra.singularValueDecomposition(fitted, rows: n, columns: k)
        } catch let error as GSLError {
            throw SpecError(path: "data", "the SVD of the fitted values failed: \(error)")
        }
        sampleCount = n
        inputs = m
        outputs = k
        self.sigma = sigma
        leastSquaresResidual = rss
        singularValues = svd.singularValues
        coefficients = c
        rightVectors = svd.rightVectors
    }

    /// |Y − Ŷ_h|² = |Y − Ŷ|² + Σ_{k>h} s_k².
    public func residualSumOfSquares(rank h: Int) -> Double {
        leastSquaresResidual + singularValues.dropFirst(max(h, 0)).reduce(0) { $0 + $1 * $1 }
    }

    /// ℓ̂_h, the maximised log-likelihood at rank ≤ h.
    public func logLikelihood(rank h: Int) -> Double {
        let n = Double(sampleCount), s2 = sigma * sigma
        return -residualSumOfSquares(rank: h) / (2 * s2) - n * Double(outputs) / 2 * log(2 * Double.pi * s2)
    }

    /// The rank-h maximiser as factors y = B A x, A: h×M, B: N×h (row-major),
    /// balanced so that column j of B and row j of A have the same norm.
    public func factors(rank h: Int) -> (a: [Double], b: [Double]) {
        let (m, k) = (inputs, outputs)
        var a = [Double](repeating: 0, count: h * m)
        var b = [Double](repeating: 0, count: k * h)
        for j in 0..<h {
            // A_j = v_jᵀ Ĉᵀ, i.e. A[j, c] = Σ_r V[r, j] Ĉ[c, r]; B[:, j] = v_j.
            var norm = 0.0
            for col in 0..<m {
                var s = 0.0
                for r in 0..<k { s += rightVectors[r * k + j] * coefficients[col * k + r] }
                a[j * m + col] = s
                norm += s * s
            }
            let t = max(norm.squareRoot(), 1e-12).squareRoot()
            for col in 0..<m { a[j * m + col] /= t }
            for r in 0..<k { b[r * h + j] = rightVectors[r * k + j] * t }
        }
        return (a, b)
    }
}
