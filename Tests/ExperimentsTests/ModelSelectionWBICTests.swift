import Estimators
import Foundation
import GSL
import Models
import Sampling
import Testing
@testable import Experiments

/// WBIC and the exact F_n of `rlct select`'s nonlinear families: the tanh
/// networks (sampled as `MLP.tanhNetwork`) and polynomial candidates
/// (`PolynomialRegression` on the spec's own box).
@Suite struct ModelSelectionWBICTests {
    /// The chains of the CLI's defaults (4 × 2000 draws, burn-in 500, thin 10, MALA at the auto step).
    static func selection(_ family: SelectionFamily, sigma: Double, criteria: [SelectionCriterion] = [.bic, .sbic, .wbic, .exact],
                          seed: UInt64 = 1) -> ModelSelection {
        var settings = ChainSettings()
        settings.chains = 4
        settings.draws = 2000
        settings.burnIn = 500
        settings.thin = 10
        settings.seed = seed
        var s = ModelSelection(family: family, sigma: sigma, criteria: criteria, prior: .uniform(lower: [-2], upper: [2]),
                               sampler: SamplerConfiguration(kind: .mala, stepSize: 1e-3), settings: settings)
        s.autoStepSize = true
        s.fitSeed = seed
        return s
    }

    /// A polynomialRegression spec file in a fresh directory.
    static func spec(_ q: String, prior: String, sigma: Double, a: Double, at w0: [Double], n: Int, seed: Int) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("select-wbic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent("q.json")
        try Data("""
        {"model": {"kind": "polynomialRegression", "q": "\(q)", "sigma": \(sigma)}, "truth": {"a": \(a), "parameters": \(w0)},
         "prior": \(prior), "data": {"kind": "synthetic", "n": \(n), "seed": \(seed)}}
        """.utf8).write(to: url)
        return url.path
    }

    /// Q = w on the box [L, U] is regular linear regression with a uniform
    /// prior: n L_n(w) = S(w − ŵ)²/(2σ²) + (Syy − Sxy²/Sxx)/(2σ²) + (n/2) log(2πσ²)
    /// with S = Sxx, ŵ = Sxy/Sxx, so
    ///
    ///     F_n = (Syy − Sxy²/Sxx)/(2σ²) + (n/2) log(2πσ²) + log(U − L)
    ///           − log(½ √(π/c) [erf(√c (U − ŵ)) − erf(√c (L − ŵ))]),  c = Sxx/(2σ²).
    ///
    /// The box [−1, 0.75] cuts the likelihood near ŵ ≈ 0.7, so the erf term
    /// matters. The quadrature runs at relative tolerance 1e-7.
    @Test func exactFreeEnergyOfRegularRegressionIsTheErfClosedForm() async throws {
        let (lo, hi, sigma) = (-1.0, 0.75, 0.8)
        let path = try Self.spec("w", prior: "{\"kind\": \"uniform\", \"lower\": [\(lo)], \"upper\": [\(hi)]}", sigma: sigma, a: 0.7, at: [0.7], n: 60, seed: 4)
        let list = try PolynomialCandidate.load(paths: [path])
        let data = try SelectionData.spec(path: path)
        let r = try await Self.selection(.polynomials(list), sigma: sigma).run(data: data)
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for i in 0..<data.count { sxx += data.inputs[i] * data.inputs[i]; sxy += data.inputs[i] * data.outputs[i]; syy += data.outputs[i] * data.outputs[i] }
        let n = Double(data.count), s2 = sigma * sigma, w = sxy / sxx, c = sxx / (2 * s2)
        let integral = 0.5 * (Double.pi / c).squareRoot() * (erf(c.squareRoot() * (hi - w)) - erf(c.squareRoot() * (lo - w)))
        let exact = (syy - sxy * sxy / sxx) / (2 * s2) + n / 2 * log(2 * Double.pi * s2) + log(hi - lo) - log(integral)
        let f = try #require(r.rows[0].freeEnergy)
        #expect(abs(f - exact) <= 1e-6 * abs(exact), "F_n \(f), closed form \(exact)")
        // ŵ inside the box: ℓ̂ is −n L_n(ŵ).
        #expect(w < hi)
        #expect(abs(-r.rows[0].logLikelihood - ((syy - sxy * sxy / sxx) / (2 * s2) + n / 2 * log(2 * Double.pi * s2))) < 1e-9 * n)
        // WBIC of a regular one-parameter model: E^β[n L_n] − n L_n(ŵ) = 1/(2β) = (log n)/2 for a
        // Gaussian tempered posterior; the box cuts it a little at 0.75. Measured with
        // `rlct select --candidates` on this spec: 1.78–1.85 at chain seeds 1–3 (log n/2 = 2.05),
        // 1.78–2.39 over data seeds 4–7; the tolerance 0.5 is above the largest deviation, 0.34.
        let wbic = try #require(r.rows[0].wbic), error = try #require(r.rows[0].wbicError)
        #expect(wbic + r.rows[0].logLikelihood > 0)
        #expect(abs(wbic + r.rows[0].logLikelihood - log(n) / 2) <= 0.5, "WBIC \(wbic) ± \(error), ℓ̂ \(r.rows[0].logLikelihood)")
    }

