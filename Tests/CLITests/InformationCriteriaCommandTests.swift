import Foundation
import Testing
import TestSupport

@Suite struct InformationCriteriaCommandTests {
    func json(_ args: [String]) throws -> [String: Any] {
        let r = try runRLCT(args)
        #expect(r.status == 0, "\(args): \(r.stderr)")
        return try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    /// K = w^4, n = 10⁴, uniform prior on [−1, 1]: the exact F_n is 2.4009
    /// (free-energy); WBIC must be within √log n = 3.03 of it, and BIC is
    /// exactly (1/2) log n = 4.6052 (ŵ = 0, nL_n(ŵ) = 0).
    @Test func wbicAndBICOfTheQuarticPotential() throws {
        let f = try #require(try json(["free-energy", "--polynomial", "w^4", "--json"])["free_energy"] as? Double)
        let wj = try json(["wbic", "--polynomial", "w^4", "--sampler", "mala", "--step-size", "1e-3", "--json"])
        let w = try #require(wj["wbic"] as? Double)
        // Diagnostics under ArviZ names and the verdict.
        for key in ["r_hat", "ess_bulk", "ess_tail", "acceptance"] { #expect(wj[key] is Double, "\(key)") }
        #expect((wj["verdict"] as? [String: Any])?["level"] is String)
        let b = try #require(try json(["bic", "--polynomial", "w^4", "--json"])["bic"] as? Double)
        #expect(abs(w - f) <= log(10_000.0).squareRoot())
        #expect(abs(b - 0.5 * log(10_000.0)) < 1e-9)
    }
}
