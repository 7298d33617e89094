import Foundation

/// Drton & Plummer's singular BIC over a finite poset of candidate models
/// (M. Drton and M. Plummer 2017, "A Bayesian information criterion for
/// singular models", J. R. Statist. Soc. B 79(2), §3).
///
/// For candidates i with maximised log-likelihood ℓ̂_i and, for each pair
/// j ⪯ i (truth in submodel j, fitted with candidate i), the learning
/// coefficient λ_ij and multiplicity m_ij:
///
///     L'_ij = exp(ℓ̂_i) · n^(−λ_ij) · (log n)^(m_ij − 1)
///     L'(M_i) = Σ_{j⪯i} L'_ij L'(M_j) / Σ_{j⪯i} L'(M_j)        (uniform model prior)
///
/// i.e. L'(M_i)² + L'(M_i)·(Σ_{j≺i} L'(M_j) − L'_ii) − Σ_{j≺i} L'_ij L'(M_j) = 0.
/// In a topological order, with L'(M_j) known for j ≺ i, this quadratic has a
/// negative constant term, so exactly one positive root: the system has a unique
/// positive solution, found here in one pass (a minimal i has L'(M_i) = L'_ii).
/// sBIC_i = −log L'(M_i) is reported on the free-energy scale of F_n (lower is
/// better), as is BIC_i = −ℓ̂_i + λ_ii log n (λ_ii = dim/2 of candidate i).
/// Everything runs in log space, each quadratic rescaled by its largest term, so
/// likelihoods e^(−10⁴) neither underflow nor lose the smaller models.
public enum SingularBIC {
    /// λ and m of one pair (true submodel j, candidate i).
    public struct Coefficient: Sendable, Hashable, Codable {
        public var lambda: Double
        public var multiplicity: Int

        public init(lambda: Double, multiplicity: Int) {
            self.lambda = lambda
            self.multiplicity = multiplicity
        }
    }

    /// The candidates, their likelihoods and the poset.
    public struct Problem: Sendable {
        /// ℓ̂_i, the maximised log-likelihood of candidate i (natural log).
        public var logLikelihoods: [Double]
        /// For each i, its strict submodels j ≺ i (transitively closed).
        public var submodels: [[Int]]
        /// coefficients[i][j] for every j ⪯ i (nil elsewhere); [i][i] is the
        /// candidate's own generic λ_ii = dim_i/2, m_ii = 1.
        public var coefficients: [[Coefficient?]]
        /// n, the sample size.
        public var sampleCount: Int

        public init(logLikelihoods: [Double], submodels: [[Int]], coefficients: [[Coefficient?]], sampleCount: Int) {
            self.logLikelihoods = logLikelihoods
            self.submodels = submodels
            self.coefficients = coefficients
            self.sampleCount = sampleCount
        }
    }

    public struct Result: Sendable, Codable, Equatable {
        /// log L'(M_i).
        public var logMarginal: [Double]
        /// −log L'(M_i).
        public var sbic: [Double]
        /// −ℓ̂_i + λ_ii log n.
        public var bic: [Double]
        /// max_i |log L'(M_i) − log(Σ_{j⪯i} L'_ij L'(M_j) / Σ_{j⪯i} L'(M_j))|:
        /// the relative residual of the defining equations at the solution.
        public var residual: Double
        /// The topological order the candidates were solved in.
        public var order: [Int]
    }

    /// log L'_ij = ℓ̂_i − λ_ij log n + (m_ij − 1) log log n.
    public static func logPairLikelihood(_ logLikelihood: Double, _ c: Coefficient, sampleCount n: Int) -> Double {
        let logN = log(Double(n))
        return logLikelihood - c.lambda * logN + Double(c.multiplicity - 1) * log(logN)
    }

