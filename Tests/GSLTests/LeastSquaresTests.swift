import Foundation
import GSL
import Testing

@Suite struct LeastSquaresTests {
    /// Noiseless y = 1.5 − 2x + 0.25x² is recovered exactly (to rounding), χ² ≈ 0.
    @Test func linearRecoversExactCoefficients() throws {
        let x = (0..<12).map { Double($0) / 3 }
        let y = x.map { 1.5 - 2 * $0 + 0.25 * $0 * $0 }
        let fit = try LeastSquares.fit(x: x, y: y, basis: [{ _ in 1 }, { $0 }, { $0 * $0 }])
        #expect(abs(fit.coefficients[0] - 1.5) < 1e-12)
        #expect(abs(fit.coefficients[1] + 2) < 1e-12)
        #expect(abs(fit.coefficients[2] - 0.25) < 1e-12)
        #expect(fit.chiSquared < 1e-20)
        #expect(fit.dof == 9)
    }

    /// Weighted mean: a one-column design of ones gives c = Σwy/Σw and
    /// var(c) = 1/Σw.
    @Test func weightedMeanCovariance() throws {
        let y = [1.0, 2.0, 4.0, 3.5]
        let w = [1.0, 4.0, 0.5, 2.0]
        let fit = try LeastSquares.weightedLinear(design: y.map { _ in [1.0] }, y: y, weights: w)
        let sw = w.reduce(0, +)
        let mean = zip(w, y).map(*).reduce(0, +) / sw
        #expect(abs(fit.coefficients[0] - mean) < 1e-13)
        #expect(abs(fit.covariance[0][0] - 1 / sw) < 1e-14)
        let chi = zip(w, y).map { $0 * ($1 - mean) * ($1 - mean) }.reduce(0, +)
        #expect(abs(fit.chiSquared - chi) < 1e-12)
    }

    /// Weighted straight line: cov = (XᵀWX)⁻¹ = [[Sxx, −Sx], [−Sx, S]] / (S·Sxx − Sx²)
    /// with S = Σw, Sx = Σwx, Sxx = Σwx².
    @Test func weightedLineCovariance() throws {
        let x = [0.0, 1, 2, 3, 4]
        let y = [1.1, 2.9, 5.2, 7.1, 8.8]
        let w = [1.0, 2, 0.5, 1, 3]
        let fit = try LeastSquares.line(x: x, y: y, weights: w)
        let s = w.reduce(0, +)
        let sx = zip(w, x).map(*).reduce(0, +)
        let sxx = zip(w, x).map { $0 * $1 * $1 }.reduce(0, +)
        let det = s * sxx - sx * sx
        let expected = [[sxx / det, -sx / det], [-sx / det, s / det]]
        for i in 0..<2 {
            for j in 0..<2 { #expect(abs(fit.covariance[i][j] - expected[i][j]) < 1e-13) }
        }
        // Closed-form weighted slope and intercept.
        let sy = zip(w, y).map(*).reduce(0, +)
        let sxy = zip(w, zip(x, y)).map { $0 * $1.0 * $1.1 }.reduce(0, +)
        #expect(abs(fit.coefficients[1] - (s * sxy - sx * sy) / det) < 1e-12)
        #expect(abs(fit.coefficients[0] - (sxx * sy - sx * sxy) / det) < 1e-12)
    }

    /// y = 5 e^(−0.7 t) + 1 sampled without noise: the rate 0.7 is recovered,
    /// with the analytic Jacobian and with finite differences.
    @Test func nonlinearExponentialDecay() throws {
        let t = (0..<40).map { Double($0) * 0.25 }
        let y = t.map { 5 * exp(-0.7 * $0) + 1 }
        let residuals: ([Double]) -> [Double] = { p in
            zip(t, y).map { ti, yi in p[0] * exp(-p[1] * ti) + p[2] - yi }
        }
        let analytic = try LeastSquares.nonlinear(start: [1, 0.1, 0], observations: t.count,
                                                  residuals: residuals) { p in
            t.map { ti in [exp(-p[1] * ti), -ti * p[0] * exp(-p[1] * ti), 1] }
        }
        #expect(abs(analytic.parameters[1] - 0.7) < 1e-8)
        #expect(abs(analytic.parameters[0] - 5) < 1e-7)
        #expect(abs(analytic.parameters[2] - 1) < 1e-7)
        #expect(analytic.chiSquared < 1e-14)
        let numeric = try LeastSquares.nonlinear(start: [1, 0.1, 0], observations: t.count, residuals: residuals)
        #expect(abs(numeric.parameters[1] - 0.7) < 1e-7)
    }

    /// With noise σ = 0.05 (fixed seed) and weights 1/σ², the rate is within
    /// 4 of its reported standard errors and χ²/dof is near 1 (within 5·√(2/dof)).
    @Test func nonlinearWeightedCovariance() throws {
        let rng = RandomStream(seed: 77)
        let sigma = 0.05
        let t = (0..<200).map { Double($0) * 0.05 }
        let y = t.map { 2 * exp(-1.3 * $0) + sigma * rng.gaussian() }
        let fit = try LeastSquares.nonlinear(
            start: [1, 1], observations: t.count, weights: t.map { _ in 1 / (sigma * sigma) }
        ) { p in zip(t, y).map { p[0] * exp(-p[1] * $0) - $1 } }
        #expect(abs(fit.parameters[1] - 1.3) < 4 * fit.standardErrors[1])
        let dof = Double(fit.dof)
        #expect(abs(fit.chiSquared / dof - 1) < 5 * (2 / dof).squareRoot())
    }

    @Test func badInputThrows() {
        #expect(throws: GSLError.self) { try LeastSquares.linear(design: [[1, 2], [3]], y: [1, 2]) }
        #expect(throws: GSLError.self) { try LeastSquares.linear(design: [[1, 2]], y: [1]) }
        #expect(throws: GSLError.self) {
            try LeastSquares.weightedLinear(design: [[1], [1]], y: [1, 2], weights: [1, -1])
        }
        #expect(throws: GSLError.self) {
            try LeastSquares.nonlinear(start: [1], observations: 3) { _ in [1, 2] }
        }
        #expect(throws: GSLError.self) {
            try LeastSquares.nonlinear(start: [1], observations: 2) { _ in [.nan, 1] }
        }
    }
}
