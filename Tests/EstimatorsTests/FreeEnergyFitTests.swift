import Foundation
import Models
import Polynomials
import Testing
@testable import Estimators

@Suite struct FreeEnergyFitTests {
    /// F_n of the potential K at every n of the default grid (10² … 10⁶, 13
    /// points), uniform prior on [−1, 1]^d, fitted.
    func fit(_ k: String, nextOrder: Bool = false) throws -> FreeEnergyFit.Result {
        let model = try Potential(try Polynomial(parsing: k), sampleCount: 100)
        let d = model.dimension
        let grid = try FreeEnergyFit.grid(nMin: 100, nMax: 1e6, points: 13)
        return try FreeEnergyFit.compute(grid: grid, beta: 1, lower: .init(repeating: -1, count: d), upper: .init(repeating: 1, count: d),
                                         logPrior: { _ in -Double(d) * log(2) }, nextOrder: nextOrder, modelAt: { _ in model })
    }

    /// The bar: λ within 5% and m right after rounding. Quadrature is
    /// deterministic; measured λ̂ = 0.2500000, 0.4789 and 1.0000000, m̂ = 1.000000,
    /// 1.625 and 1.000000 (the (w1w2)² bias is the O(1/log n) term the fit leaves out).
    @Test(arguments: [("w^4", 0.25, 1), ("(w1*w2)^2", 0.5, 2), ("w1^2 + w2^2", 1.0, 1)])
    func recoversLambdaAndMultiplicity(k: String, lambda: Double, m: Int) throws {
        let r = try fit(k)
        #expect(abs(r.lambda - lambda) < 0.05 * lambda, "\(k): λ̂ = \(r.lambda)")
        #expect(r.multiplicityRounded == m, "\(k): m̂ = \(r.multiplicity)")
        #expect(r.lambdaError > 0 && r.multiplicityError > 0)
        #expect(r.points.count == 13 && r.points.allSatisfy { $0.nLoss == 0 })
    }

    /// w^4 and w1² + w2² are exact power laws here (F = λ log n + c up to e^−n
    /// terms), so the fit is exact to the quadrature's accuracy: measured
    /// |λ̂ − λ| < 1e-6 and |m̂ − 1| < 1e-5.
    @Test func exactPowerLawsFitExactly() throws {
        let r = try fit("w^4")
        #expect(abs(r.lambda - 0.25) < 1e-5 && abs(r.multiplicity - 1) < 1e-4)
        #expect(!r.errorsScaled)
        // F = log 4 + ¼ log n − log Γ(1/4): the constant too.
        #expect(abs(r.constant - (log(4) - lgamma(0.25))) < 1e-4)
    }

    /// (w1w2)²: F = ½ log n − log log n + c − c₁/log n + …; the 1/log n column
    /// removes most of the bias of m̂ (measured 1.625 → 1.888, λ̂ 0.479 → 0.4957).
    @Test func nextOrderTermReducesTheMultiplicityBias() throws {
        let plain = try fit("(w1*w2)^2"), corrected = try fit("(w1*w2)^2", nextOrder: true)
        #expect(plain.errorsScaled)
        #expect(abs(corrected.multiplicity - 2) < abs(plain.multiplicity - 2) / 2)
        #expect(abs(corrected.lambda - 0.5) < 0.01)
        #expect(corrected.nextOrder != nil && plain.nextOrder == nil)
    }

    @Test func gridAndBadInput() throws {
        let g = try FreeEnergyFit.grid(nMin: 100, nMax: 1e6, points: 13)
        #expect(g.count == 13 && g.first == 100 && g.last == 1e6 && g == g.sorted())
        #expect(throws: SpecificationError.self) { try FreeEnergyFit.grid(nMin: 100, nMax: 50, points: 13) }
        #expect(throws: SpecificationError.self) { try FreeEnergyFit.grid(nMin: 1, nMax: 50, points: 13) }
        let few = g.prefix(3).map { FreeEnergyFit.Point(n: $0, freeEnergy: log($0), error: 0, nLoss: 0) }
        #expect(throws: SpecificationError.self) { try FreeEnergyFit.fit(points: few, beta: 1) }
        let cold = g.map { FreeEnergyFit.Point(n: $0, freeEnergy: log($0), error: 0, nLoss: 0) }
        #expect(throws: SpecificationError.self) { try FreeEnergyFit.fit(points: cold, beta: 0.01) }
    }
}

/// `LambdaFit` is encoded flat: the shared keys beside the estimator's, as
/// the two result types were before they became one.
@Suite struct LambdaFitEncodingTests {
    func keys<T: Encodable>(_ value: T) throws -> Set<String> {
        let object = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(value)) as? [String: Any]
        return Set(object?.keys.map { $0 } ?? [])
    }

    @Test func freeEnergyFitKeys() throws {
        let points = [FreeEnergyFit.Point(n: 100, freeEnergy: 1, error: 1e-6, nLoss: 0)]
        let r = FreeEnergyFit.Result(lambda: 0.25, lambdaError: 0.01, multiplicity: 1.4, multiplicityError: 0.1, chiSquaredPerDof: 2,
                                     details: .init(constant: 0.5, nextOrder: nil, beta: 1, errorsScaled: true, points: points))
        #expect(try keys(r) == ["lambda", "lambda_error", "multiplicity", "multiplicity_error", "multiplicity_rounded",
                                "constant", "beta", "chi_squared_per_dof", "errors_scaled", "points"])
        #expect(r.multiplicityRounded == 1 && r.points == points && r.errorsScaled)
        let back = try JSONDecoder().decode(FreeEnergyFit.Result.self, from: try JSONEncoder().encode(r))
        #expect(back.lambda == 0.25 && back.multiplicity == 1.4 && back.constant == 0.5 && back.points == points)
    }

    @Test func volumeKeys() throws {
        let r = VolumeScaling.Result(lambda: 0.5, lambdaError: 0.01, multiplicity: 1.6, multiplicityError: 0.2, chiSquaredPerDof: 0.5,
                                     details: .init(slope: 0.4, slopeError: 0.01, logConstant: 1, points: [], method: .quadrature,
                                                    center: [0], referenceLoss: 0, lower: [-1], upper: [1], livePoints: nil, replicates: nil))
        #expect(try keys(r) == ["lambda", "lambda_error", "multiplicity", "multiplicity_error", "multiplicity_rounded",
                                "slope", "slope_error", "log_constant", "chi_squared_per_dof", "points", "method", "center",
                                "reference_loss", "lower", "upper"])
        #expect(r.multiplicityRounded == 2 && r.fit.slope == 0.4 && r.fit.lambda == 0.5)
    }
}
