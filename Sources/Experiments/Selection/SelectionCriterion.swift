import Foundation

/// A criterion `rlct select` ranks candidates by; every one is on the scale
/// of the free energy F_n = −log ∫ φ ∏ p(y_i | x_i, w) dw (lower is better).
public enum SelectionCriterion: String, Sendable, Codable, CaseIterable, Hashable {
    /// −ℓ̂ + (dim/2) log n (Schwarz 1978).
    case bic
    /// −log L'(M) of Drton & Plummer (2017), `SingularBIC`.
    case sbic
    /// E^β[n L_n] at β = 1/log n (Watanabe 2013), sampled.
    case wbic
    /// F_n by quadrature, where the candidate has d ≤ 3 parameters.
    case exact

    /// Parses `bic,sbic,wbic`; errors name `criteria`. Order as given, repeats dropped.
    public static func list(_ text: String) throws -> [SelectionCriterion] {
        var out: [SelectionCriterion] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard let c = SelectionCriterion(rawValue: name) else {
                throw SpecError(path: "criteria", "expected a comma-separated list of \(allCases.map(\.rawValue).joined(separator: ", ")), got \"\(part)\"")
            }
            if !out.contains(c) { out.append(c) }
        }
        return out
    }

    /// The column title.
    public var title: String {
        switch self {
        case .bic: return "BIC"
        case .sbic: return "sBIC"
        case .wbic: return "WBIC"
        case .exact: return "F_n (exact)"
        }
    }
}
