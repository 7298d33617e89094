import ArgumentParser
import Experiments

/// The model flags every estimator command shares.
struct ModelOptions: ParsableArguments {
    @Option(name: .customLong("polynomial"), help: "A potential: K(w) is the loss itself, no data (e.g. \"(w1*w2)^2\").")
    var polynomial: String?

    @Option(name: .customLong("q"), help: "The seeds' regression model y = Q(w)·x + ε on synthetic data; K = Q²/2σ², so λ is that of Q².")
    var q: String?

    @Option(name: .customLong("n"), help: "Data size n (for --polynomial it only sets the temperature nβ).")
    var n: Int = 10_000

    @Option(help: "Prior: uniform:LO,HI (default uniform:-1,1), normal:SIGMA or flat.")
    var prior: String = "uniform:-1,1"

    @Option(help: "The point w* as name=value pairs, e.g. w1=0,w2=1 (default: the origin).")
    var at: String?

    @Option(help: "--q only: the true slope a (y = a·x + ε).")
    var truth: Double = 0

    @Option(help: "--q only: the noise standard deviation σ.")
    var sigma: Double = 1

    func validate() throws {
        guard n >= 2 else { throw ValidationError("--n: expected an integer ≥ 2, got \(n)") }
        guard sigma > 0, sigma.isFinite else { throw ValidationError("--sigma: expected a positive number, got \(sigma)") }
    }

    func modelChoice() throws -> ModelChoice {
        try ModelChoice.fromFlags(polynomial: polynomial, q: q, truth: truth, sigma: sigma)
    }

    func priorSpec() throws -> PriorSpec { try PriorSpec(parsing: prior) }

    /// `w1=0,w2=1` → ["w1": 0, "w2": 1].
    func point() throws -> [String: Double] {
        guard let at else { return [:] }
        var out: [String: Double] = [:]
        for pair in at.split(separator: ",") {
            let kv = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard kv.count == 2, !kv[0].isEmpty, let v = Double(kv[1]), v.isFinite else {
                throw SpecError(path: "--at", message: "expected name=value pairs separated by commas, got '\(pair)'")
            }
            out[kv[0]] = v
        }
        return out
    }
}
