import Foundation
import Testing
import TestSupport

@Suite struct WAICCommandTests {
    /// y = w·x + ε is regular with d = 1, so ν = 1/2. MALA at the CLI defaults
    /// (ε = 10⁻⁴, β = 1, seed 1): ν̂ = 0.503 ± 0.011; over seeds 1–8 0.476–0.520.
    @Test func regularRegressionHasSingularFluctuationOneHalf() throws {
        let r = try runRLCT(["waic", "--q", "w", "--sampler", "mala", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let nu = try #require(j["singular_fluctuation"] as? Double)
        #expect(abs(nu - 0.5) <= 0.075, "ν̂ = \(nu)")
        for key in ["waic", "error", "training_loss", "functional_variance", "n_waic"] { #expect(j[key] is Double, "\(key)") }
        #expect(j["nbeta"] as? Double == 10_000)
        for key in ["r_hat", "ess_bulk", "ess_tail"] { #expect(j[key] is Double, "\(key)") }
        #expect((j["verdict"] as? [String: Any])?["level"] is String)
        let beta = try runRLCT(["waic", "--q", "w", "--sampler", "mala", "--beta", "0.5", "--draws", "200", "--json"])
        let jb = try #require(JSONSerialization.jsonObject(with: Data(beta.stdout.utf8)) as? [String: Any])
        #expect(jb["nbeta"] as? Double == 5_000)
    }

    @Test func potentialIsRefused() throws {
        let r = try runRLCT(["waic", "--polynomial", "w^4", "--sampler", "mala"])
        #expect(r.status == 2 && r.stderr.contains("per-sample data"), "\(r.stderr)")
    }
}
