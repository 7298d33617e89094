import Foundation
import GSL
import Models

/// The learning coefficient from the volume of sublevel sets (Watanabe 2009,
/// ch. 6; SLT primer "Volume scaling"):
///
///     V(ε) = ∫_{K(w) − K(w*) < ε} φ(w) dw ≈ c ε^λ (−log ε)^{m−1}   (ε → 0)
///
/// V is computed on a log-spaced ε grid — by iterated quadrature with exact
/// level-set roots on the innermost line (d ≤ 3), or by nested sampling
/// (any d) — and log V = log c + λ log ε + (m − 1) log(−log ε) is fitted by
/// weighted least squares (weights from each V's relative error). The plain
/// log-log slope, biased low when m > 1, is reported beside it.
///
/// K is the model's loss `L_n`: for a `Potential` K itself; for a regression
/// model the empirical L_n(w) − L_n(w*), which follows the population K only
/// for ε well above the O(1/n) noise in L_n.
public enum VolumeScaling {
    public enum Method: String, Sendable, Codable, CaseIterable {
        /// Iterated adaptive quadrature (QAGS in log-distance from w*) with root finding on the innermost line; d ≤ 3.
        case quadrature
        /// Nested sampling with constrained random-walk Metropolis, independent replicates; any d.
        case montecarlo

        /// Quadrature for d ≤ 3, nested sampling above.
        public static func `default`(dimension d: Int) -> Method { d <= 3 ? .quadrature : .montecarlo }
    }

    /// V at one ε, with its absolute error estimate.
    public struct Point: Sendable, Codable, Equatable {
        public var epsilon: Double
        public var volume: Double
        public var error: Double

        public init(epsilon: Double, volume: Double, error: Double) {
            self.epsilon = epsilon
            self.volume = volume
            self.error = error
        }
    }

    /// The fit of log V = log c + λ log ε + (m − 1) log(−log ε), and the plain line log V = a + s log ε.
    public struct Fit: Sendable, Codable, Equatable {
        public var lambda: Double
        public var lambdaError: Double
        public var multiplicity: Double
        public var multiplicityError: Double
        public var logConstant: Double
        public var slope: Double
        public var slopeError: Double
        /// χ²/dof of the three-term fit (errors above are scaled by √(χ²/dof) when it exceeds 1).
        public var chiSquaredPerDof: Double

        /// The nearest integer ≥ 1 to m̂.
        public var multiplicityRounded: Int { Swift.max(1, Int(multiplicity.rounded())) }

        /// The fitted c ε^λ (−log ε)^{m−1}.
        public func volume(at epsilon: Double) -> Double {
            exp(logConstant + lambda * log(epsilon) + (multiplicity - 1) * log(-log(epsilon)))
        }

        enum CodingKeys: String, CodingKey {
            case lambda, lambdaError = "lambda_error", multiplicity, multiplicityError = "multiplicity_error"
            case logConstant = "log_constant", slope, slopeError = "slope_error", chiSquaredPerDof = "chi_squared_per_dof"
        }
    }

    /// What the volume fit measured, beside λ̂ and m̂ (`LambdaFit`).
    public struct Details: Sendable, Codable {
        /// The plain log-log slope d log V / d log ε (biased when m > 1).
        public var slope: Double
        public var slopeError: Double
        public var logConstant: Double
        public var points: [Point]
        public var method: Method
        /// w* and K(w*) = L_n(w*), the reference level.
        public var center: [Double]
        public var referenceLoss: Double
        /// The integration box (the prior's, intersected with w* ± r).
        public var lower: [Double]
        public var upper: [Double]
        /// Monte Carlo only: live points per run and independent runs.
        public var livePoints: Int?
        public var replicates: Int?

        public init(slope: Double, slopeError: Double, logConstant: Double, points: [Point], method: Method, center: [Double],
                    referenceLoss: Double, lower: [Double], upper: [Double], livePoints: Int?, replicates: Int?) {
            self.slope = slope
            self.slopeError = slopeError
            self.logConstant = logConstant
            self.points = points
            self.method = method
            self.center = center
            self.referenceLoss = referenceLoss
            self.lower = lower
            self.upper = upper
            self.livePoints = livePoints
            self.replicates = replicates
        }

        enum CodingKeys: String, CodingKey {
            case slope, slopeError = "slope_error", logConstant = "log_constant", points, method, center
            case referenceLoss = "reference_loss", lower, upper, livePoints = "live_points", replicates
        }
    }

    /// λ̂, m̂ and the volumes they were fitted to.
    public typealias Result = LambdaFit<Details>

    /// `count` values log-spaced from `maximum` down to `minimum`.
    public static func grid(minimum: Double, maximum: Double, count: Int) -> [Double] {
        guard count > 1 else { return [maximum] }
        let a = log(maximum), b = log(minimum)
        return (0..<count).map { exp(a + (b - a) * Double($0) / Double(count - 1)) }
    }

