import Foundation
import Polynomials

/// The basins of the 1-D loss `Q(w)²` on a window: its local minima (with the
/// order k of the zero of Q there, so the loss is ∝ (w − m)^{2k}; k = 0 for a
/// minimum where Q ≠ 0), and the barriers (local maxima of Q²) between
/// consecutive minima. For `Q = (w + w0)^{d1} (w − w0)^{d2}` the minima are ±w0
/// with orders d1, d2 and the barrier is at `w0 (d1 − d2)/(d1 + d2)`.
///
/// Found numerically: Q² on a grid of the window, then golden-section
/// refinement; the order from the slope of log|Q| between m + h and m + 2h on
/// both sides (h = 1% of the distance to the nearest neighbour), rounded.
public struct EscapeBasins: Sendable, Equatable, Codable {
    public var minima: [Double]
    public var orders: [Int]
    /// boundaries[i] separates minima[i] and minima[i + 1].
    public var boundaries: [Double]

    public init(minima: [Double], orders: [Int], boundaries: [Double]) {
        self.minima = minima
        self.orders = orders
        self.boundaries = boundaries
    }

    public init(q: CompiledPolynomial, lower: Double, upper: Double, gridPoints: Int = 20_001) throws {
        try DynamicsError.require(q.dimension == 1, "q", "basins need a polynomial in one variable, got \(q.dimension)")
        try DynamicsError.require(lower < upper, "window", "expected LOW < HIGH, got \(lower),\(upper)")
        let f: (Double) -> Double = { w in let v = q.value([w]); return v * v }
        let h = (upper - lower) / Double(gridPoints - 1)
        let values = (0..<gridPoints).map { f(lower + Double($0) * h) }
        var mins: [Double] = []
        for i in 1..<(gridPoints - 1) where values[i] <= values[i - 1] && values[i] < values[i + 1] {
            mins.append(Self.golden(f, lower + Double(i - 1) * h, lower + Double(i + 1) * h))
        }
        try DynamicsError.require(!mins.isEmpty, "window",
                                  "Q² has no local minimum inside [\(lower), \(upper)]; widen the window")
        var bounds: [Double] = []
        for i in 0..<(mins.count - 1) {
            bounds.append(Self.golden({ -f($0) }, mins[i], mins[i + 1]))
        }
        let scale = values.max() ?? 1
        var orders: [Int] = []
        for (i, m) in mins.enumerated() {
            if abs(q.value([m])) > 1e-6 * max(scale.squareRoot(), 1) { orders.append(0); continue }
            var gap = upper - lower
            if i > 0 { gap = min(gap, m - mins[i - 1]) }
            if i + 1 < mins.count { gap = min(gap, mins[i + 1] - m) }
            let step = 0.01 * min(gap, 1)
            var slopes: [Double] = []
            for s in [-1.0, 1.0] {
                let a = abs(q.value([m + s * step])), b = abs(q.value([m + 2 * s * step]))
                if a > 0, b > 0 { slopes.append(log2(b / a)) }
            }
            let k = slopes.isEmpty ? 1 : slopes.reduce(0, +) / Double(slopes.count)
            orders.append(max(1, Int(k.rounded())))
        }
        self.init(minima: mins, orders: orders, boundaries: bounds)
    }

    /// The index of the basin holding w (NaN → nil).
    public func basin(of w: Double) -> Int? {
        guard w.isFinite else { return nil }
        var i = 0
        while i < boundaries.count && w > boundaries[i] { i += 1 }
        return i
    }

    /// The least degenerate minimum with Q = 0 (smallest order ≥ 1; leftmost on ties):
    /// the "regular" basin of seed 003's escape experiments.
    public var leastDegenerate: Int {
        var best = 0, bestOrder = Int.max
        for (i, k) in orders.enumerated() where k >= 1 && k < bestOrder { best = i; bestOrder = k }
        return best
    }

    /// Golden-section minimisation of f on [a, b].
    static func golden(_ f: (Double) -> Double, _ a0: Double, _ b0: Double) -> Double {
        let r = (5.0.squareRoot() - 1) / 2
        var a = a0, b = b0
        var c = b - r * (b - a), d = a + r * (b - a)
        var fc = f(c), fd = f(d)
        for _ in 0..<200 where b - a > 1e-14 * max(1, abs(a)) {
            if fc < fd { b = d; d = c; fd = fc; c = b - r * (b - a); fc = f(c) }
            else { a = c; c = d; fc = fd; d = a + r * (b - a); fd = f(d) }
        }
        return (a + b) / 2
    }
}
