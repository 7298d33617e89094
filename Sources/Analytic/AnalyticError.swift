/// Why no learning coefficient could be given: bad input, or no theorem
/// applies (with the reason, e.g. the face of a degenerate Newton polyhedron).
public enum AnalyticError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An input outside the theorem's domain: `field` names it.
    case invalidInput(field: String, reason: String)
    /// No theorem of this family applies.
    case noTheorem(String)
    /// The Newton polyhedron method fails: K is degenerate on `face`.
    case degenerateFace(face: String, reason: String)
    /// Non-degeneracy on `face` could not be decided exactly.
    case cannotCertify(face: String, reason: String)
    /// The potential takes negative values near the point (so it is not a KL divergence).
    case notNonnegative(face: String, reason: String)

    /// A degenerate or uncertified face: the Newton method cannot decide, but
    /// another exact route (a square root, the quadratic part) may.
    public var isUndecidedByNewton: Bool {
        switch self {
        case .degenerateFace, .cannotCertify: return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case let .invalidInput(field, reason):
            return "invalid \(field): \(reason)"
        case let .noTheorem(reason):
            return "no theorem applies: \(reason)"
        case let .degenerateFace(face, reason):
            return "no theorem applies: K is degenerate on the compact face \(face) of its Newton polyhedron (\(reason)); the Newton distance would give only a bound"
        case let .cannotCertify(face, reason):
            return "no theorem applies: cannot certify non-degeneracy on face \(face) (\(reason))"
        case let .notNonnegative(face, reason):
            return "no theorem applies: K is not nonnegative near the point, so it is not a potential: the face polynomial on \(face) \(reason)"
        }
    }
}
