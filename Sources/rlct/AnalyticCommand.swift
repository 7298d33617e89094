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
        regular (λ = d/2), nmf (non-negative matrix factorisation of an N×M matrix with \
        inner size H, true non-negative rank --true-rank; Hayashi & Watanabe 2017: exact for \
        rank 0 and for H = rank ≤ 2, else the upper bound in the message).

        Polynomials: --polynomial K gives λ of the potential K itself (normal crossing \
        for a monomial, else the Newton polyhedron with a non-degeneracy check); \
        --q Q gives λ of the regression model y = Q(w)·x + ε, whose K ∝ Q². \
        --at w1=0,w2=1 gives the local λ at that true parameter (default: the origin). \
        Where the Newton polyhedron is degenerate, K = c·Q² for a polynomial Q answers as \
        --q Q would, and a quadratic part of full rank answers by its signature \
        (--q "w1^2-w2^2" ~ uv: λ = 1/2, m = 2). \
        Convention: ζ(z) = ∫ K^z φ dw, so K = w² has λ = 1/2.

        --global gives the global λ over the prior's support (--prior, default uniform:-1,1): \
        in one variable every real zero of K there, found and counted exactly (Sturm \
        sequences), λ = 1/(largest multiplicity); in several variables --starts local \
        minimisations in the support and the local λ at each distinct minimum found, \
        reported as "over the minima found" with their list.

        Examples:
          rlct analytic --model rrr --input 5 --hidden 3 --output 5 --true-rank 1
          rlct analytic --model dln --widths 5,4,3,5 --true-rank 1
          rlct analytic --model tanh --hidden 3
          rlct analytic --model nmf --input 3 --output 2 --hidden 2 --true-rank 0
          rlct analytic --polynomial "w1^2*w2^4" --json
          rlct analytic --q "w1^2+w2^3"
          rlct analytic --polynomial "(w1^2+w2^3)^2"
          rlct analytic --polynomial "(w+1.6)^2*(w-1.6)^4" --global --prior uniform:-3,3
          rlct analytic --polynomial "w1^2*w2^2*(w1-0.5)^2" --global --starts 32

        Exits 2 with the reason when no theorem applies (for a degenerate Newton \
        polyhedron: the face that fails).
        """
    )

    @Option(help: "Model family: rrr, dln, tanh, regular or nmf.")
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

    @Flag(help: "The global λ over the prior's support (with --polynomial or --q), instead of the local λ at --at.")
    var global = false

    @Option(help: "The prior for --global: uniform:a,b, normal:σ or flat (default uniform:-1,1).",
            transform: PriorArgument.init(parsing:))
    var prior: PriorArgument?

    @Option(help: "Local minimisations for --global in several variables.")
    var starts: Int = 64

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
        var minima: GlobalLearningCoefficient?
        do {
            let pair = try computeWithMinima()
            result = pair.0
            minima = pair.1
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
            if let minima {
                print(minima.isExhaustive ? "zeros of K in the support:" : "over the minima found:")
                for m in minima.minima {
                    print("  \(m.text): " + (m.local.map { "λ = \($0.lambda), m = \($0.multiplicity.map(String.init) ?? "not determined")" } ?? m.reason ?? ""))
                }
            }
        }
    }

    /// The coefficient, and for --global (or a spec whose truth is "global") the zeros or minima behind it.
    func computeWithMinima() throws -> (LearningCoefficient, GlobalLearningCoefficient?) {
        if let spec, !global {
            let experiment = try ExperimentSpec.load(path: spec)
            if experiment.truth?.global == true {
                let found = try experiment.globalCoefficient(starts: starts)
                return (try compute(), found)
            }
            return (try compute(), nil)
        }
        guard global else { return (try compute(), nil) }
        guard starts >= 1, starts <= 100_000 else { throw AnalyticUsageError("--starts: expected 1…100000, got \(starts)") }
        guard model == nil, spec == nil, (polynomial == nil) != (q == nil) else {
            throw AnalyticUsageError("--global goes with exactly one of --polynomial or --q (a spec takes \"truth\": \"global\")")
        }
        guard at == nil, priorExponents == nil else {
            throw AnalyticUsageError("--global covers the whole support: drop --at and --prior-exponents")
        }
        let option = polynomial != nil ? "--polynomial" : "--q"
        let text = polynomial ?? q!
        var k: Polynomial
        do {
            k = try Polynomial(parsing: text)
        } catch {
            throw AnalyticUsageError("\(option): " + PolynomialCommand.positioned(error, in: text))
        }
        if q != nil {
            do { k = try k.power(2) } catch { throw AnalyticUsageError("--q: Q² is too large to expand exactly: \(error)") }
        }
        let box: (lower: [Double], upper: [Double])
        do {
            box = try ExperimentSpec.globalBox(prior?.spec ?? .standard, dimension: k.variables.count)
        } catch let error as SpecError {
            throw AnalyticUsageError("--prior: \(error.message)")
        }
        let found = try GlobalLearningCoefficient.potential(k, lower: box.lower, upper: box.upper, starts: starts)
        return (found.coefficient, found)
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
            if let expected = experiment.expected, let lambda = expected.lambda {
                let lambdaOK = abs(result.lambdaValue - lambda) < 1e-12
                let mOK = expected.multiplicity == nil || expected.multiplicity == result.multiplicity
                if !lambdaOK || !mOK {
                    FileHandle.standardError.write(Data("error: \(spec): the spec expects λ = \(lambda)\(expected.multiplicity.map { ", m = \($0)" } ?? ""), the theorem gives \(result)\n".utf8))
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
        case .nmf:
            guard let input, let hidden, let output, let trueRank else {
                throw AnalyticUsageError("--model nmf needs --input (columns M), --hidden (inner H), --output (rows N) and --true-rank")
            }
            return try NonnegativeMatrixFactorization(rows: output, columns: input, inner: hidden, trueRank: trueRank).coefficient()
        }
    }
}

/// A missing or contradictory flag of `rlct analytic`.
struct AnalyticUsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