    /// The unique positive solution of the sBIC equations.
    public static func solve(_ p: Problem) throws -> Result {
        let count = p.logLikelihoods.count
        try validate(p)
        let order = try topologicalOrder(p.submodels)
        func pair(_ i: Int, _ j: Int) -> Double {
            logPairLikelihood(p.logLikelihoods[i], p.coefficients[i][j]!, sampleCount: p.sampleCount)
        }
        var logL = [Double](repeating: -.infinity, count: count)
        for i in order {
            let below = p.submodels[i]
            let a = pair(i, i)
            guard !below.isEmpty else {
                logL[i] = a
                continue
            }
            let logS = logSumExp(below.map { logL[$0] })
            let logC = logSumExp(below.map { pair(i, $0) + logL[$0] })
            // x² + (S − a) x − C = 0, scaled by e^k so that the largest of a, S, √C is 1.
            let k = max(a, logS, logC / 2)
            let b = exp(logS - k) - exp(a - k)
            let lc = logC - 2 * k
            let c = exp(lc)
            let root = (b * b + 4 * c).squareRoot()
            let logX: Double
            if b > 0 {
                logX = log(2) + lc - log(b + root)
            } else {
                let x = (root - b) / 2
                logX = x > 0 ? log(x) : lc / 2
            }
            logL[i] = k + logX
        }
        var residual = 0.0
        for i in 0..<count {
            let all = p.submodels[i] + [i]
            let rhs = logSumExp(all.map { pair(i, $0) + logL[$0] }) - logSumExp(all.map { logL[$0] })
            residual = max(residual, abs(logL[i] - rhs))
        }
        let logN = log(Double(p.sampleCount))
        let bic = (0..<count).map { -p.logLikelihoods[$0] + p.coefficients[$0][$0]!.lambda * logN }
        return Result(logMarginal: logL, sbic: logL.map { -$0 }, bic: bic, residual: residual, order: order)
    }

    /// log Σ exp(x_k), stable; −∞ for an empty list.
    static func logSumExp(_ x: [Double]) -> Double {
        guard let top = x.max(), top > -.infinity else { return -.infinity }
        return top + log(x.reduce(0) { $0 + exp($1 - top) })
    }

    static func validate(_ p: Problem) throws {
        let count = p.logLikelihoods.count
        guard count >= 1 else { throw SpecificationError("sBIC needs at least one candidate") }
        guard p.sampleCount >= 2 else { throw SpecificationError("sBIC needs n ≥ 2, got \(p.sampleCount)") }
        guard p.submodels.count == count, p.coefficients.count == count, p.coefficients.allSatisfy({ $0.count == count }) else {
            throw SpecificationError("sBIC: \(count) candidates need \(count) submodel lists and a \(count)×\(count) coefficient table")
        }
        for i in 0..<count {
            guard p.logLikelihoods[i].isFinite else {
                throw SpecificationError("candidate \(i): the maximised log-likelihood is not finite (\(p.logLikelihoods[i]))")
            }
            for j in p.submodels[i] + [i] {
                guard (0..<count).contains(j) else { throw SpecificationError("candidate \(i): submodel index \(j) is out of range") }
                guard let c = p.coefficients[i][j] else {
                    throw SpecificationError("candidate \(i): no learning coefficient for the truth in candidate \(j)")
                }
                guard c.lambda >= 0, c.lambda.isFinite, c.multiplicity >= 1 else {
                    throw SpecificationError("candidate \(i), truth in \(j): expected λ ≥ 0 and m ≥ 1, got λ = \(c.lambda), m = \(c.multiplicity)")
                }
            }
            if p.submodels[i].contains(i) { throw SpecificationError("candidate \(i) lists itself as a strict submodel") }
            for j in p.submodels[i] {
                for k in p.submodels[j] where !p.submodels[i].contains(k) {
                    throw SpecificationError("the submodels are not transitively closed: \(k) ≺ \(j) ≺ \(i) but \(k) is not listed under \(i)")
                }
            }
        }
    }

    /// Kahn's algorithm, smallest index first among the ready candidates (deterministic).
    static func topologicalOrder(_ submodels: [[Int]]) throws -> [Int] {
        let count = submodels.count
        var remaining = submodels.map { Set($0).count }
        var above = [[Int]](repeating: [], count: count)
        for i in 0..<count {
            for j in Set(submodels[i]).sorted() { above[j].append(i) }
        }
        var ready = (0..<count).filter { remaining[$0] == 0 }
        var order: [Int] = []
        while let i = ready.min() {
            ready.removeAll { $0 == i }
            order.append(i)
            for k in above[i] {
                remaining[k] -= 1
                if remaining[k] == 0 { ready.append(k) }
            }
        }
        guard order.count == count else { throw SpecificationError("the submodel relation has a cycle, so it is not a partial order") }
        return order
    }
}
