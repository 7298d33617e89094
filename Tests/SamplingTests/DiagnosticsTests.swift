import GSL
import Testing
@testable import Sampling

@Suite struct DiagnosticsTests {
    func ar1(_ phi: Double, n: Int, seed: UInt64, shift: Double = 0) -> [Double] {
        let rng = RandomStream(seed: seed)
        var x = rng.gaussian() / (1 - phi * phi).squareRoot()
        var out: [Double] = []
        for _ in 0..<n {
            x = phi * x + rng.gaussian()
            out.append(x + shift)
        }
        return out
    }

    // Tolerances: for i.i.d. and AR(1) chains the ESS estimate fluctuates by a
    // few percent at these lengths (measured over seeds 1–20: ≤ 8% and ≤ 15%).
    @Test func iidChainsHaveRhatNearOneAndFullESS() {
        let chains = (0..<4).map { ar1(0, n: 2000, seed: UInt64(100 + $0)) }
        let d = Diagnostics(chains: chains)
        #expect(d.rhat < 1.01)
        #expect(abs(d.essBulk / 8000 - 1) < 0.15, "ESS \(d.essBulk)")
        #expect(abs(d.mcse - 1 / 8000.0.squareRoot()) < 0.2 / 8000.0.squareRoot())
    }

    @Test func autocorrelatedChainsHaveTheTheoreticalESS() {
        let phi = 0.9
        let chains = (0..<4).map { ar1(phi, n: 20_000, seed: UInt64(200 + $0)) }
        let d = Diagnostics(chains: chains)
        let expected = 80_000 * (1 - phi) / (1 + phi)
        #expect(abs(d.essMean / expected - 1) < 0.25, "ESS \(d.essMean) vs \(expected)")
    }

    @Test func chainsInDifferentPlacesHaveLargeRhat() {
        let chains = (0..<4).map { ar1(0.5, n: 1000, seed: UInt64(300 + $0), shift: Double($0)) }
        // Means 0…3 apart against a stationary sd of 1.15: far beyond the 1.01 threshold.
        #expect(Diagnostics(chains: chains).rhat > 1.2)
    }

    @Test func tooFewDrawsGiveNaNNotACrash() {
        let d = Diagnostics(chains: [[1, 2], [3, 4]])
        #expect(d.rhat.isNaN && d.essBulk.isNaN)
    }
}
