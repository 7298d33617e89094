import Foundation
import GSL
import Models
import Polynomials

/// One candidate of `rlct select --candidates a.json,b.json,…`: the
/// polynomialRegression model y = Q(w)·x + ε of a spec (docs/spec.md).
///
/// The list is read as a chain, smallest model first: candidate j ⪯ i for
/// j before i in the list (the order is the poset; nesting is not inferred
/// or checked). The truth "in candidate j" is spec j's truth, y = a_j·x + ε
/// (`truth.a`, or Q_j(truth.parameters), default 0), and λ_ij, m_ij are
/// `Analytic`'s values for Q_i at that truth (`ExperimentSpec.analyticCoefficient`,
/// the Newton polyhedron of (Q_i − a_j)² at spec i's `truth.parameters` when
/// Q_i vanishes there minus a_j, else at the origin). When every spec has the
/// same truth, λ_ij = λ_ii for all j and sBIC_i = −ℓ̂_i + λ_i log n − (m_i − 1) log log n.
///
/// The model {y = c·x : c ∈ Q(support)} has dimension 1 (BIC's dim); its
/// maximised likelihood is at the least-squares slope Sxy/Sxx projected onto
/// Q's image over the prior's support (a uniform prior's box; all of R^d
/// otherwise), found by multistart Nelder–Mead (`fit`).
public struct PolynomialCandidate: Sendable, Hashable {
    /// The spec file's name without `.json`.
    public var name: String
    public var path: String
    /// Q as written.
    public var q: String
    public var variables: [String]
    public var sigma: Double
    /// a, the spec's true coefficient.
    public var trueCoefficient: Double
    /// The uniform prior's box (the fit's domain); nil for an unbounded prior.
    public var lower: [Double]?
    public var upper: [Double]?
    /// A point where Q = a, when the spec gives one (a start of the fit).
    public var truthParameters: [Double]?
    /// λ_ij for j = 0 … i (this is candidate i).
    public var coefficients: [PairCoefficient]

    /// 1: the model is a one-parameter family of slopes.
    public var dimension: Int { 1 }

    /// Reads the specs in order and computes λ_ij for every j ≤ i. Errors
    /// name the file and the spec field (`b.json: model.kind: …`).
    public static func load(paths: [String]) throws -> [PolynomialCandidate] {
        guard !paths.isEmpty else { throw SpecError(path: "candidates", "expected at least one spec file") }
        var specs: [(String, ExperimentSpec)] = []
        for path in paths {
            let spec: ExperimentSpec
            do { spec = try ExperimentSpec.load(path: path) } catch let error as SpecError {
                throw SpecError(path: "\(path): \(error.path)", error.message)
            }
            specs.append((path, spec))
        }
        var parsed: [(path: String, spec: ExperimentSpec, text: String, q: Polynomial, variables: [String], sigma: Double, a: Double, box: ([Double], [Double])?)] = []
        for (path, spec) in specs {
            guard case let .polynomialRegression(text, variables, sigma) = spec.model else {
                throw SpecError(path: "\(path): model.kind", "expected a polynomialRegression model (y = Q(w)·x + ε), got \(spec.model.kind)")
            }
            if spec.truth?.global == true { throw SpecError(path: "\(path): truth", "\"global\" is not a truth a candidate can be compared at; give truth.a") }
            let q: Polynomial
            do { q = try Polynomial(parsing: text) } catch { throw SpecError(path: "\(path): model.q", "\(error)") }
            let names = variables ?? q.variables
            let compiled: CompiledPolynomial
            do { compiled = try CompiledPolynomial(q, variables: names) } catch { throw SpecError(path: "\(path): model.variables", "\(error)") }
            if let w = spec.truth?.parameters, w.count != names.count {
                throw SpecError(path: "\(path): truth.parameters", "expected \(names.count) numbers (one per parameter), got \(w.count)")
            }
            let a = spec.truth?.a ?? spec.truth?.parameters.map { compiled.value($0) } ?? 0
            let prior: Prior
            do { prior = try (spec.prior ?? .standard).resolve(dimension: names.count) } catch let error as SpecError {
                throw SpecError(path: "\(path): \(error.path)", error.message)
            }
            var box: ([Double], [Double])?
            if case let .uniform(lo, hi) = prior { box = (lo, hi) }
            parsed.append((path, spec, text, q, names, sigma, a, box))
        }
        if let k = parsed.firstIndex(where: { $0.sigma != parsed[0].sigma }) {
            throw SpecError(path: "\(parsed[k].path): model.sigma", "the candidates share one noise σ; expected \(parsed[0].sigma) as in \(parsed[0].path), got \(parsed[k].sigma)")
        }
        return try parsed.enumerated().map { i, c in
            let compiled = try CompiledPolynomial(c.q, variables: c.variables)
            let coefficients = try (0...i).map { j -> PairCoefficient in
                let a = parsed[j].a
                var spec = c.spec
                var truth = spec.truth ?? TruthSpec()
                truth.a = a
                if let w = truth.parameters, abs(compiled.value(w) - a) > 1e-12 * max(1, abs(a)) { truth.parameters = nil }
                spec.truth = truth
                spec.llc?.at = nil
                do {
                    let lc = try spec.analyticCoefficient()
                    return PairCoefficient(lambda: lc.lambda, multiplicity: lc.multiplicity ?? 1, upperBound: false,
                                           method: "\(lc.method) at a = \(a)" + (lc.multiplicity == nil ? " (m not determined: 1 used)" : ""),
                                           source: lc.source)
                } catch {
                    let which = j == i ? "its own truth" : "the truth of \(parsed[j].path)"
                    throw SpecError(path: c.path, "no learning coefficient of Q = \(c.text) at \(which), a = \(a): \(error)" +
                                    (truth.parameters == nil ? " (give truth.parameters, a point where Q = a, in this spec)" : ""))
                }
            }
            return PolynomialCandidate(name: URL(fileURLWithPath: c.path).deletingPathExtension().lastPathComponent, path: c.path,
                                       q: c.text, variables: c.variables, sigma: c.sigma, trueCoefficient: c.a,
                                       lower: c.box?.0, upper: c.box?.1, truthParameters: c.spec.truth?.parameters, coefficients: coefficients)
        }
    }

