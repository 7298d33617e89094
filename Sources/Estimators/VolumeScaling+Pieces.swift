import Foundation
import GSL
import Models

extension VolumeScaling {
    /// One volume-scaling estimate as independent pieces: the checks before any
    /// volume (`setup`), then V(ε) at each ε (quadrature) or one nested-sampling
    /// run per replicate (Monte Carlo, run r on stream r of the seed). Each
    /// piece depends only on the problem and itself, so pieces computed in any
    /// order, in any process, assemble into the same `Result` that `estimate`
    /// returns (it computes them in order). `rlct regress` hands the pieces of a
    /// large volume check to different ranks (docs/cluster.md).
    public struct Problem: Sendable {
        public var prior: Prior
        /// The integration box (inside the prior's support) and w*.
        public var lower: [Double]
        public var upper: [Double]
        public var center: [Double]
        public var epsilons: [Double]
        public var method: Method
        public var seed: UInt64
        /// Monte Carlo only: live points per run, runs, Metropolis steps per replacement (0 = 10·d).
        public var livePoints: Int
        public var replicates: Int
        public var steps: Int

        public init(prior: Prior, lower: [Double], upper: [Double], center: [Double], epsilons: [Double], method: Method,
                    seed: UInt64 = 1, livePoints: Int = 500, replicates: Int = 4, steps: Int = 0) {
            self.prior = prior
            self.lower = lower
            self.upper = upper
            self.center = center
            self.epsilons = epsilons
            self.method = method
            self.seed = seed
            self.livePoints = livePoints
            self.replicates = replicates
            self.steps = steps
        }

        /// The pieces, in the order `estimate` computes them (and an error is reported from).
        public var pieces: [Piece] {
            switch method {
            case .quadrature: return [.setup] + epsilons.indices.map { .epsilon($0) }
            case .montecarlo: return [.setup] + (0..<max(replicates, 0)).map { .replicate($0) }
            }
        }

        /// Every piece in order, then `assemble`: `VolumeScaling.estimate`. `progress` is called
        /// with 1 after each ε (quadrature) or run (Monte Carlo).
        public func estimate<M: Model>(model: M, progress: ((Int) -> Void)? = nil) throws -> Result {
            let results = try pieces.map { piece in
                let r = try compute(piece, model: model)
                if piece != .setup { progress?(1) }
                return r
            }
            return try assemble(results)
        }

        /// Computes one piece on `model` (each piece checks the problem first).
        public func compute<M: Model>(_ piece: Piece, model: M) throws -> PieceResult {
            try validate(dimension: model.dimension)
            let density = try AxisDensity(prior: prior, dimension: model.dimension)
            let f = try LevelFunction(model: model, center: center)
            switch piece {
            case .setup:
                try checkMinimum(f, lower: lower, upper: upper, smallestEpsilon: epsilons.min() ?? 0, seed: seed)
                return .setup(referenceLoss: f.reference)
            case .epsilon(let i):
                guard method == .quadrature, epsilons.indices.contains(i) else { throw mismatch(piece) }
                return .point(try quadratureVolume(f, density: density, lower: lower, upper: upper, center: center,
                                                   epsilon: epsilons[i]))
            case .replicate(let r):
                guard method == .montecarlo, (0..<replicates).contains(r) else { throw mismatch(piece) }
                let run = try nestedSamplingLogVolumes(f, density: density, lower: lower, upper: upper, epsilons: epsilons,
                                                       livePoints: livePoints, steps: steps > 0 ? steps : 10 * model.dimension,
                                                       seed: seed, stream: r)
                return .run(logBoxMass: run.logBoxMass, logFraction: run.logFraction)
            }
        }

