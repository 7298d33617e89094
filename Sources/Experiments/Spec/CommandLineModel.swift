import Foundation

/// The convention every `rlct` command shares for models given as flags:
///
/// - `--polynomial "<K>"`: a `Potential`, K itself is the loss (no data).
/// - `--q "<Q>"`: the seeds' `PolynomialRegression` y = Q(w)·x + ε with
///   x ~ N(0, 1), σ = 1 and truth a = 0, so K = Q²/(2σ²) and the learning
///   coefficient is that of Q², not of Q.
/// - Without `--prior`, the prior is uniform on [−1, 1]^d;
///   `--prior normal:SIGMA`, `--prior uniform:LO,HI` or `--prior flat` override it.
public enum CommandLineModel {
    /// The help text commands can show for these flags.
    public static let help = """
        --polynomial "<K>" uses K itself as the loss (a potential, no data); \
        --q "<Q>" uses the regression y = Q(w)·x + ε, x ~ N(0,1), σ = 1, true Q = 0, \
        so K = Q²/2 and λ is that of Q². Default prior: uniform on [-1, 1]^d; \
        --prior normal:SIGMA | uniform:LO,HI | flat overrides it.
        """

    /// A spec from the shared flags: exactly one of `polynomial` and `q`.
    public static func spec(polynomial: String?, q: String?, prior: String?, n: Int,
                            seed: UInt64 = 1, sigma: Double = 1) throws -> ExperimentSpec {
        guard n > 0 else { throw SpecError(path: "n", "expected a positive integer, got \(n)") }
        let priorSpec = try prior.map(PriorSpec.init(commandLine:))
        switch (polynomial, q) {
        case let (k?, nil):
            return ExperimentSpec(model: .potential(k: k, variables: nil, n: n), prior: priorSpec)
        case let (nil, q?):
            return ExperimentSpec(model: .polynomialRegression(q: q, variables: nil, sigma: sigma), truth: TruthSpec(a: 0),
                                  data: .synthetic(n: n, seed: seed, inputs: .standardNormal, noise: nil), prior: priorSpec)
        case (nil, nil):
            throw SpecError(path: "", "give a model: polynomial K (a potential) or q Q (the regression y = Q(w)·x + ε)")
        default:
            throw SpecError(path: "", "give either polynomial or q, not both")
        }
    }
}

extension PriorSpec {
    /// Parses `normal:SIGMA`, `uniform:LO,HI` or `flat` (the `--prior` flag);
    /// errors name the field `prior` with the text given.
    public init(commandLine text: String) throws {
        let flag = "prior"
        let parts = text.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        switch parts.first?.lowercased() {
        case "normal"?:
            guard parts.count == 2, let s = Double(parts[1]), s > 0, s.isFinite else {
                throw SpecError(path: flag, "expected normal:SIGMA with SIGMA a positive number, e.g. normal:1")
            }
            self = .normal(sigma: s)
        case "uniform"?:
            let bounds = parts.count == 2 ? parts[1].split(separator: ",", omittingEmptySubsequences: false)
                .map { Double($0.trimmingCharacters(in: .whitespaces)) } : []
            guard bounds.count == 2, let lo = bounds[0], let hi = bounds[1], lo.isFinite, hi.isFinite else {
                throw SpecError(path: flag, "expected uniform:LO,HI with two numbers, e.g. uniform:-1,1")
            }
            guard lo < hi else { throw SpecError(path: flag, "expected LO < HI, got \(lo) and \(hi)") }
            self = .uniform(lower: [lo], upper: [hi])
        case "flat"? where parts.count == 1:
            self = .flat
        default:
            throw SpecError(path: flag, "expected normal:SIGMA, uniform:LO,HI or flat")
        }
    }
}