    /// V(ε) on `epsilons` over the box [lower, upper] (inside the prior's
    /// support) around `center` = w*, and the fit of λ and m: `Problem`'s
    /// pieces computed in order, then assembled (a cluster computes the same
    /// pieces apart, docs/cluster.md, with the same numbers).
    ///
    /// - Parameters:
    ///   - livePoints, replicates, steps: Monte Carlo only (live points per
    ///     nested-sampling run, independent runs, Metropolis steps per replacement; 0 = 10·d).
    ///   - progress: called with 1 after each ε (quadrature) or each run (Monte Carlo).
    public static func estimate<M: Model>(
        model: M, prior: Prior, lower: [Double], upper: [Double], center: [Double],
        epsilons: [Double], method: Method, seed: UInt64 = 1,
        livePoints: Int = 500, replicates: Int = 4, steps: Int = 0,
        progress: ((Int) -> Void)? = nil
    ) throws -> Result {
        let problem = Problem(prior: prior, lower: lower, upper: upper, center: center, epsilons: epsilons, method: method,
                              seed: seed, livePoints: livePoints, replicates: replicates, steps: steps)
        return try problem.estimate(model: model, progress: progress)
    }

    /// Weighted least squares (GSL `gsl_multifit_wlinear`) of log V on
    /// [1, log ε, log(−log ε)], weights 1/σ² with σ = error/V (floored at
    /// 1e-10); the covariance is scaled by χ²/dof when that exceeds 1, since
    /// the neglected higher-order terms, not the integration error, then set
    /// the misfit.
    public static func fit(_ points: [Point]) throws -> Fit {
        guard points.count >= 4 else { throw SpecificationError("the volume fit needs at least 4 points, got \(points.count)") }
        let x = points.map { log($0.epsilon) }
        let y = points.map { log($0.volume) }
        let weights = points.map { p -> Double in
            let s = Swift.max(p.error / p.volume, 1e-10)
            return 1 / (s * s)
        }
        let full = try LeastSquares.weightedLinear(design: x.map { [1, $0, log(-$0)] }, y: y, weights: weights)
        let line = try LeastSquares.line(x: x, y: y, weights: weights)
        func scale(_ f: LinearFit) -> Double { f.dof > 0 ? Swift.max(1, f.chiSquared / Double(f.dof)).squareRoot() : 1 }
        let se = full.standardErrors, lineSE = line.standardErrors
        return Fit(lambda: full.coefficients[1], lambdaError: se[1] * scale(full),
                   multiplicity: full.coefficients[2] + 1, multiplicityError: se[2] * scale(full),
                   logConstant: full.coefficients[0], slope: line.coefficients[1], slopeError: lineSE[1] * scale(line),
                   chiSquaredPerDof: full.dof > 0 ? full.chiSquared / Double(full.dof) : .nan)
    }

    /// Throws if K dips below K(w*) in the box by δ with 10δ > the smallest ε:
    /// then {K − K(w*) < ε} keeps positive volume as ε → 0 and the fit means nothing.
    static func checkMinimum(_ f: LevelFunction, lower: [Double], upper: [Double], smallestEpsilon: Double, seed: UInt64) throws {
        let (wMin, kMin) = try ExactFreeEnergy.minimum(of: { f.value($0) }, lower: lower, upper: upper, seed: seed)
        let dip = -kMin
        func short(_ x: Double) -> String { String(format: "%.3g", x) }
        if dip > 0, 10 * dip > smallestEpsilon {
            let at = wMin.map { short($0) }.joined(separator: ", ")
            throw SpecificationError("L_n(w) − L_n(w*) goes down to −\(short(dip)) at w = (\(at)) in the box, so the set {L_n − L_n(w*) < ε} does not shrink for ε ≲ \(short(dip)); put --at at that minimum, shrink --local-radius, or raise --epsilon-min above \(short(10 * dip))")
        }
    }

    /// K(w) − K(w*) through the model's loss, with a private workspace and point buffer.
    final class LevelFunction {
        let evaluate: ([Double]) -> Double
        let reference: Double
        /// The point being evaluated; quadrature sets its coordinates in place.
        var point: [Double]

        init<M: Model>(model: M, center: [Double]) throws {
            var workspace = model.makeWorkspace(maxBatchSize: 1)
            evaluate = { w in w.withUnsafeBufferPointer { model.loss($0, workspace: &workspace) } }
            reference = evaluate(center)
            point = center
            guard reference.isFinite else { throw SpecificationError("L_n(w*) is not finite (\(reference)) at w* = \(center)") }
        }

        func value(_ w: [Double]) -> Double { evaluate(w) - reference }
        /// K − K(w*) at `point`.
        func valueAtPoint() -> Double { evaluate(point) - reference }
    }
}

extension LambdaFit where Details == VolumeScaling.Details {
    /// The fitted curve and its numbers.
    public var fit: VolumeScaling.Fit {
        VolumeScaling.Fit(lambda: lambda, lambdaError: lambdaError, multiplicity: multiplicity, multiplicityError: multiplicityError,
                          logConstant: details.logConstant, slope: details.slope, slopeError: details.slopeError,
                          chiSquaredPerDof: chiSquaredPerDof)
    }
}
