import Foundation
import GSL
import Testing

@Suite struct StatisticsTests {
    @Test func moments() throws {
        let x = [2.0, 4, 4, 4, 5, 5, 7, 9]
        #expect(try Statistics.mean(x) == 5)
        #expect(abs(try Statistics.variance(x) - 32.0 / 7) < 1e-14)
        #expect(abs(try Statistics.standardDeviation(x) - (32.0 / 7).squareRoot()) < 1e-14)
    }

    /// Quantiles by linear interpolation: δ = (n − 1)f.
    @Test func quantiles() throws {
        let x = [1.0, 2, 3, 4, 10]
        #expect(try Statistics.quantile(sorted: x, fraction: 0.5) == 3)
        #expect(try Statistics.quantile(sorted: x, fraction: 0.875) == 7)  // δ = 3.5
        #expect(try Statistics.quantile([10.0, 1, 4, 3, 2], fraction: 1) == 10)
        #expect(throws: GSLError.self) { try Statistics.quantile(sorted: [2, 1], fraction: 0.5) }
        #expect(throws: GSLError.self) { try Statistics.quantile(sorted: [1, 2], fraction: 1.5) }
    }

    /// The alternating series ±1 has γ(k) = (−1)^k (n − k)/n exactly.
    @Test func autocovarianceAlternating() throws {
        let n = 10
        let x = (0..<n).map { $0 % 2 == 0 ? 1.0 : -1.0 }
        let g = try Statistics.autocovariance(x, maxLag: 3)
        for k in 0...3 {
            let expected = (k % 2 == 0 ? 1.0 : -1.0) * Double(n - k) / Double(n)
            #expect(abs(g[k] - expected) < 1e-14)
        }
        let r = try Statistics.autocorrelation(x, maxLag: 2)
        #expect(r[0] == 1)
        #expect(abs(r[1] + 0.9) < 1e-14)
    }

    /// AR(1) x_t = φ x_{t−1} + ε_t with φ = 0.8 has ρ(k) = φ^k; with
    /// n = 200 000 (fixed seed) the lag-1 and lag-2 estimates have standard
    /// errors ≈ √((1 − φ²)/n) ≈ 0.0013; accept 0.01.
    @Test func ar1Autocorrelation() throws {
        let rng = RandomStream(seed: 31)
        var x = [Double](repeating: 0, count: 200_000)
        for t in 1..<x.count { x[t] = 0.8 * x[t - 1] + rng.gaussian() }
        let r = try Statistics.autocorrelation(x, maxLag: 2)
        #expect(abs(r[1] - 0.8) < 0.01)
        #expect(abs(r[2] - 0.64) < 0.01)
    }

    @Test func emptyThrows() {
        #expect(throws: GSLError.self) { try Statistics.mean([]) }
        #expect(throws: GSLError.self) { try Statistics.variance([1]) }
        #expect(throws: GSLError.self) { try Statistics.autocovariance([1, 2], maxLag: 2) }
    }
}
