import GSL

/// The law of each input coordinate x_k of a synthetic dataset; coordinates
/// are independent and identically distributed.
public enum InputDistribution: Sendable, Hashable {
    /// x_k ~ N(mean, sd²).
    case normal(mean: Double, sd: Double)
    /// x_k ~ U[lower, upper].
    case uniform(lower: Double, upper: Double)

    /// The standard normal N(0, 1) of the seed experiments.
    public static let standardNormal = InputDistribution.normal(mean: 0, sd: 1)

    /// E[x_k].
    public var mean: Double {
        switch self {
        case let .normal(mean, _): return mean
        case let .uniform(lower, upper): return (lower + upper) / 2
        }
    }

    /// Var[x_k]: sd² for the normal, (upper − lower)²/12 for the uniform.
    public var variance: Double {
        switch self {
        case let .normal(_, sd): return sd * sd
        case let .uniform(lower, upper): return (upper - lower) * (upper - lower) / 12
        }
    }

    /// E[x_k²] = Var + mean²; for U[a, b] this is (a² + ab + b²)/3.
    public var secondMoment: Double {
        switch self {
        case let .normal(mean, sd): return sd * sd + mean * mean
        case let .uniform(a, b): return (a * a + a * b + b * b) / 3
        }
    }

    /// One draw from the stream.
    @inlinable
    public func draw(_ rng: RandomStream) -> Double {
        switch self {
        case let .normal(mean, sd): return mean + sd * rng.gaussian()
        case let .uniform(lower, upper): return lower + (upper - lower) * rng.uniform()
        }
    }
}
