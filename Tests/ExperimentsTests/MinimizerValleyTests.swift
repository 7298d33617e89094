import Foundation
import Models
import Testing
@testable import Experiments

/// The minimiser behind BIC, the exact free energy's shift and the volume check, on a singular
/// model whose minima form a valley: y = a·b·x with data from a = 0. L_n depends on c = ab only,
/// so the minimum over the box is at the least-squares slope ĉ = Σxy/Σx², reached on the whole
/// hyperbola ab = ĉ, where a simplex cannot shrink. (Before the minimiser kept its best vertex at
/// the iteration limit, every start failed and BIC used the origin: 0.30 nats too high at n = 10⁴.)
@Suite struct MinimizerValleyTests {
    @Test func bicFindsTheValleyOfASingularRegression() async throws {
        let experiment = try CommandLineModel.spec(polynomial: nil, q: "a*b", prior: nil, n: 10_000, seed: 1).build()
        guard case let .polynomialRegression(model) = experiment.model else { Issue.record("not a regression"); return }
        let x = model.data.inputs, y = model.data.outputs
        let slope = zip(x, y).reduce(0) { $0 + $1.0 * $1.1 } / x.reduce(0) { $0 + $1 * $1 }
        var workspace = model.makeWorkspace(maxBatchSize: 1)
        let root = abs(slope).squareRoot()
        let onValley = [root, slope < 0 ? -root : root].withUnsafeBufferPointer { model.loss($0, workspace: &workspace) } * 10_000
        let atOrigin = [0.0, 0.0].withUnsafeBufferPointer { model.loss($0, workspace: &workspace) } * 10_000
        #expect(atOrigin - onValley > 0.01, "the data's slope should move the minimum off the origin")

        let bic = try await experiment.model.accept(BICRun(prior: experiment.prior, seed: 1))
        #expect(abs(bic.nLoss - onValley) < 1e-6, "nL_n(ŵ) = \(bic.nLoss), on the valley \(onValley), at the origin \(atOrigin)")
        #expect(abs(bic.minimizer[0] * bic.minimizer[1] - slope) < 1e-4)
    }
}
