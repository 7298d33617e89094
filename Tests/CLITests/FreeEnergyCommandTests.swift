import Foundation
import Testing
import TestSupport

@Suite struct FreeEnergyCommandTests {
    /// K = w^4, uniform prior on [−1, 1], nβ = 10⁵: F = −log[a^(−1/4) γ(1/4, a)/4]
    /// = log(4) + ¼ log(a) − log Γ(1/4) (γ(1/4, a) = Γ(1/4) to double precision here).
    @Test func quarticFreeEnergyMatchesTheClosedForm() throws {
        let r = try runRLCT(["free-energy", "--polynomial", "w^4", "--n", "100000", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let f = try #require(j["free_energy"] as? Double)
        let exact = log(4.0) + 0.25 * log(1e5) - lgamma(0.25)
        #expect(abs(f - exact) < 1e-8 * exact)
        #expect(j["error"] is Double)
    }

    @Test func improperPriorAndTooManyDimensionsExitTwo() throws {
        let flat = try runRLCT(["free-energy", "--polynomial", "w^4", "--prior", "flat"])
        #expect(flat.status == 2 && flat.stderr.contains("flat is improper"))
        let big = try runRLCT(["free-energy", "--polynomial", "w1^2+w2^2+w3^2+w4^2"])
        #expect(big.status == 2 && big.stderr.contains("--method vegas"))
    }
}
