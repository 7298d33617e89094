import Foundation

/// A prior φ(w) on the parameters.
///
/// `logDensity` and `gradient` give log φ(w) and ∇log φ(w) (samplers add
/// −∇log φ to the drift). A point outside a uniform prior's box is an error
/// naming the coordinate, never clamped.
public enum Prior: Sendable, Hashable {
    /// N(0, σ² I): log φ = −|w|²/(2σ²) − (d/2) log(2πσ²), ∇log φ = −w/σ².
    case normal(sigma: Double)
    /// Uniform on the box Π [lower_i, upper_i]: log φ = −Σ log(upper_i − lower_i), ∇log φ = 0.
    case uniform(lower: [Double], upper: [Double])
    /// The improper flat prior φ ≡ 1: log φ = 0, ∇log φ = 0.
    case flat

    /// The uniform prior on [lower, upper]^d.
    public static func uniform(_ lower: Double, _ upper: Double, dimension d: Int) -> Prior {
        .uniform(lower: Array(repeating: lower, count: d), upper: Array(repeating: upper, count: d))
    }

    /// The toolkit's default: uniform on [−1, 1]^d.
    public static func standard(dimension d: Int) -> Prior { uniform(-1, 1, dimension: d) }

    /// Checks the prior's own parameters and that it fits dimension d.
    public func validate(dimension d: Int) throws {
        switch self {
        case let .normal(sigma):
            guard sigma > 0, sigma.isFinite else { throw PriorError.invalid("normal prior: sigma must be positive and finite, got \(sigma)") }
        case let .uniform(lower, upper):
            guard lower.count == d, upper.count == d else {
                throw PriorError.invalid("uniform prior: bounds have \(lower.count) and \(upper.count) entries, the model has \(d) parameters")
            }
            for i in 0..<d where !(lower[i] < upper[i]) || !lower[i].isFinite || !upper[i].isFinite {
                throw PriorError.invalid("uniform prior: coordinate \(i) needs finite lower < upper, got [\(lower[i]), \(upper[i])]")
            }
        case .flat:
            break
        }
    }

    /// Whether w lies in the support (always true except for the uniform box).
    @inlinable
    public func contains(_ w: UnsafeBufferPointer<Double>) -> Bool {
        if case let .uniform(lower, upper) = self {
            for i in w.indices where !(w[i] >= lower[i] && w[i] <= upper[i]) { return false }
        }
        return true
    }

    /// log φ(w); throws `PriorError.outsideSupport` outside a uniform box.
    @inlinable
    public func logDensity(_ w: UnsafeBufferPointer<Double>) throws -> Double {
        switch self {
        case let .normal(sigma):
            var s = 0.0
            for x in w { s += x * x }
            return -s / (2 * sigma * sigma) - Double(w.count) / 2 * Foundation.log(2 * Double.pi * sigma * sigma)
        case let .uniform(lower, upper):
            var logVolume = 0.0
            for i in w.indices {
                guard w[i] >= lower[i] && w[i] <= upper[i] else {
                    throw PriorError.outsideSupport(coordinate: i, value: w[i], lower: lower[i], upper: upper[i])
                }
                logVolume += Foundation.log(upper[i] - lower[i])
            }
            return -logVolume
        case .flat:
            return 0
        }
    }

    /// Writes ∇log φ(w) into `gradient`; throws outside a uniform box.
    @inlinable
    public func gradient(_ w: UnsafeBufferPointer<Double>, into gradient: UnsafeMutableBufferPointer<Double>) throws {
        switch self {
        case let .normal(sigma):
            let p = 1 / (sigma * sigma)
            for i in w.indices { gradient[i] = -w[i] * p }
        case let .uniform(lower, upper):
            for i in w.indices {
                guard w[i] >= lower[i] && w[i] <= upper[i] else {
                    throw PriorError.outsideSupport(coordinate: i, value: w[i], lower: lower[i], upper: upper[i])
                }
                gradient[i] = 0
            }
        case .flat:
            for i in w.indices { gradient[i] = 0 }
        }
    }

    /// log φ(w) for an array, allocating nothing beyond the call.
    public func logDensity(_ w: [Double]) throws -> Double {
        try w.withUnsafeBufferPointer { try logDensity($0) }
    }

    /// A short description: `normal:1`, `uniform:[-1,1]^2`, `flat`.
    public var summary: String {
        switch self {
        case let .normal(sigma): return "normal:\(sigma)"
        case let .uniform(lower, upper):
            if let l = lower.first, let u = upper.first, lower.allSatisfy({ $0 == l }), upper.allSatisfy({ $0 == u }) {
                return "uniform:[\(l),\(u)]^\(lower.count)"
            }
            return "uniform:box"
        case .flat: return "flat"
        }
    }
}

/// A prior that does not fit, or a point outside its support.
public enum PriorError: Error, Equatable, CustomStringConvertible {
    case invalid(String)
    case outsideSupport(coordinate: Int, value: Double, lower: Double, upper: Double)

    public var description: String {
        switch self {
        case let .invalid(message): return message
        case let .outsideSupport(i, value, lower, upper):
            return "parameter \(i) = \(value) is outside the uniform prior's support [\(lower), \(upper)]"
        }
    }
}