    /// ℓ̂ of each candidate on `data` (1 input, 1 output), σ known.
    public static func logLikelihoods(_ list: [PolynomialCandidate], data: Dataset, sigma: Double, starts: Int, seed: UInt64) throws -> [Double] {
        try maximisers(list, data: data, sigma: sigma, starts: starts, seed: seed).map(\.logLikelihood)
    }

    /// ℓ̂ of each candidate on `data` and a w where it is reached (inside the
    /// box): the start of WBIC's chains.
    public static func maximisers(_ list: [PolynomialCandidate], data: Dataset, sigma: Double, starts: Int,
                                  seed: UInt64) throws -> [(logLikelihood: Double, point: [Double])] {
        guard data.inputDimension == 1, data.outputDimension == 1 else {
            throw SpecError(path: "data", "the polynomial regression candidates have 1 input and 1 output; the data have \(data.inputDimension) and \(data.outputDimension)")
        }
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for i in 0..<data.count {
            let x = data.inputs[i], y = data.outputs[i]
            sxx += x * x; sxy += x * y; syy += y * y
        }
        guard sxx > 0 else { throw SpecError(path: "data", "every input is 0, so the slope is not identified") }
        let s2 = sigma * sigma, n = Double(data.count)
        return try list.enumerated().map { k, c in
            let (slope, w) = try c.fitPoint(target: sxy / sxx, starts: starts, stream: RandomStream(seed: seed, stream: 200 + k))
            return (-(syy - 2 * slope * sxy + slope * slope * sxx) / (2 * s2) - n / 2 * log(2 * Double.pi * s2), w)
        }
    }

    /// The value of Q over the domain nearest to `target`: the minimum of
    /// (Q(w) − target)² by Nelder–Mead from the origin, the truth and
    /// `starts` random points (uniform in the box, else N(0, 1)), the box enforced by clamping.
    public func fit(target: Double, starts: Int, stream: RandomStream) throws -> Double {
        try fitPoint(target: target, starts: starts, stream: stream).value
    }

    /// `fit`'s value and a w in the box where Q(w) takes it.
    public func fitPoint(target: Double, starts: Int, stream: RandomStream) throws -> (value: Double, point: [Double]) {
        let compiled = try CompiledPolynomial(Polynomial(parsing: q), variables: variables)
        let d = variables.count
        func clamp(_ w: [Double]) -> [Double] {
            guard let lower, let upper else { return w }
            return w.indices.map { min(max(w[$0], lower[$0]), upper[$0]) }
        }
        var points = [clamp([Double](repeating: 0, count: d))]
        if let t = truthParameters { points.append(clamp(t)) }
        for _ in 0..<starts {
            points.append((0..<d).map { k in
                if let lower, let upper { return stream.uniform(in: lower[k]...upper[k]) }
                return stream.gaussian()
            })
        }
        let steps = (0..<d).map { k in lower.map { l in 0.1 * (upper![k] - l[k]) } ?? 0.1 }
        var best = compiled.value(points[0]), bestGap = abs(best - target), bestPoint = points[0]
        for start in points {
            let m = try? Minimizer.nelderMead({ w in let v = compiled.value(clamp(w)) - target; return v * v },
                                              start: start, stepSizes: steps, sizeTolerance: 1e-12, maxIterations: 4000,
                                              requireConvergence: false)
            for w in [start] + (m.map { [$0.point] } ?? []) {
                let v = compiled.value(clamp(w))
                if abs(v - target) < bestGap { best = v; bestGap = abs(v - target); bestPoint = clamp(w) }
            }
        }
        return (best, bestPoint)
    }
}
