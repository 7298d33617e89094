import Foundation

/// One quantity measured on R independent replicates (each with its own
/// dataset and trajectories): the values, their mean, the sample standard
/// deviation `sd = √(Σ(v − v̄)²/(R − 1))` and the error of the mean
/// `se = sd/√R` (nil when R < 2). Non-finite values are left out.
public struct ReplicateStatistic: Sendable, Codable, Equatable {
    public var values: [Double]
    public var mean: Double
    public var standardDeviation: Double?
    public var standardError: Double?

    public init(_ values: [Double]) {
        self.values = values
        let v = values.filter(\.isFinite)
        let r = Double(v.count)
        mean = v.isEmpty ? .nan : v.reduce(0, +) / r
        if v.count >= 2 {
            let m = mean
            let sd = (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (r - 1)).squareRoot()
            standardDeviation = sd
            standardError = sd / r.squareRoot()
        } else {
            standardDeviation = nil
            standardError = nil
        }
    }

    /// The smallest and largest finite value.
    public var range: ClosedRange<Double>? {
        let v = values.filter(\.isFinite)
        guard let lo = v.min(), let hi = v.max() else { return nil }
        return lo...hi
    }
}
