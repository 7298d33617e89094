import Analytic
import ArgumentParser
import Experiments
import Foundation
import Polynomials
import Rendering

/// `rlct analytic`: the learning coefficient λ (and multiplicity m) a theorem
/// gives for a model family or a polynomial, with its source.
struct AnalyticCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analytic",
        abstract: "The exact learning coefficient λ and multiplicity m known in closed form, with the theorem's source.",
        discussion: """
        Families (--model): rrr (reduced rank regression, Aoyagi & Watanabe 2005), \
        dln (deep linear network, Aoyagi 2024), tanh (one hidden layer, 1 input, 1 output), \
        regular (λ = d/2).

        Polynomials: --polynomial K gives λ of the potential K itself (normal crossing \
        for a monomial, else the Newton polyhedron with a non-degeneracy check); \
        --q Q gives λ of the regression model y = Q(w)·x + ε, whose K ∝ Q². \
        --at w1=0,w2=1 gives the local λ at that true parameter (default: the origin). \
        Convention: ζ(z) = ∫ K^z φ dw, so K = w² has λ = 1/2.

        Examples:
          rlct analytic --model rrr --input 5 --hidden 3 --output 5 --true-rank 1
          rlct analytic --model dln --widths 5,4,3,5 --true-rank 1
          rlct analytic --model tanh --hidden 3
          rlct analytic --polynomial "w1^2*w2^4" --json
          rlct analytic --q "w1^2+w2^3"

        Exits 2 with the reason when no theorem applies (for a degenerate Newton \
        polyhedron: the face that fails).
        """
    )

    @Option(help: "Model family: rrr, dln, tanh or regular.")
    var model: AnalyticFamily?

    @Option(help: "Input size M (rrr).")
    var input: Int?

    @Option(help: "Hidden size H (rrr, tanh).")
    var hidden: Int?

    @Option(help: "Output size N (rrr).")
    var output: Int?

    @Option(name: .customLong("true-rank"), help: "Rank r of the true map (rrr, dln).")
    var trueRank: Int?

    @Option(help: "Layer widths H1,…,H(L+1), input first (dln).", transform: IntegerList.init(parsing:))
    var widths: IntegerList?

    @Option(name: .customLong("true-units"), help: "Active units H0 of the true tanh network (default 0: truth ≡ 0).")
    var trueUnits: Int = 0

    @Option(help: "Number of parameters d (regular).")
    var dimension: Int?

    @Option(parsing: .unconditional, help: "A potential K(w), e.g. \"w1^2*w2^4\" or \"(w1^2+w2^2)^2\".")
    var polynomial: String?

    @Option(parsing: .unconditional, help: "The output Q(w) of the regression model y = Q(w)·x + ε (K ∝ Q²).")
    var q: String?

    @Option(parsing: .unconditional, help: "The true parameter for a local λ, e.g. w1=0,w2=1 (default: the origin).",
            transform: NamedPoint.init(parsing:))
    var at: NamedPoint?

    @Option(name: .customLong("prior-exponents"), help: "h1,…,hd for a prior ∝ ∏|w_i|^h_i near the point, one per variable of the polynomial in natural order (w1, w2, …, w10); default all 0.",
            transform: IntegerList.init(parsing:))
    var priorExponents: IntegerList?

    @Option(help: "An experiment spec (JSON, docs/spec.md): λ for its model and truth; a fixture's expected λ is checked too (exit 1 on a mismatch).")
    var spec: String?

    @Flag(help: "Print JSON (lambda, lambda_exact, multiplicity, method, source, assumptions).")
    var json = false

    /// The largest size the family formulas accept (they multiply sizes in
    /// exact integer and rational arithmetic; realistic networks are far smaller).
    static let maximumSize = 100_000

    func validate() throws {
        var sizes: [(String, Int)] = [("--input", input), ("--hidden", hidden), ("--output", output), ("--true-rank", trueRank),
                                      ("--true-units", trueUnits), ("--dimension", dimension)].compactMap { name, v in v.map { (name, $0) } }
        if let widths {
            sizes += widths.values.enumerated().map { ("--widths (item \($0.offset + 1))", $0.element) }
        }
        for (name, v) in sizes where v > Self.maximumSize {
            throw ValidationError("\(name): at most \(Self.maximumSize) (the exact formulas multiply sizes), got \(v)")
        }
    }

    func run() throws {
        let result: LearningCoefficient
        do {
            result = try compute()
        } catch let error as AnalyticError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(2)
        } catch let error as AnalyticUsageError {
            // Bad input or no theorem: exit 2 with the reason.
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(AnalyticJSON(result))
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(result.description)
            print("method: \(result.method)")
            print("source: \(result.source)")
            if let attained = result.attainedAt { print("attained: \(attained)") }
            for a in result.assumptions { print("assumes: \(a)") }
        }
    }

    func compute() throws -> LearningCoefficient {
        let chosen = [model != nil, polynomial != nil, q != nil, spec != nil].filter { $0 }.count
        guard chosen == 1 else {
            throw AnalyticUsageError("give exactly one of --model, --polynomial, --q or --spec")
        }
        if let spec {
            let experiment = try ExperimentSpec.load(path: spec)
            let result = try experiment.analyticCoefficient()
            // The theorem assumes a prior positive around the truth: say so when the spec's truth is on its edge.
            // The truth does not depend on n, so synthetic data are built at n = 10; a spec that does not
            // build still gets its λ, without the check.
            let base = URL(fileURLWithPath: spec).deletingLastPathComponent()
            let small = (try? experiment.withSampleCount(10)) ?? experiment
            if let built = try? small.build(baseDirectory: base), let warning = built.priorBoundaryWarning() {
                FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
            }
            if let expected = experiment.expected {
                let lambdaOK = abs(result.lambdaValue - expected.lambda) < 1e-12
                let mOK = expected.multiplicity == nil || expected.multiplicity == result.multiplicity
                if !lambdaOK || !mOK {
                    FileHandle.standardError.write(Data("error: \(spec): the spec expects λ = \(expected.lambda)\(expected.multiplicity.map { ", m = \($0)" } ?? ""), the theorem gives \(result)\n".utf8))
                    throw ExitCode(1)
                }
            }
            return result
        }
        if let model {
            guard at == nil, priorExponents == nil else {
                throw AnalyticUsageError("--at and --prior-exponents go with --polynomial or --q, not --model")
            }
            return try modelCoefficient(model)
        }
        let option = polynomial != nil ? "--polynomial" : "--q"
        let text = polynomial ?? q!
        let parsed: Polynomial
        do {
            parsed = try Polynomial(parsing: text)
        } catch {
            throw AnalyticUsageError("\(option): " + PolynomialCommand.positioned(error, in: text))
        }
        let point = at?.values ?? [:]
        let h = priorExponents?.values
        return polynomial != nil
            ? try NewtonPolyhedronMethod.potential(parsed, at: point, priorExponents: h)
            : try NewtonPolyhedronMethod.regressionOutput(parsed, at: point, priorExponents: h)
    }

    private func modelCoefficient(_ model: AnalyticFamily) throws -> LearningCoefficient {
        switch model {
        case .rrr:
            guard let input, let hidden, let output, let trueRank else {
                throw AnalyticUsageError("--model rrr needs --input, --hidden, --output and --true-rank")
            }
            return try ReducedRankRegression(inputs: input, outputs: output, hidden: hidden, trueRank: trueRank).coefficient()
        case .dln:
            guard let widths, let trueRank else {
                throw AnalyticUsageError("--model dln needs --widths (e.g. 5,4,3,5) and --true-rank")
            }
            return try DeepLinearNetwork(widths: widths.values, trueRank: trueRank).coefficient()
        case .tanh:
            guard let hidden else { throw AnalyticUsageError("--model tanh needs --hidden") }
            return try TanhNetwork(hidden: hidden, activeTrueUnits: trueUnits).coefficient()
        case .regular:
            guard let dimension else { throw AnalyticUsageError("--model regular needs --dimension") }
            return try Regular.coefficient(dimension: dimension)
        }
    }
}

/// A missing or contradictory flag of `rlct analytic`.
struct AnalyticUsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