    /// The tanh candidate's model is `MLP.tanhNetwork` with `TanhFit`'s
    /// layout: n L_n at the fitted (a, b) is RSS_H/(2σ²) + (n/2) log(2πσ²) = −ℓ̂_H.
    @Test func tanhNetworkLossAtTheFitIsTheFitsLikelihood() throws {
        let sigma = 0.4
        let data = try TanhFit.syntheticData(activeUnits: 2, count: 150, sigma: sigma, seed: 3)
        let fit = try TanhFit(data: data, maxHidden: 3, sigma: sigma, starts: 4, seed: 3)
        for h in 1...3 {
            let model = try ModelSelection.tanhModel(hidden: h, sigma: sigma, data: data)
            let w = ModelSelection.tanhParameters(fit.parameters[h], hidden: h)
            #expect(model.parameterNames == (0..<h).map { "a[\($0),0]" } + (0..<h).map { "b[0,\($0)]" }, "\(model.parameterNames)")
            var workspace = model.makeWorkspace(maxBatchSize: data.count)
            let nLoss = Double(data.count) * w.withUnsafeBufferPointer { model.loss($0, workspace: &workspace) }
            let expected = fit.residualSumOfSquares[h] / (2 * sigma * sigma) + Double(data.count) / 2 * log(2 * Double.pi * sigma * sigma)
            #expect(abs(nLoss - expected) < 1e-9 * abs(expected), "H = \(h): n L_n \(nLoss), RSS form \(expected)")
            #expect(abs(nLoss + fit.logLikelihood(hidden: h)) < 1e-9 * abs(nLoss))
            // A permuted layout (b first) would not give the fit's value.
            let swapped = Array(w[h...]) + Array(w[..<h])
            let other = Double(data.count) * swapped.withUnsafeBufferPointer { model.loss($0, workspace: &workspace) }
            #expect(abs(other - nLoss) > 1e-3)
        }
    }

    /// Tanh family, truth with one unit, n = 200, σ = 0.5, seed 1:
    /// - H = 0 has no parameters: WBIC = F_n = −ℓ̂_0;
    /// - H = 1: WBIC and the exact F_n agree (WBIC − F_n = O_p(√log n));
    /// - H = 1 is regular at this truth: WBIC − (−ℓ̂_1) ≈ λ log n = log n.
    ///
    /// Measured with `rlct select --model tanh --max-hidden 1 --true-hidden 1
    /// --n 200 --sigma 0.5 --seed s` (data, fit and chains of seed s), s = 1 … 6:
    /// WBIC − F_n = −0.66, −0.44, −0.58, −0.59, −0.47, −0.28 (MCSE 0.06–0.13),
    /// so |WBIC − F_n| ≤ 1 (mean 0.50, sd 0.14); WBIC + ℓ̂ = 3.80, 4.28, 3.87,
    /// 4.09, 4.27, 4.38 against log n = 5.30 (the tempered posterior at n = 200
    /// is not yet Gaussian in (a, b); seed 1 gives 3.81 with 8000 draws and 3.89
    /// at a 10× smaller step), so |WBIC + ℓ̂ − log n| ≤ 2 (largest deviation 1.50).
    /// Chains stuck at the start would give WBIC + ℓ̂ ≈ 0.
    @Test func tanhWBICAgreesWithTheExactFreeEnergy() async throws {
        let sigma = 0.5
        let data = try TanhFit.syntheticData(activeUnits: 1, count: 200, sigma: sigma, seed: 1)
        let r = try await Self.selection(.tanh(maxHidden: 1), sigma: sigma).run(data: data)
        let zero = r.rows[0]
        #expect(zero.wbic == -zero.logLikelihood && zero.freeEnergy == -zero.logLikelihood && zero.wbicError == 0)
        let one = r.rows[1]
        let wbic = try #require(one.wbic), f = try #require(one.freeEnergy), error = try #require(one.wbicError)
        #expect(abs(wbic - f) <= 1, "WBIC \(wbic) ± \(error), F_n \(f)")
        let excess = wbic + one.logLikelihood, logN = log(200.0)
        #expect(excess > 0)
        #expect(abs(excess - logN) <= 2, "WBIC + ℓ̂ = \(excess), log n = \(logN)")
        #expect(one.divergences == 0)
        // The quadrature finds both modes (a, b) and (−a, −b) of f = b tanh(a x):
        // by that symmetry the half box a ≥ 0 holds half of the integral.
        let model = try ModelSelection.tanhModel(hidden: 1, sigma: sigma, data: data)
        let half = try ExactFreeEnergy.compute(model: model, nbeta: 200, lower: [0, -2], upper: [2, 2], logPrior: { _ in -log(16.0) },
                                               method: .quadrature, relativeTolerance: ModelSelection.exactTolerance, seed: 1)
        #expect(abs(f - (half.freeEnergy - log(2.0))) < 1e-5, "F_n \(f), half box \(half.freeEnergy) − log 2")
        // Deterministic: the same seed gives the same numbers.
        let again = try await Self.selection(.tanh(maxHidden: 1), sigma: sigma).run(data: data)
        #expect(again.rows[1].wbic == wbic && again.rows[1].freeEnergy == f)
    }

    /// The polynomial fit's point reaches the fit's value, inside the box.
    @Test func polynomialFitReturnsItsMaximiser() throws {
        let path = try Self.spec("w1*w2", prior: "{\"kind\": \"uniform\", \"lower\": [-1], \"upper\": [1]}", sigma: 1, a: 0.3, at: [0.5, 0.6], n: 100, seed: 2)
        let c = try PolynomialCandidate.load(paths: [path])[0]
        for target in [0.3, -0.5, 2.5] {
            let (value, point) = try c.fitPoint(target: target, starts: 4, stream: RandomStream(seed: 1, stream: 200))
            #expect(point.count == 2 && point.allSatisfy { abs($0) <= 1 })
            #expect(abs(point[0] * point[1] - value) < 1e-12)
            let alone = try c.fit(target: target, starts: 4, stream: RandomStream(seed: 1, stream: 200))
            #expect(value == alone)
            #expect(abs(value - min(target, 1)) < 1e-6, "target \(target): \(value)")
        }
    }
}
