// A face of a Newton polyhedron.

/// A face γ of a Newton polyhedron P = conv{α : c_α ≠ 0} + R^d_+:
/// γ = {x ∈ P : a·x = `supportValue`} for the supporting normal `a` ≥ 0.
/// It is the convex hull of the exponents at `termIndices` plus the cone of
/// the coordinate directions in `unboundedDirections` (those with a_i = 0);
/// it is compact exactly when that list is empty (a > 0).
public struct NewtonFace: Sendable, Hashable {
    /// Indices into the polynomial's `terms` of the exponents lying on γ
    /// (vertices and any other exponents on it), ascending.
    public let termIndices: [Int]
    /// The exponent vectors at `termIndices`.
    public let exponents: [[Int]]
    /// A supporting normal in the relative interior of γ's normal cone, as a
    /// primitive integer vector (strictly positive for a compact face).
    public let normal: [Int]
    /// min_{x ∈ P} normal·x, attained exactly on γ.
    public let supportValue: Int
    /// Coordinates i with normal[i] = 0: γ contains the rays x + t·e_i.
    public let unboundedDirections: [Int]
    /// dim γ.
    public let dimension: Int
    /// d − dim γ; for the face met by the diagonal this is Varchenko's multiplicity m.
    public let codimension: Int

    public var isCompact: Bool { unboundedDirections.isEmpty }
    /// True for a 0-dimensional face.
    public var isVertex: Bool { dimension == 0 }
}

/// Where the diagonal t·(h + 1) first meets a Newton polyhedron.
///
/// For K non-degenerate with respect to P and prior φ ∝ Π|w_i|^{h_i},
/// λ = 1/t and m = `face.codimension` (Varchenko 1976; S. Lin, PhD thesis, UC Berkeley 2011).
public struct DiagonalHit: Sendable, Hashable {
    /// The smallest t ≥ 0 with t·(h_1+1, …, h_d+1) ∈ P.
    public let t: Rational
    /// The meeting point t·(h + 1).
    public let point: [Rational]
    /// The face of P whose relative interior contains `point`.
    public let face: NewtonFace
    /// `face.codimension`.
    public var codimension: Int { face.codimension }
}
