/// Where a point sits relative to the edge of a prior's support.
///
/// The analytic λ of a model (Watanabe 2009, Main Theorem 6.1; Aoyagi &
/// Watanabe 2005) assumes a prior positive on a neighbourhood of the truth.
/// A uniform box whose edge passes through (or close by) the truth cuts that
/// neighbourhood, and the LLC there is not λ: reduced-rank regression
/// M = N = H = 1 with truth b·a = 1 at the corner (1, 1) of [−1, 1]² has a
/// posterior confined to one quadrant of the corner, where K ≈ (s + t)²/2 with
/// s, t ≥ 0 and the volume scaling gives λ = 1, not 1/2.
public struct PriorBoundaryContact: Sendable, Hashable {
    /// How the coordinate meets the support.
    public enum Position: String, Sendable, Hashable, Codable {
        /// Within the margin of a bound, strictly inside.
        case near
        /// Exactly on a bound.
        case on
        /// Outside the support.
        case outside
    }

    /// The coordinate's index in the model's parameter layout.
    public var coordinate: Int
    public var value: Double
    public var lower: Double
    public var upper: Double
    public var position: Position

    public init(coordinate: Int, value: Double, lower: Double, upper: Double, position: Position) {
        self.coordinate = coordinate
        self.value = value
        self.lower = lower
        self.upper = upper
        self.position = position
    }

    /// The distance to the nearer bound (negative outside).
    public var distance: Double { min(value - lower, upper - value) }
}

extension Prior {
    /// The default margin of `boundaryContacts(of:margin:)`: 5 % of each
    /// coordinate's box width (0.1 on [−1, 1]).
    public static let boundaryMargin = 0.05

    /// The coordinates of w on, outside, or within `margin` × (upper − lower)
    /// of a uniform box's bounds, in coordinate order. A normal or flat prior
    /// is positive everywhere and has no boundary: always empty. A NaN
    /// coordinate counts as outside.
    ///
    ///     Prior.standard(dimension: 2).boundaryContacts(of: [1, 0])   // coordinate 0, .on
    public func boundaryContacts(of w: [Double], margin: Double = Prior.boundaryMargin) -> [PriorBoundaryContact] {
        guard case let .uniform(lower, upper) = self else { return [] }
        var contacts: [PriorBoundaryContact] = []
        for i in w.indices where i < lower.count {
            let v = w[i], lo = lower[i], hi = upper[i]
            let position: PriorBoundaryContact.Position
            if !(v >= lo && v <= hi) {
                position = .outside
            } else if v == lo || v == hi {
                position = .on
            } else if min(v - lo, hi - v) <= margin * (hi - lo) {
                position = .near
            } else {
                continue
            }
            contacts.append(PriorBoundaryContact(coordinate: i, value: v, lower: lo, upper: hi, position: position))
        }
        return contacts
    }

    /// Whether w lies on, outside, or within `margin` × width of the support's boundary.
    public func isNearBoundary(_ w: [Double], margin: Double = Prior.boundaryMargin) -> Bool {
        !boundaryContacts(of: w, margin: margin).isEmpty
    }
}
