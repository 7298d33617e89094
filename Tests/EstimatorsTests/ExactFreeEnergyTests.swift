import Foundation
import GSL
import Models
import Polynomials
import Testing
@testable import Estimators

@Suite struct ExactFreeEnergyTests {
    let uniform: ([Double]) -> Double = { w in -Double(w.count) * log(2) }  // density 1/2 per axis on [−1, 1]

    /// K = w^(2k), uniform prior on [−1, 1]:
    /// F = −log[a^(−1/(2k)) γ(1/(2k), a)/(2k)], a = nβ (γ the lower incomplete gamma).
    @Test(arguments: [1, 2, 3])
    func evenPowerAgainstTheIncompleteGamma(k: Int) throws {
        let model = try Potential(try Polynomial(parsing: "w^\(2 * k)"), sampleCount: 100)
        for a in [10.0, 1e3, 1e5, 1e7] {
            let r = try ExactFreeEnergy.compute(model: model, nbeta: a, lower: [-1], upper: [1], logPrior: uniform)
            let s = 1 / Double(2 * k)
            let exact = -(-s * log(a) + log(try SpecialFunctions.gammaIncLower(s, a)) - log(Double(2 * k)))
            #expect(abs(r.freeEnergy - exact) <= 1e-8 * abs(exact), "k = \(k), a = \(a): \(r.freeEnergy) vs \(exact)")
            #expect(r.error < 1e-6)
        }
    }

    /// Regular model y = w·x + ε with a Gaussian prior N(0, s²) (truncated at
    /// ±10s): a Gaussian integral. With S the sufficient statistics,
    /// F = nβ·½log(2π) + β S_yy/2 − B²/(2A) + ½ log(A s²), A = βS_xx + 1/s², B = βS_xy.
    @Test func regularLinearModelWithGaussianPrior() throws {
        let model = try PolynomialRegression.synthetic(q: try Polynomial(parsing: "w"), sampleCount: 1000, truth: 0.3, seed: 4)
        let s = 0.7, n = 1000.0
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for i in model.x.indices { sxx += model.x[i] * model.x[i]; sxy += model.x[i] * model.y[i]; syy += model.y[i] * model.y[i] }
        for beta in [1.0, 1 / log(n)] {
            let r = try ExactFreeEnergy.compute(model: model, nbeta: n * beta, lower: [-10 * s], upper: [10 * s],
                                                logPrior: { w in -0.5 * w[0] * w[0] / (s * s) - log(s * (2 * Double.pi).squareRoot()) })
            let a = beta * sxx + 1 / (s * s), b = beta * sxy
            let exact = n * beta * 0.5 * log(2 * Double.pi) + beta * syy / 2 - b * b / (2 * a) + 0.5 * log(a * s * s)
            #expect(abs(r.freeEnergy - exact) <= 1e-8 * abs(exact), "β = \(beta): \(r.freeEnergy) vs \(exact)")
        }
    }

    /// Two dimensions: K = (w1² + w2²)/2 with a Gaussian prior of scale s per
    /// axis: F = log(1 + a s²) (a = nβ), iterated quadrature over ±10s.
    @Test func twoDimensionalGaussian() throws {
        let model = try Potential(try Polynomial(parsing: "0.5*w1^2 + 0.5*w2^2"), sampleCount: 100)
        let s = 1.3
        for a in [1.0, 100, 1e5] {
            let r = try ExactFreeEnergy.compute(model: model, nbeta: a, lower: [-10 * s, -10 * s], upper: [10 * s, 10 * s],
                                                logPrior: { w in -0.5 * (w[0] * w[0] + w[1] * w[1]) / (s * s) - log(2 * Double.pi * s * s) })
            let exact = log(1 + a * s * s)
            #expect(abs(r.freeEnergy - exact) <= 1e-8 * max(1, abs(exact)), "a = \(a): \(r.freeEnergy) vs \(exact)")
        }
    }

    /// VEGAS agrees with quadrature within a few of its own reported errors.
    @Test func vegasAgreesWithQuadrature() throws {
        let model = try Potential(try Polynomial(parsing: "w1^2 + w2^4"), sampleCount: 100)
        let q = try ExactFreeEnergy.compute(model: model, nbeta: 100, lower: [-1, -1], upper: [1, 1], logPrior: uniform)
        let v = try ExactFreeEnergy.compute(model: model, nbeta: 100, lower: [-1, -1], upper: [1, 1], logPrior: uniform, method: .vegas, seed: 3)
        #expect(abs(q.freeEnergy - v.freeEnergy) <= 4 * v.error, "quadrature \(q.freeEnergy), VEGAS \(v.freeEnergy) ± \(v.error)")
        #expect(v.error < 0.01)
    }

    @Test func refusesWhatItCannotDo() throws {
        let model = try Potential(try Polynomial(parsing: "w1^2+w2^2+w3^2+w4^2"), sampleCount: 100)
        #expect(throws: SpecificationError.self) {
            _ = try ExactFreeEnergy.compute(model: model, nbeta: 10, lower: [-1, -1, -1, -1], upper: [1, 1, 1, 1], logPrior: { _ in 0 })
        }
    }
}
