import ArgumentParser

/// `rlct analytic --model`: the families with a closed-form λ.
enum AnalyticFamily: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// Reduced-rank regression (Aoyagi & Watanabe 2005).
    case rrr
    /// Deep linear network (Aoyagi 2024).
    case dln
    /// One-hidden-layer tanh network.
    case tanh
    /// A regular model, λ = d/2.
    case regular
    /// Non-negative matrix factorisation (Hayashi & Watanabe 2017).
    case nmf

    init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
