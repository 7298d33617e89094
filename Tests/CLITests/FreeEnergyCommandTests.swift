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
        #expect(big.status == 2 && big.stderr.contains("VEGAS"))
    }

    /// K = w^4 at n = 10⁴ (exact F = 2.4009, the closed form with a = 10⁴): TI
    /// with MALA at the CLI defaults (ε = 10⁻⁴ at β = 1, 20 rungs, seed 1) gave
    /// 2.4015 ± 0.020; over seeds 1–10 TI − F had sd 0.016.
    @Test func thermodynamicIntegrationAgreesWithTheClosedForm() throws {
        let plot = try temporaryDirectory().appendingPathComponent("ladder.svg").path
        let r = try runRLCT(["free-energy", "--polynomial", "w^4", "--method", "ti", "--sampler", "mala", "--json", "--plot", plot])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let f = try #require(j["free_energy"] as? Double), error = try #require(j["error"] as? Double)
        let exact = log(4.0) + 0.25 * log(1e4) - lgamma(0.25)
        #expect(j["method"] as? String == "ti")
        #expect(abs(f - exact) <= 3 * error && error < 0.2, "TI \(f) ± \(error), exact \(exact)")
        let ladder = try #require(j["ladder"] as? [[String: Any]])
        #expect(ladder.count == 21)
        #expect(ladder.allSatisfy { $0["beta"] is Double && $0["mean_n_loss"] is Double && $0["error"] is Double })
        // Every sampled rung has R̂, ESS and a verdict; the exact prior rung (β = 0) has none.
        #expect(ladder.dropFirst().allSatisfy { $0["r_hat"] is Double && $0["ess_bulk"] is Double && $0["verdict"] is [String: Any] })
        #expect(ladder[0]["verdict"] == nil && (j["verdict"] as? [String: Any])?["level"] is String)
        let (ok, counter) = SVGCounter.parse(try String(contentsOfFile: plot, encoding: .utf8))
        #expect(ok && counter.seriesCount == 1 && counter.pointCount == 20, "the 20 sampled rungs (β = 0 is off the log axis)")
    }

    @Test func thermodynamicIntegrationRejectsBadFlags() throws {
        let odd = try runRLCT(["free-energy", "--polynomial", "w^4", "--method", "ti", "--rungs", "7"])
        #expect(odd.status == 2 && odd.stderr.contains("--rungs"))
        let flat = try runRLCT(["free-energy", "--polynomial", "w^4", "--method", "ti", "--prior", "flat", "--sampler", "mala"])
        #expect(flat.status == 2 && flat.stderr.contains("flat is improper"), "\(flat.stderr)")
        let local = try runRLCT(["free-energy", "--polynomial", "w^4", "--method", "ti", "--local-radius", "0.5"])
        #expect(local.status == 2 && local.stderr.contains("--local-radius"))
        let plot = try runRLCT(["free-energy", "--polynomial", "w^4", "--plot", "x.svg"])
        #expect(plot.status == 2 && plot.stderr.contains("--plot: only --method ti"))
        let nbeta = try runRLCT(["free-energy", "--polynomial", "w^4", "--nbeta", "10"])
        #expect(nbeta.status == 2 && nbeta.stderr.contains("--nbeta"))
    }
}
