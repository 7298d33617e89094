import Estimators
import Foundation
import Models

/// The volume-scaling estimate of λ and m at w* for whatever model it is
/// handed: V(ε) of {L_n(w) − L_n(w*) < ε} over the prior's box, or its
/// intersection with w* ± radius.
public struct VolumeRun: ModelRun {
    public var prior: Prior
    /// Restrict to the box w* ± radius (the local volume), intersected with the prior's box.
    public var localRadius: Double?
    public var center: [String: Double]
    public var epsilons: [Double]
    /// nil: quadrature for d ≤ 3, Monte Carlo above.
    public var method: VolumeScaling.Method?
    public var seed: UInt64
    public var livePoints: Int
    public var replicates: Int
    /// Measure the level sets of the population loss K(w) = L(w) − L(w0) instead of
    /// L_n(w) − L_n(w*) (data models with a closed-form K; see `PopulationLossModel`).
    public var population = false
    public var progress: ((Int) -> Void)?

    public init(prior: Prior, localRadius: Double?, center: [String: Double], epsilons: [Double],
                method: VolumeScaling.Method?, seed: UInt64, livePoints: Int = 500, replicates: Int = 4,
                progress: ((Int) -> Void)? = nil) {
        self.prior = prior
        self.localRadius = localRadius
        self.center = center
        self.epsilons = epsilons
        self.method = method
        self.seed = seed
        self.livePoints = livePoints
        self.replicates = replicates
        self.progress = progress
    }

    /// The method used for a model of dimension d.
    public func resolvedMethod(dimension d: Int) -> VolumeScaling.Method {
        method ?? .default(dimension: d)
    }

    public func run<M: Model>(on model: M) async throws -> VolumeScaling.Result {
        let problem = try problem(dimension: model.dimension, parameterNames: model.parameterNames)
        if population { return try problem.estimate(model: try populationLoss(model), progress: progress) }
        return try problem.estimate(model: model, progress: progress)
    }

    /// The estimate on a model with these parameters: the box (the prior's, cut to w* ± radius),
    /// w* from `center`, and the method for dimension d.
    public func problem(dimension d: Int, parameterNames: [String]) throws -> VolumeScaling.Problem {
        for name in center.keys.sorted() where !parameterNames.contains(name) {
            throw SpecError(path: "at", "unknown parameter '\(name)' (the model's are \(parameterNames.joined(separator: ", ")))")
        }
        let w = parameterNames.map { center[$0] ?? 0 }
        var (lower, upper, _) = try prior.integrationDomain(dimension: d)
        for j in 0..<d where !(w[j] >= lower[j] && w[j] <= upper[j]) {
            throw SpecError(path: "at", "\(parameterNames[j]) = \(w[j]) is outside the prior's box [\(lower[j]), \(upper[j])]")
        }
        if let r = localRadius {
            lower = (0..<d).map { max(lower[$0], w[$0] - r) }
            upper = (0..<d).map { min(upper[$0], w[$0] + r) }
        }
        return VolumeScaling.Problem(prior: prior, lower: lower, upper: upper, center: w, epsilons: epsilons,
                                     method: resolvedMethod(dimension: d), seed: seed, livePoints: livePoints, replicates: replicates)
    }

    /// The population loss K of a data model (`population`), whose level sets are measured instead of L_n's.
    func populationLoss<M: Model>(_ model: M) throws -> PopulationLossModel<M> {
        do { return try PopulationLossModel(model) } catch { throw SpecError(path: "population", "\(error)") }
    }

    /// One piece of this estimate's `problem` (`problem(dimension:parameterNames:)` on the
    /// model it will run on) as its own run (`VolumeScaling.Problem.pieces`; docs/cluster.md).
    public func piece(_ piece: VolumeScaling.Piece, of problem: VolumeScaling.Problem) -> Piece {
        Piece(volume: self, problem: problem, piece: piece)
    }

    /// One piece of a `VolumeRun`: computed on any rank, assembled by `VolumeScaling.Problem.assemble`.
    public struct Piece: ModelRun {
        public var volume: VolumeRun
        public var problem: VolumeScaling.Problem
        public var piece: VolumeScaling.Piece

        public func run<M: Model>(on model: M) async throws -> VolumeScaling.PieceResult {
            if volume.population { return try problem.compute(piece, model: try volume.populationLoss(model)) }
            return try problem.compute(piece, model: model)
        }
    }
}
