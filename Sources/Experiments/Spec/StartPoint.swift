import Estimators
import Models

/// Where a run puts w*, the point chains start from (and, for LLC, the
/// centre of the localisation): the truth the data were drawn at, a point
/// given by parameter name, either one moved first to a local minimum of L_n
/// by gradient descent (`LocalMinimizer`, as for trained weights).
///
///     let start = StartPoint.truth(of: experiment).optimized()
///     let w = try start.resolve(for: model, prior: experiment.prior)
public struct StartPoint: Sendable, Equatable {
    public enum Origin: Sendable, Equatable {
        /// The truth w0 (the origin when it is not known).
        case truth([Double]?)
        /// A point by parameter name; names left out are 0.
        case given([String: Double])
        /// A whole parameter vector in the model's order (trained weights, a checkpoint).
        case parameters([Double])
    }

    public var origin: Origin
    /// Descend from the origin to a local minimum of L_n with these settings; nil: start at the origin itself.
    public var minimizer: LocalMinimizer.Settings?

    public init(origin: Origin, minimizer: LocalMinimizer.Settings? = nil) {
        self.origin = origin
        self.minimizer = minimizer
    }

    /// The point given by name (`--at`, `llc.at`); names left out are 0.
    public static func given(_ point: [String: Double]) -> StartPoint { StartPoint(origin: .given(point)) }

    /// The experiment's truth w0, or the origin when it has none.
    public static func truth(of experiment: Experiment) -> StartPoint { StartPoint(origin: .truth(experiment.truth)) }

    /// The origin of `self` with gradient descent to a local minimum of L_n first (`optimize` false: unchanged).
    public func optimized(_ optimize: Bool = true, settings: LocalMinimizer.Settings = LocalMinimizer.Settings()) -> StartPoint {
        StartPoint(origin: origin, minimizer: optimize ? settings : minimizer)
    }

    /// Whether w* is moved to a local minimum before the run.
    public var optimizesCenter: Bool { minimizer != nil }

    /// The origin as a vector over the model's parameters, unchecked against the prior.
    /// Throws if a given name is not one of the model's, or the truth has the wrong length.
    public func point<M: Model>(for model: M) throws -> [Double] {
        switch origin {
        case .truth(let w0?):
            guard w0.count == model.dimension else {
                throw SpecError(path: "truth", "expected \(model.dimension) numbers, got \(w0.count)")
            }
            return w0
        case .parameters(let w):
            guard w.count == model.dimension else {
                throw SpecError(path: "parameters", "expected \(model.dimension) numbers, got \(w.count)")
            }
            return w
        case .truth(nil):
            return [Double](repeating: 0, count: model.dimension)
        case .given(let named):
            // The names once (a network's are built on every read), looked up in a set.
            let names = model.parameterNames, known = Set(names)
            for name in named.keys.sorted() where !known.contains(name) {
                throw SpecError(path: "at", "unknown parameter '\(name)'; the model has \(names.joined(separator: ", "))")
            }
            return names.map { named[$0] ?? 0 }
        }
    }

    /// w* for `model`: the origin, checked to lie in a uniform prior's box,
    /// then (if asked) the local minimum gradient descent reaches from it,
    /// checked to lie in the prior's support.
    public func resolve<M: Model>(for model: M, prior: Prior) throws -> [Double] {
        try resolveReporting(for: model, prior: prior).point
    }

    /// `resolve(for:prior:)` with what the descent did (nil when the centre is not optimised).
    public func resolveReporting<M: Model>(for model: M, prior: Prior) throws -> (point: [Double], move: CenterMove?) {
        let w = try point(for: model)
        if case let .uniform(lower, upper) = prior {
            for (i, v) in w.enumerated() where v < lower[i] || v > upper[i] {
                throw SpecError(path: "at", "\(model.parameterNames[i]) = \(v) is outside the prior's support [\(lower[i]), \(upper[i])]")
            }
        }
        guard let minimizer else { return (w, nil) }
        let before = LocalMinimizer.lossAndGradientNorm(model, at: w)
        let descent = LocalMinimizer.descend(model, from: w, settings: minimizer)
        let wStar = descent.point
        if !wStar.withUnsafeBufferPointer({ prior.contains($0) }) {
            throw SpecError(path: "optimizeCenter", "gradient descent from w* left the prior's support")
        }
        let distance = zip(w, wStar).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        return (wStar, CenterMove(distance: distance, lossBefore: before.loss, lossAfter: descent.loss,
                                  gradientNormBefore: before.gradientNorm, gradientNormAfter: descent.gradientNorm,
                                  iterations: descent.iterations))
    }
}
