import Foundation
import GSL
import Models
import Sampling

/// λ and m from the LLC over several decades of nβ.
///
/// At one temperature λ̂(nβ) = −d log Z/d log nβ is biased when m > 1. Near a
/// normal crossing Z(nβ) is a sum of residues of Γ(s)(nβ)^(−s)ζ(−s), and the
/// pole of order m at s = λ gives Z ∝ (nβ)^(−λ) P(log nβ) with P of degree
/// m − 1, up to O((nβ)^(λ−λ₂)) from the next pole. With P = (log nβ + κ)^(m−1)
/// (exact for m ≤ 2):
///
///     λ̂(nβ) = λ − (m − 1)/(log nβ + κ),
///
/// κ = −ψ(λ) − g′(λ)/g(λ), g the rest of ζ(−s) at the pole, so κ depends on
/// the prior, the localization and the scale of K: it is fitted (docs/estimators.md).
/// Each point is an ordinary LLC estimate with its MCSE; the fit is weighted by 1/MCSE².
public enum NBetaSweep {
    /// One LLC estimate of the sweep.
    public struct Point: Sendable, Codable {
        public var nbeta: Double
        public var stepSize: Double
        public var llc: Double
        public var mcse: Double
        public var rhat: Double
        public var essBulk: Double
        /// Metropolis acceptance rate (MALA, HMC).
        public var acceptance: Double?
        public var warnings: [String]

        public init(nbeta: Double, stepSize: Double, llc: Double, mcse: Double, rhat: Double = .nan, essBulk: Double = .nan,
                    acceptance: Double? = nil, warnings: [String] = []) {
            self.nbeta = nbeta
            self.stepSize = stepSize
            self.llc = llc
            self.mcse = mcse
            self.rhat = rhat
            self.essBulk = essBulk
            self.acceptance = acceptance
            self.warnings = warnings
        }

        enum CodingKeys: String, CodingKey {
            case nbeta, stepSize = "step_size", llc = "llc_mean", mcse = "llc_mcse", rhat, essBulk = "ess_bulk", acceptance, warnings
        }
    }

    /// What the sweep measured besides λ and m.
    public struct Details: Sendable, Codable {
        /// κ of λ − (m−1)/(log nβ + κ) (the profiled value when m̂ ≈ 1 leaves it undetermined).
        public var kappa: Double
        /// nan when κ is undetermined (m̂ − 1 within two standard errors of 0).
        public var kappaError: Double
        /// The κ range searched: log nβ + κ ≥ 1 at the smallest nβ, κ ≤ log nβ_min + log nβ_max.
        public var kappaRange: [Double]
        public var dof: Int
        public var localization: Double
        public var sampler: String
        /// By increasing nβ.
        public var points: [Point]
        public var warnings: [String]

        enum CodingKeys: String, CodingKey {
            case kappa, kappaError = "kappa_error", kappaRange = "kappa_range", dof, localization, sampler, points, warnings
        }
    }

    public typealias Result = LambdaFit<Details>

    /// `count` values of nβ, log-spaced from `lower` to `upper`.
    public static func grid(lower: Double, upper: Double, count: Int) throws -> [Double] {
        guard lower > 0, lower.isFinite, upper.isFinite, upper > lower else {
            throw SpecificationError("nbetaSweep: expected 0 < lower < upper, got \(lower), \(upper)")
        }
        guard count >= 4 else {
            throw SpecificationError("nbetaSweep: the fit of λ, m and κ needs at least 4 points, got \(count)")
        }
        let a = log(lower), b = log(upper)
        return (0..<count).map { exp(a + (b - a) * Double($0) / Double(count - 1)) }
    }

    /// The fitted curve λ − (m−1)/(log nβ + κ).
    public static func curve(lambda: Double, multiplicity: Double, kappa: Double) -> (Double) -> Double {
        { nbeta in lambda - (multiplicity - 1) / (log(nbeta) + kappa) }
    }
}

