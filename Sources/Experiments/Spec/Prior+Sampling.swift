import Foundation
import Models
import Sampling

extension Prior {
    /// The box to integrate over and the normalised log density there: a
    /// uniform prior's support, or ±10σ of a Gaussian (truncation < e^−50).
    public func integrationDomain(dimension d: Int) throws -> (lower: [Double], upper: [Double], logDensity: @Sendable ([Double]) -> Double) {
        switch self {
        case .uniform(let lo, let hi):
            let logDensity = -zip(lo, hi).reduce(0) { $0 + log($1.1 - $1.0) }
            return (lo, hi, { _ in logDensity })
        case .normal(let s):
            let constant = -Double(d) * log(s * (2 * Double.pi).squareRoot())
            return (.init(repeating: -10 * s, count: d), .init(repeating: 10 * s, count: d),
                    { w in constant - 0.5 * w.reduce(0) { $0 + $1 * $1 } / (s * s) })
        case .flat:
            throw SpecError(path: "prior", "the free energy needs a normalised prior; flat is improper (use uniform:LO,HI or normal:SIGMA)")
        }
    }
}

extension Prior: CustomStringConvertible {
    /// `uniform on [-1, 1]^2`, `normal(σ = 2)`, `flat`.
    public var description: String {
        switch self {
        case .uniform(let lo, let hi):
            if let l = lo.first, let h = hi.first, lo.allSatisfy({ $0 == l }), hi.allSatisfy({ $0 == h }) {
                return "uniform on [\(l), \(h)]^\(lo.count)"
            }
            return "uniform on the box \(zip(lo, hi).map { "[\($0), \($1)]" }.joined(separator: "×"))"
        case .normal(let s): return "normal(σ = \(s))"
        case .flat: return "flat"
        }
    }
}
