import Foundation
import Testing
import TestSupport

/// `rlct compare` on a singular and a regular potential of the same dimension.
@Suite struct CompareCommandTests {
    static let spec = """
    { "name": "w^4 vs w^2", "n": 10000, "plotN": [1000, 10000, 100000],
      "models": [
        { "name": "w^4", "model": { "kind": "potential", "k": "w^4", "n": 10000 }, "sampler": { "kind": "mala", "stepSize": 0.001 } },
        { "name": "w^2", "model": { "kind": "potential", "k": "w^2", "n": 10000 }, "sampler": { "kind": "mala", "stepSize": 0.001 } }
      ] }
    """

    /// Exact F_n of w^(2k) on [−1, 1] with density 1/2: log(2k) + log(n)/(2k) − log Γ(1/(2k)) (γ = Γ to double precision at n = 10⁴).
    func exact(_ k: Double, n: Double = 10_000) -> Double { log(2 * k) + log(n) / (2 * k) - lgamma(1 / (2 * k)) }

    @Test func bicIsWrongForTheSingularModelAndWBICIsNot() throws {
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("compare.json")
        try Self.spec.write(to: file, atomically: true, encoding: .utf8)
        let plot = dir.appendingPathComponent("compare.svg").path
        let r = try runRLCT(["compare", "--spec", file.path, "--json", "--plot", plot])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let models = try #require(j["models"] as? [[String: Any]])
        #expect(models.count == 2)
        for (row, k, lambda) in [(models[0], 2.0, 0.25), (models[1], 1.0, 0.5)] {
            let f = try #require(row["free_energy"] as? Double), bic = try #require(row["bic"] as? Double)
            let wbic = try #require(row["wbic"] as? Double), wbicError = try #require(row["wbic_error"] as? Double)
            #expect(abs(f - exact(k)) < 1e-8 * exact(k))
            // BIC − F = (d/2 − λ) log n + (log Γ(1/2k) − log 2k − 0): 2.20 for w^4, 0.12 for w^2.
            #expect(abs(bic - f - ((0.5 - lambda) * log(10_000.0) + lgamma(1 / (2 * k)) - log(2 * k))) < 1e-6)
            // WBIC = F + O_p(√log n); measured (seed 1) |WBIC − F| = 0.019 and 0.094, with MCSEs 0.065 and 0.072.
            #expect(abs(wbic - f) < 4 * wbicError, "WBIC \(wbic) ± \(wbicError), F \(f)")
            #expect(row["lambda"] as? Double == lambda && row["half_dimension"] as? Double == 0.5)
            let llc = try #require(row["llc"] as? Double), llcError = try #require(row["llc_error"] as? Double)
            #expect(abs(llc - lambda) < 0.1 * lambda + 2 * llcError)
        }
        #expect((models[0]["bic_minus_free_energy"] as? Double ?? 0) > 2, "BIC overshoots the singular model's F_n by ~(d/2 − λ) log n")

        let (ok, counter) = SVGCounter.parse(try String(contentsOfFile: plot, encoding: .utf8))
        #expect(ok)
        #expect(counter.seriesCount == 2 * 3 + 3, "F_n, WBIC and BIC per model, and the three style keys")
        #expect(counter.pointCount == 2 * (3 + 3), "F_n and WBIC points at each of the 3 plot n, per model")
    }

    @Test func badSpecExitsTwoNamingThePath() throws {
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("bad.json")
        try Self.spec.replacingOccurrences(of: "\"k\": \"w^2\"", with: "\"k\": \"w^^2\"").write(to: file, atomically: true, encoding: .utf8)
        let r = try runRLCT(["compare", "--spec", file.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("models[1].model.k"), "\(r.stderr)")
        try Self.spec.replacingOccurrences(of: "\"plotN\": [1000, 10000, 100000]", with: "\"plotN\": [1000, 100]")
            .write(to: file, atomically: true, encoding: .utf8)
        let order = try runRLCT(["compare", "--spec", file.path])
        #expect(order.status == 2 && order.stderr.contains("plotN"))
    }
}