        /// λ̂ and m̂ from every piece's result, in `pieces` order.
        public func assemble(_ results: [PieceResult]) throws -> Result {
            let expected = pieces
            guard results.count == expected.count, case .setup(let reference)? = results.first else {
                throw SpecificationError("the volume estimate needs \(expected.count) piece results starting with the setup, got \(results.count)")
            }
            var points: [Point] = []
            var replicateFits: [Fit] = []
            switch method {
            case .quadrature:
                points = try results.dropFirst().map { r in
                    guard case .point(let p) = r else { throw SpecificationError("a quadrature piece returned \(r)") }
                    return p
                }
            case .montecarlo:
                var logBoxMass = 0.0
                let runs = try results.dropFirst().map { r -> [Double] in
                    guard case .run(let mass, let logX) = r, logX.count == epsilons.count else {
                        throw SpecificationError("a nested-sampling piece returned \(r)")
                    }
                    logBoxMass = mass
                    return logX
                }
                points = combine(runs, logBoxMass: logBoxMass, epsilons: epsilons, livePoints: livePoints)
                // Each run fitted alone, weighted by its own sd(log X) = √k/N.
                let n = Double(livePoints)
                replicateFits = try runs.map { logX in
                    try fit(zip(epsilons, logX).map { e, x in
                        Point(epsilon: e, volume: exp(logBoxMass + x), error: exp(logBoxMass + x) * max(-x * n, 1).squareRoot() / n)
                    })
                }
            }
            if let zero = points.first(where: { !($0.volume > 0) || !$0.volume.isFinite }) {
                throw SpecificationError("V(ε) = \(zero.volume) at ε = \(zero.epsilon): no point of the box has K − K(w*) < ε; check --at and the prior")
            }
            var result = try fit(points)
            if !replicateFits.isEmpty {
                // Nested-sampling errors are correlated along ε (a random walk in
                // log V), so the covariance of the fit is too optimistic: take the
                // spread of the per-run estimates when it is larger.
                let k = Double(replicateFits.count).squareRoot()
                result.lambdaError = Swift.max(result.lambdaError, try Statistics.standardDeviation(replicateFits.map(\.lambda)) / k)
                result.multiplicityError = Swift.max(result.multiplicityError, try Statistics.standardDeviation(replicateFits.map(\.multiplicity)) / k)
                result.slopeError = Swift.max(result.slopeError, try Statistics.standardDeviation(replicateFits.map(\.slope)) / k)
            }
            let details = Details(slope: result.slope, slopeError: result.slopeError, logConstant: result.logConstant,
                                  points: points, method: method, center: center, referenceLoss: reference, lower: lower, upper: upper,
                                  livePoints: method == .montecarlo ? livePoints : nil, replicates: method == .montecarlo ? replicates : nil)
            return Result(lambda: result.lambda, lambdaError: result.lambdaError, multiplicity: result.multiplicity,
                          multiplicityError: result.multiplicityError, chiSquaredPerDof: result.chiSquaredPerDof, details: details)
        }

        /// The checks `estimate` has always made before any volume: the box, w*, the ε grid, the method's settings.
        func validate(dimension d: Int) throws {
            guard lower.count == d, upper.count == d, zip(lower, upper).allSatisfy({ $0 < $1 && $0.isFinite && $1.isFinite }) else {
                throw SpecificationError("the integration box must have finite lower < upper bounds in each of the \(d) coordinates")
            }
            guard center.count == d, (0..<d).allSatisfy({ center[$0] >= lower[$0] && center[$0] <= upper[$0] }) else {
                throw SpecificationError("w* = (\(center.map { "\($0)" }.joined(separator: ", "))) must lie in the integration box")
            }
            guard epsilons.count >= 4, epsilons.allSatisfy({ $0 > 0 && $0 < 1 }), Set(epsilons).count == epsilons.count else {
                throw SpecificationError("the ε grid needs at least 4 distinct values in (0, 1), got \(epsilons)")
            }
            if method == .quadrature && d > 3 {
                throw SpecificationError("quadrature handles d ≤ 3 (this model has d = \(d)); use the Monte Carlo method (nested sampling)")
            }
            if method == .montecarlo {
                guard livePoints >= 20, replicates >= 2, steps >= 0 else {
                    throw SpecificationError("Monte Carlo needs at least 20 live points and 2 replicates, got \(livePoints) and \(replicates)")
                }
            }
        }

        private func mismatch(_ piece: Piece) -> SpecificationError {
            SpecificationError("\(piece) is not a piece of this \(method.rawValue) volume estimate (\(epsilons.count) ε, \(replicates) replicates)")
        }
    }

    /// One independent piece of a volume estimate (`Problem.pieces`).
    public enum Piece: Sendable, Hashable, Codable {
        /// The checks before any volume, and that K has no lower minimum than w* in the box.
        case setup
        /// V(ε) by quadrature at `epsilons[i]`.
        case epsilon(Int)
        /// Nested-sampling run r (stream r of the seed).
        case replicate(Int)
    }

    /// What a piece computed: the reference loss L_n(w*), one V(ε), or one run's log X(ε).
    /// As JSON: `{"reference_loss": …}`, `{"point": …}` or `{"log_box_mass": …, "log_fraction": […]}`.
    public enum PieceResult: Sendable, Codable, Equatable {
        case setup(referenceLoss: Double)
        case point(Point)
        case run(logBoxMass: Double, logFraction: [Double])

        enum CodingKeys: String, CodingKey {
            case referenceLoss = "reference_loss", point, logBoxMass = "log_box_mass", logFraction = "log_fraction"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            if let loss = try c.decodeIfPresent(Double.self, forKey: .referenceLoss) {
                self = .setup(referenceLoss: loss)
            } else if let p = try c.decodeIfPresent(Point.self, forKey: .point) {
                self = .point(p)
            } else {
                self = .run(logBoxMass: try c.decode(Double.self, forKey: .logBoxMass),
                            logFraction: try c.decode([Double].self, forKey: .logFraction))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .setup(let loss): try c.encode(loss, forKey: .referenceLoss)
            case .point(let p): try c.encode(p, forKey: .point)
            case .run(let mass, let logX): try c.encode(mass, forKey: .logBoxMass); try c.encode(logX, forKey: .logFraction)
            }
        }
    }
}
