import Sampling

/// A prior as the CLI and the spec write it: `uniform:LO,HI` (a box),
/// `normal:SIGMA` (N(0, σ²I), i.e. weight decay 1/σ²) or `flat` (improper).
/// The toolkit's default for `--polynomial` and `--q` is `uniform:-1,1`.
public enum PriorSpec: Sendable, Equatable, Codable, CustomStringConvertible {
    case uniform(lower: Double, upper: Double)
    case normal(sigma: Double)
    case flat

    public static let `default` = PriorSpec.uniform(lower: -1, upper: 1)

    /// Parses `uniform:LO,HI`, `normal:SIGMA` or `flat`; errors say what was expected.
    public init(parsing text: String) throws(SpecError) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        switch parts.first?.lowercased() {
        case "flat" where parts.count == 1:
            self = .flat
        case "normal":
            guard parts.count == 2, let s = Double(parts[1]), s > 0, s.isFinite else {
                throw SpecError(path: "prior", message: "expected normal:SIGMA with SIGMA > 0, got '\(text)'")
            }
            self = .normal(sigma: s)
        case "uniform":
            let bounds = parts.count == 2 ? parts[1].split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) } : []
            guard bounds.count == 2, let lo = bounds[0], let hi = bounds[1], lo < hi, lo.isFinite, hi.isFinite else {
                throw SpecError(path: "prior", message: "expected uniform:LO,HI with LO < HI, got '\(text)'")
            }
            self = .uniform(lower: lo, upper: hi)
        default:
            throw SpecError(path: "prior", message: "expected uniform:LO,HI, normal:SIGMA or flat, got '\(text)'")
        }
    }

    public var description: String {
        switch self {
        case .uniform(let lo, let hi): return "uniform:\(lo),\(hi)"
        case .normal(let s): return "normal:\(s)"
        case .flat: return "flat"
        }
    }

    /// The sampler's view: weight decay δ and a support box.
    public func samplerTerms(dimension d: Int) -> (weightDecay: Double, support: Box?) {
        switch self {
        case .uniform(let lo, let hi): return (0, Box(dimension: d, lower: lo, upper: hi))
        case .normal(let s): return (1 / (s * s), nil)
        case .flat: return (0, nil)
        }
    }
}

import Foundation

/// A malformed spec or option: names the JSON path (or flag) and what was expected.
public struct SpecError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { "\(path): \(message)" }
}
