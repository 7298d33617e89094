import Foundation
import GSL
import Polynomials
import Testing
@testable import Models

/// Central-difference gradient check (h = 1e-6; polynomial losses of modest
/// degree agree to ~1e-9 relative, we assert the 1e-6).
func checkGradient<M: Model>(_ model: M, at w: [Double], batch: [Int]? = nil) {
    var ws = model.makeWorkspace(maxBatchSize: batch?.count ?? model.sampleCount)
    var g = [Double](repeating: 0, count: model.dimension)
    func f(_ v: [Double]) -> Double {
        var scratch = [Double](repeating: 0, count: model.dimension)
        return v.withUnsafeBufferPointer { vp in
            scratch.withUnsafeMutableBufferPointer { sp in
                if let batch { return batch.withUnsafeBufferPointer { model.batchLossAndGradient(vp, batch: $0, gradient: sp, workspace: &ws) } }
                return model.lossAndGradient(vp, gradient: sp, workspace: &ws)
            }
        }
    }
    _ = w.withUnsafeBufferPointer { wp in
        g.withUnsafeMutableBufferPointer { gp in
            if let batch { return batch.withUnsafeBufferPointer { model.batchLossAndGradient(wp, batch: $0, gradient: gp, workspace: &ws) } }
            return model.lossAndGradient(wp, gradient: gp, workspace: &ws)
        }
    }
    let h = 1e-6
    for j in 0..<model.dimension {
        var plus = w, minus = w
        plus[j] += h; minus[j] -= h
        let fd = (f(plus) - f(minus)) / (2 * h)
        #expect(abs(fd - g[j]) <= 1e-6 * max(1, abs(g[j])), "∂\(j): fd \(fd) vs \(g[j])")
    }
}

@Suite struct PolynomialRegressionTests {
    let q = try! Polynomial(parsing: "w1*w2^2 + 0.3*w1")
    var model: PolynomialRegression { .synthetic(q: q, sampleCount: 500, truth: 0, seed: 9) }

    @Test func gradientsMatchFiniteDifferences() {
        let rng = RandomStream(seed: 1)
        for _ in 0..<10 {
            let w = [rng.uniform(in: -1...1), rng.uniform(in: -1...1)]
            checkGradient(model, at: w)
            checkGradient(model, at: w, batch: Array(0..<37))
        }
    }

    @Test func sufficientStatisticsLossEqualsTheDirectSum() {
        let m = model
        let w = [0.4, -0.7]
        let qw = q.evaluate(["w1": 0.4, "w2": -0.7])
        var direct = 0.0
        for i in m.x.indices {
            let r = m.y[i] - qw * m.x[i]
            direct += r * r / 2 + 0.5 * log(2 * Double.pi)
        }
        direct /= Double(m.x.count)
        var ws: Void = ()
        let fast = w.withUnsafeBufferPointer { m.loss($0, workspace: &ws) }
        #expect(abs(fast - direct) < 1e-12 * max(1, direct))
    }

    @Test func epochOfBatchesAveragesToTheFullLoss() {
        let m = model
        let rng = RandomStream(seed: 2)
        var order = Array(0..<m.sampleCount)
        rng.shuffle(&order)
        let w = [0.2, 0.9]
        var ws: Void = ()
        var g = [0.0, 0.0]
        var total = 0.0
        for start in stride(from: 0, to: 500, by: 100) {
            let batch = Array(order[start..<start + 100])
            total += w.withUnsafeBufferPointer { wp in g.withUnsafeMutableBufferPointer { gp in batch.withUnsafeBufferPointer { m.batchLossAndGradient(wp, batch: $0, gradient: gp, workspace: &ws) } } }
        }
        let full = w.withUnsafeBufferPointer { m.loss($0, workspace: &ws) }
        #expect(abs(total / 5 - full) < 1e-12)
    }

    @Test func populationLossAndGradientVanishAtTheTruth() {
        let m = model
        #expect(m.populationLoss([0, 0.5]) == 0)  // Q = 0 on w1 = 0
        #expect(abs(m.populationLoss([1, 1])! - 1.3 * 1.3 / 2) < 1e-12)
        // Same seed, same data.
        #expect(PolynomialRegression.synthetic(q: q, sampleCount: 500, seed: 9).y == m.y)
    }
}

@Suite struct PotentialTests {
    @Test func lossIsThePolynomialAndGradientsMatch() throws {
        let k = try Polynomial(parsing: "(w1^2+w2^2)^2*w1^2")
        let p = Potential(k, sampleCount: 10_000)
        #expect(p.dimension == 2 && p.parameterNames == ["w1", "w2"])
        #expect(p.populationLoss([0, 0.3]) == 0)
        checkGradient(p, at: [0.3, -0.8])
        checkGradient(p, at: [-1.1, 0.5], batch: [0])
    }
}
