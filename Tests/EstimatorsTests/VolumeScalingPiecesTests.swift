import Foundation
import Models
import Polynomials
import Testing
@testable import Estimators

/// A volume estimate and a free-energy fit computed piece by piece, in any
/// order (as the ranks of a cluster compute them), assemble into exactly the
/// result of the whole computation: the same bits, not a tolerance.
@Suite struct VolumeScalingPiecesTests {
    let epsilons = VolumeScaling.grid(minimum: 1e-10, maximum: 1e-2, count: 25)

    func problem(_ method: VolumeScaling.Method, center: [Double] = [0, 0]) -> VolumeScaling.Problem {
        VolumeScaling.Problem(prior: .uniform(-1, 1, dimension: 2), lower: [-1, -1], upper: [1, 1], center: center,
                              epsilons: epsilons, method: method, seed: 3, livePoints: 100, replicates: 3)
    }

    /// Setup, then 25 ε (quadrature) or 3 runs (nested sampling); computed last piece first and
    /// assembled in piece order, λ̂, m̂, their errors and every V(ε) equal `estimate`'s.
    @Test(arguments: [VolumeScaling.Method.quadrature, .montecarlo])
    func piecesInAnyOrderAssembleToTheWholeEstimate(method: VolumeScaling.Method) throws {
        let model = try Potential(try Polynomial(parsing: "w1^2*w2^4"), sampleCount: 100)
        let p = problem(method)
        #expect(p.pieces.count == (method == .quadrature ? 26 : 4) && p.pieces[0] == .setup)
        var results = [VolumeScaling.PieceResult?](repeating: nil, count: p.pieces.count)
        for k in p.pieces.indices.reversed() { results[k] = try p.compute(p.pieces[k], model: model) }
        let assembled = try p.assemble(results.map { $0! })
        let whole = try VolumeScaling.estimate(model: model, prior: p.prior, lower: p.lower, upper: p.upper, center: p.center,
                                               epsilons: epsilons, method: method, seed: 3, livePoints: 100, replicates: 3)
        #expect(assembled.lambda == whole.lambda && assembled.lambdaError == whole.lambdaError)
        #expect(assembled.multiplicity == whole.multiplicity && assembled.multiplicityError == whole.multiplicityError)
        #expect(assembled.points == whole.points && assembled.details.referenceLoss == whole.details.referenceLoss)
        // And the estimate is the truth's: λ = 1/4 for w1²w2⁴ (1/(2·2) from w2⁴ is smaller than 1/2).
        #expect(abs(assembled.lambda - 0.25) < 0.05)
    }

    /// A piece that is not the problem's, or a result list of the wrong length, is refused by name.
    @Test func foreignPiecesAreRefused() throws {
        let model = try Potential(try Polynomial(parsing: "w1^2+w2^2"), sampleCount: 100)
        let quadrature = problem(.quadrature)
        #expect(throws: SpecificationError.self) { try quadrature.compute(.replicate(0), model: model) }
        #expect(throws: SpecificationError.self) { try quadrature.compute(.epsilon(25), model: model) }
        #expect(throws: SpecificationError.self) { try problem(.montecarlo).compute(.replicate(3), model: model) }
        let setup = try quadrature.compute(.setup, model: model)
        #expect(throws: SpecificationError.self) { try quadrature.assemble([setup]) }
    }

    /// The setup piece is where a centre off the minimum is caught (as `estimate` catches it first):
    /// w1² + w2² centred at (0.5, 0) dips 0.25 below K(w*).
    @Test func theSetupPieceChecksTheMinimum() throws {
        let model = try Potential(try Polynomial(parsing: "w1^2+w2^2"), sampleCount: 100)
        let p = problem(.quadrature, center: [0.5, 0])
        #expect(throws: SpecificationError.self) { try p.compute(.setup, model: model) }
        _ = try p.compute(.epsilon(0), model: model)  // the other pieces do not check it
    }

    /// F_n at one n (`FreeEnergyFit.point`) is the point `compute` fits at that n.
    @Test func freeEnergyPointsAreComputesPoints() throws {
        let model = try Potential(try Polynomial(parsing: "w1^2+w2^4"), sampleCount: 100)
        let grid = try FreeEnergyFit.grid(nMin: 100, nMax: 1e5, points: 5)
        let logPrior: ([Double]) -> Double = { _ in -log(4.0) }
        let whole = try FreeEnergyFit.compute(grid: grid, beta: 1, lower: [-1, -1], upper: [1, 1], logPrior: logPrior,
                                              seed: 1, modelAt: { _ in model })
        let points = try grid.reversed().map { n in
            try FreeEnergyFit.point(n: n, beta: 1, model: model, lower: [-1, -1], upper: [1, 1], logPrior: logPrior, seed: 1)
        }.reversed()
        #expect(Array(points) == whole.details.points)
        let refit = try FreeEnergyFit.fit(points: Array(points), beta: 1)
        #expect(refit.lambda == whole.lambda && refit.multiplicity == whole.multiplicity)
    }
}
