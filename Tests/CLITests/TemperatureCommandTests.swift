import Foundation
import Testing
import TestSupport

@Suite struct TemperatureCommandTests {
    /// K = w^4 (λ = 1/4), n = 10⁴, MALA ε = 10⁻³ at β = 1/log n, the CLI's
    /// defaults otherwise (seed 1, 4 chains × 2000 draws). Measured: fit
    /// 0.2505 ± 0.0076, two-temperature 0.299 ± 0.025, Imai 0.284 ± 0.015; the
    /// fit is asserted within 10% of λ, the others within 4 of their se.
    @Test func quarticPotentialGivesAQuarter() throws {
        let r = try runRLCT(["temperature", "--polynomial", "w^4", "--sampler", "mala", "--step-size", "1e-3", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let fit = try #require(j["lambda_multi_temperature"] as? Double)
        let fitError = try #require(j["lambda_multi_temperature_error"] as? Double)
        #expect(abs(fit - 0.25) <= 0.025, "fit \(fit) ± \(fitError)")
        for key in ["two_temperature", "imai"] {
            let v = try #require(j["lambda_\(key)"] as? Double), e = try #require(j["lambda_\(key)_error"] as? Double)
            #expect(abs(v - 0.25) <= 4 * e, "\(key) \(v) ± \(e)")
        }
        let temperatures = try #require(j["temperatures"] as? [[String: Any]])
        #expect(temperatures.compactMap { $0["beta0"] as? Double } == [0.5, 0.75, 1, 1.5, 2])
    }

    @Test func textTableAndBadInput() throws {
        let plot = try temporaryDirectory().appendingPathComponent("t.svg").path
        let r = try runRLCT(["temperature", "--polynomial", "w^2", "--sampler", "mala", "--step-size", "1e-3", "--draws", "400",
                             "--temperatures", "1,2,3", "--quiet", "--plot", plot])
        #expect(r.status == 0, "\(r.stderr)")
        let (ok, counter) = SVGCounter.parse(try String(contentsOfFile: plot, encoding: .utf8))
        // β0 ∈ {1, 1.5} ∪ {1, 2, 3}: four sampled temperatures, and the fitted line.
        #expect(ok && counter.seriesCount == 2 && counter.pointsPerSeries.first == 4)
        #expect(r.stdout.contains("multi-temperature fit") && r.stdout.contains("two-temperature") && r.stdout.contains("Imai"))
        #expect(r.stdout.split(separator: "\n").contains { $0.hasPrefix("verdict: ") })
        let bad = try runRLCT(["temperature", "--polynomial", "w^2", "--beta0", "1"])
        #expect(bad.status == 2 && bad.stderr.contains("--beta0"))
        let one = try runRLCT(["temperature", "--polynomial", "w^2", "--temperatures", "1,1"])
        #expect(one.status == 2 && one.stderr.contains("--temperatures"))
    }
}
