import Foundation
import GSL

/// `U(x) = a · min((x₀ − b)², (x₁ − b)²)` on the torus `[0, L)²`, the
/// "spooky action at a distance" article's potential: two valleys, the lines
/// `x₀ = b` and `x₁ = b`, crossing at `(b, b)` (a normal-crossing singularity
/// of the zero set).
///
/// Differences `x − b` are taken as minimum images in `[−L/2, L/2)`, so `U`
/// is continuous on the torus (its ridge, where the minimum image jumps, is a
/// maximum: `U = aL²/4`).
public struct TorusPotential: Sendable, Codable, Equatable {
    public var a: Double
    public var b: Double
    public var length: Double

    public init(a: Double, b: Double, length: Double) throws {
        try DynamicsError.require(a > 0 && a.isFinite, "a", "expected a positive number, got \(a)")
        try DynamicsError.require(length > 0 && length.isFinite, "length", "expected a positive number, got \(length)")
        try DynamicsError.require(b.isFinite, "b", "expected a finite number, got \(b)")
        self.a = a
        self.b = b
        self.length = length
    }

    /// The minimum image of `x − b` in `[−L/2, L/2)`.
    @inlinable
    public func offset(_ x: Double) -> Double {
        let d = x - b
        return d - length * (d / length + 0.5).rounded(.down)
    }

    @inlinable
    public func value(_ x0: Double, _ x1: Double) -> Double {
        let u = offset(x0), v = offset(x1)
        return a * min(u * u, v * v)
    }

    /// `∇U`: `(2a u, 0)` where the first valley is nearer (`u² ≤ v²`), else `(0, 2a v)`.
    @inlinable
    public func gradient(_ x0: Double, _ x1: Double) -> (Double, Double) {
        let u = offset(x0), v = offset(x1)
        return u * u <= v * v ? (2 * a * u, 0) : (0, 2 * a * v)
    }

    /// The region of a point, for regions of half-width `h` around the valleys.
    @inlinable
    public func region(_ x0: Double, _ x1: Double, halfWidth h: Double) -> TorusRegion {
        let nearFirst = abs(offset(x0)) < h, nearSecond = abs(offset(x1)) < h
        switch (nearFirst, nearSecond) {
        case (true, true): return .crossing
        case (true, false): return .firstValley
        case (false, true): return .secondValley
        case (false, false): return .elsewhere
        }
    }

    /// `∫∫ exp(−U/T)` over the part of the torus with `u = x₀ − b ∈ ±[u₀, u₁]`
    /// and `v = x₁ − b ∈ ±[v₀, v₁]` (all four sign combinations, `0 ≤ u₀ < u₁ ≤ L/2`),
    /// by iterated adaptive quadrature (GSL QAGS inside QAGS).
    func boltzmannWeight(u: ClosedRange<Double>, v: ClosedRange<Double>,
                         density: @escaping (Double, Double) -> Double) throws -> IntegrationResult {
        guard u.upperBound > u.lowerBound, v.upperBound > v.lowerBound else { return IntegrationResult(value: 0, error: 0) }
        let r = try Integration.iterated2D(density, x: u, y: v, absoluteTolerance: 0, relativeTolerance: 1e-9)
        return IntegrationResult(value: 4 * r.value, error: 4 * r.error)
    }

    /// The Boltzmann probabilities `∫_region e^{−U/T} / Z` of the four regions
    /// (in `TorusRegion.allCases` order) and `Z = ∫∫ e^{−U/T}` itself.
    public func regionProbabilities(temperature t: Double, halfWidth h: Double) throws
        -> (probabilities: [Double], partitionFunction: IntegrationResult) {
        let a = self.a, half = length / 2
        let gibbs: (Double, Double) -> Double = { u, v in exp(-a * min(u * u, v * v) / t) }
        let boxes: [(ClosedRange<Double>, ClosedRange<Double>)] = [
            (0...h, 0...h), (0...h, h...half), (h...half, 0...h), (h...half, h...half),
        ]
        let g = try boxes.map { try boltzmannWeight(u: $0.0, v: $0.1, density: gibbs) }
        let z = g.reduce(0) { $0 + $1.value }
        let zError = g.reduce(0) { $0 + $1.error }
        return (g.map { $0.value / z }, IntegrationResult(value: z, error: zError))
    }

    /// The area of each region on the torus, in `TorusRegion.allCases` order.
    public func regionAreas(halfWidth h: Double) -> [Double] {
        [4 * h * h, 2 * h * (length - 2 * h), 2 * h * (length - 2 * h), (length - 2 * h) * (length - 2 * h)]
    }

    /// The Boltzmann probability of each cell of a `bins × bins` grid on
    /// `[0, L)²`: `cells[row][column]`, rows along x₁, by quadrature per cell.
    public func cellProbabilities(temperature t: Double, bins: Int, partitionFunction z: Double) throws -> [[Double]] {
        let w = length / Double(bins)
        let density: (Double, Double) -> Double = { x0, x1 in exp(-self.value(x0, x1) / t) }
        return try (0..<bins).map { row in
            try (0..<bins).map { column in
                let x = (Double(column) * w)...(Double(column + 1) * w), y = (Double(row) * w)...(Double(row + 1) * w)
                return try Integration.iterated2D(density, x: x, y: y, absoluteTolerance: 0, relativeTolerance: 1e-6).value / z
            }
        }
    }
}

/// The parts of the torus compared with the Boltzmann law: within `h` of both
/// valleys (the crossing), of one only, or of neither.
public enum TorusRegion: Int, Sendable, Codable, CaseIterable {
    case crossing, firstValley, secondValley, elsewhere

    public var name: String {
        switch self {
        case .crossing: "crossing (both valleys)"
        case .firstValley: "valley x0 = b only"
        case .secondValley: "valley x1 = b only"
        case .elsewhere: "elsewhere"
        }
    }
}