extension NBetaSweep {
    /// Weighted fit of λ̂_j ≈ λ − (m−1)/(log nβ_j + κ), weights 1/MCSE_j².
    ///
    /// For fixed κ the model is linear in (λ, m − 1); κ is first profiled on a
    /// grid over `kappaRange` (the minimum of χ²(κ)), then (λ, m, κ) are refined
    /// together by GSL's nonlinear least squares from there, whose covariance
    /// gives the errors (scaled by √(χ²/dof) when that exceeds 1). When m̂ − 1
    /// is within two standard errors of 0, κ barely changes the curve: λ and m
    /// come from the linear fit at the profiled κ, whose error is reported as nan.
    public static func fit(points unsorted: [Point], localization: Double, sampler: String) throws -> Result {
        let points = unsorted.sorted { $0.nbeta < $1.nbeta }
        guard points.count >= 4 else {
            throw SpecificationError("nbetaSweep: the fit needs at least 4 points, got \(points.count)")
        }
        if let bad = points.first(where: { !($0.mcse > 0 && $0.mcse.isFinite && $0.llc.isFinite) }) {
            throw SpecificationError("nbetaSweep: the LLC at nβ = \(bad.nbeta) is \(bad.llc) ± \(bad.mcse); the fit needs a finite estimate with a positive MCSE (more draws)")
        }
        let L = points.map { log($0.nbeta) }, y = points.map(\.llc)
        let w = points.map { 1 / ($0.mcse * $0.mcse) }
        let lo = 1 - L[0], hi = L[0] + L[L.count - 1]
        let gridCount = 400

        func linear(_ kappa: Double) throws -> LinearFit {
            try LeastSquares.fit(x: L, y: y, weights: w, basis: [{ _ in 1 }, { -1 / ($0 + kappa) }])
        }
        var best = (kappa: lo, fit: try linear(lo))
        for i in 1...gridCount {
            let k = lo + (hi - lo) * Double(i) / Double(gridCount)
            let f = try linear(k)
            if f.chiSquared < best.fit.chiSquared { best = (k, f) }
        }
        let n = points.count
        var warnings: [String] = []
        let b0 = best.fit.coefficients[1], bErr = best.fit.standardErrors[1]

        var lambda = best.fit.coefficients[0], lambdaError = best.fit.standardErrors[0]
        var m = 1 + b0, mError = bErr
        var kappa = best.kappa, kappaError = Double.nan
        var chiSquared = best.fit.chiSquared, dof = n - 2

        if b0 > 2 * bErr {
            // κ matters: refine (λ, b = m−1, κ) together.
            let residuals: ([Double]) -> [Double] = { p in L.indices.map { p[0] - p[1] / (L[$0] + p[2]) - y[$0] } }
            let jacobian: ([Double]) -> [[Double]] = { p in
                L.indices.map { j in let u = 1 / (L[j] + p[2]); return [1, -u, p[1] * u * u] }
            }
            if let nl = try? LeastSquares.nonlinear(start: [lambda, b0, best.kappa], observations: n, weights: w,
                                                     residuals: residuals, jacobian: jacobian),
               nl.parameters[2] >= lo, nl.parameters[2] <= hi,
               nl.covariance.indices.allSatisfy({ nl.covariance[$0][$0].isFinite && nl.covariance[$0][$0] >= 0 }) {
                lambda = nl.parameters[0]
                m = 1 + nl.parameters[1]
                kappa = nl.parameters[2]
                lambdaError = nl.covariance[0][0].squareRoot()
                mError = nl.covariance[1][1].squareRoot()
                kappaError = nl.covariance[2][2].squareRoot()
                chiSquared = nl.chiSquared
                dof = nl.dof
            } else {
                warnings.append("the three-parameter fit did not converge inside the κ range; λ and m are from the linear fit at the profiled κ, without κ's uncertainty")
            }
            if kappa == lo || kappa == hi {
                warnings.append(String(format: "κ = %.3g is at the edge of the searched range [%.3g, %.3g]: the curve is too straight to separate m from κ; widen the nβ range", kappa, lo, hi))
            }
        }
        let chi = dof > 0 ? chiSquared / Double(dof) : .nan
        let scale = chi.isFinite ? max(1, chi).squareRoot() : 1
        if chi.isFinite && chi > 3 {
            warnings.append(String(format: "χ²/dof = %.2f: λ̂(nβ) does not follow λ − (m−1)/(log nβ + κ) within the MCSEs (a second pole close to the first, or step-size bias at some points); errors scaled by √(χ²/dof)", chi))
        }
        let details = Details(kappa: kappa, kappaError: kappaError * scale, kappaRange: [lo, hi], dof: dof,
                              localization: localization, sampler: sampler, points: points, warnings: warnings)
        return Result(lambda: lambda, lambdaError: lambdaError * scale, multiplicity: m, multiplicityError: mError * scale,
                      chiSquaredPerDof: chi, details: details)
    }

    /// An LLC estimate at every nβ of `nbetas` (each on a seed of its own,
    /// `ChainSettings.forRun`), then `fit`. The step size is the sampler's at
    /// `nbetas[0]`, scaled as 1/nβ (`SamplerConfiguration.scaled`: the
    /// posterior's width in a regular direction is (nβ)^(−1/2)); the
    /// localization γ is the same at every point, so the prior window in w is
    /// fixed while nβ grows (docs/estimators.md says why).
    public static func estimate<M: Model>(model: M, prior: Prior, center: [Double], sampler: SamplerConfiguration,
                                          localization: Double, nbetas: [Double], settings: ChainSettings,
                                          progress: (@Sendable (Int) -> Void)? = nil) async throws -> Result {
        let sorted = nbetas.sorted()
        guard let first = sorted.first else { throw SpecificationError("nbetaSweep: no nβ given") }
        var points: [Point] = []
        for (j, nbeta) in sorted.enumerated() {
            let configuration = sampler.scaled(from: first, to: nbeta, prior: prior)
            let posterior = Posterior(model: model, nbeta: nbeta, localization: localization, center: center, prior: prior)
            let (e, _) = await LocalLearningCoefficient.estimate(posterior: posterior, sampler: configuration,
                                                                 settings: settings.forRun(j), progress: progress)
            if !e.divergences.isEmpty && e.divergences.count == settings.chains {
                throw SpecificationError("nbetaSweep: every chain diverged at nβ = \(nbeta) (step size \(configuration.stepSize)); reduce the step size")
            }
            points.append(Point(nbeta: nbeta, stepSize: e.stepSize, llc: e.llcMean, mcse: e.llcMCSE, rhat: e.rhat,
                                essBulk: e.essBulk, acceptance: e.acceptance, warnings: e.warnings))
        }
        var result = try fit(points: points, localization: localization, sampler: sampler.kind.rawValue)
        let flagged = points.filter { !$0.warnings.isEmpty }.map { String(format: "%.3g", $0.nbeta) }
        if !flagged.isEmpty {
            result.details.warnings.append("the LLC at nβ = \(flagged.joined(separator: ", ")) carries warnings (see points)")
        }
        return result
    }
}
