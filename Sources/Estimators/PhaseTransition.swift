import Foundation
import Models

/// Bayesian phase transitions: the posterior mass of neighbourhoods W_α of
/// different minima w_α against n. Each local free energy behaves as
///
///     F_n(W_α) ≈ nβ L_n(w_α) + λ_α log(nβ) − (m_α − 1) log log(nβ) + c_α
///
/// so a phase with a smaller λ_α but a higher loss leads at small n and
/// loses to the lower-loss phase at the crossover n* where these are equal.
/// The masses are exact (quadrature of each box over the quadrature of the
/// whole prior box); the prediction drops the O(1) constants c_α.
public enum PhaseTransition {
    /// A neighbourhood W_α: a box inside the prior's support.
    public struct Phase: Sendable, Equatable {
        public var name: String
        public var lower: [Double]
        public var upper: [Double]
        public init(name: String, lower: [Double], upper: [Double]) {
            self.name = name
            self.lower = lower
            self.upper = upper
        }
    }

    /// λ_α and m_α given rather than fitted.
    public struct Coefficient: Sendable, Equatable {
        public var lambda: Double
        public var multiplicity: Int
        public init(lambda: Double, multiplicity: Int) {
            self.lambda = lambda
            self.multiplicity = multiplicity
        }
    }

    public struct PhaseResult: Sendable, Codable {
        public var name: String
        public var lower: [Double]
        public var upper: [Double]
        /// λ_α, m_α: fitted from the local free energies (`source` "fit") or given ("given").
        public var lambda: Double
        public var lambdaError: Double?
        public var multiplicity: Int
        public var source: String
        /// min of L_n over W_α at the largest n.
        public var loss: Double
        /// Posterior mass of W_α at each n of the grid.
        public var masses: [Double]
        /// F_n(W_α) = −log ∫_{W_α} φ exp(−nβ L_n) at each n.
        public var freeEnergies: [Double]

        enum CodingKeys: String, CodingKey {
            case name, lower, upper, lambda, lambdaError = "lambda_error", multiplicity, source, loss, masses
            case freeEnergies = "free_energies"
        }
    }

    public struct Result: Sendable, Codable {
        public var phases: [PhaseResult]
        public var n: [Double]
        public var beta: Double
        /// F_n over the whole prior box at each n.
        public var freeEnergies: [Double]
        /// The first n where the asymptotic formula changes the leading phase (nil: none near the grid).
        public var predictedCrossover: Double?
        /// The first n where the exact masses change the leading phase, interpolated in log n (nil: none on the grid).
        public var observedCrossover: Double?

        enum CodingKeys: String, CodingKey {
            case phases, n, beta, freeEnergies = "free_energies"
            case predictedCrossover = "predicted_crossover", observedCrossover = "observed_crossover"
        }
    }

    /// The asymptotic local free energy nβL + λ log(nβ) − (m − 1) log log(nβ).
    public static func asymptotic(n: Double, beta: Double, loss: Double, lambda: Double, multiplicity: Int) -> Double {
        let t = log(n * beta)
        return n * beta * loss + lambda * t - Double(multiplicity - 1) * log(t)
    }

    /// The first n in [from, to] where the phase minimising `asymptotic` changes
    /// (scanned on a fine log grid, then bisected in log n); nil if it does not.
    public static func predictedCrossover(losses: [Double], coefficients: [Coefficient], beta: Double,
                                          from: Double, to: Double) -> Double? {
        guard losses.count == coefficients.count, losses.count >= 2 else { return nil }
        let lo = max(from, 1.01 * exp(1) / beta)
        guard to > lo else { return nil }
        func g(_ a: Int, _ logN: Double) -> Double {
            asymptotic(n: exp(logN), beta: beta, loss: losses[a], lambda: coefficients[a].lambda,
                       multiplicity: coefficients[a].multiplicity)
        }
        func leader(_ logN: Double) -> Int { losses.indices.min { g($0, logN) < g($1, logN) } ?? 0 }
        let steps = 4000
        let a = log(lo), b = log(to)
        var previous = a
        let first = leader(a)
        for i in 1...steps {
            let x = a + (b - a) * Double(i) / Double(steps)
            let now = leader(x)
            if now != first {
                var (l, r) = (previous, x)
                for _ in 0..<60 {
                    let mid = (l + r) / 2
                    if g(first, mid) - g(now, mid) <= 0 { l = mid } else { r = mid }
                }
                return exp((l + r) / 2)
            }
            previous = x
        }
        return nil
    }

    /// The first grid n where the phase with the largest mass (smallest F_n(W_α))
    /// changes, with log(mass_a / mass_b) interpolated linearly in log n
    /// between the two grid points around the change; nil if it never changes.
    public static func observedCrossover(n: [Double], freeEnergies: [[Double]]) -> Double? {
        guard freeEnergies.count >= 2, n.count >= 2 else { return nil }
        func leader(_ i: Int) -> Int { freeEnergies.indices.min { freeEnergies[$0][i] < freeEnergies[$1][i] } ?? 0 }
        let first = leader(0)
        for i in 1..<n.count {
            let now = leader(i)
            guard now != first else { continue }
            let d0 = freeEnergies[first][i - 1] - freeEnergies[now][i - 1]
            let d1 = freeEnergies[first][i] - freeEnergies[now][i]
            let x0 = log(n[i - 1]), x1 = log(n[i])
            let x = d1 == d0 ? x1 : x0 + (x1 - x0) * (0 - d0) / (d1 - d0)
            return exp(min(max(x, x0), x1))
        }
        return nil
    }

    /// Masses, fitted (or `given`) λ_α and m_α and both crossovers over `grid`.
    /// `modelAt(n)` gives the model at n (a potential: itself; a data model:
    /// its first n samples); `progress` is called after each n.
    public static func compute<M: Model>(
        phases: [Phase], grid: [Double], beta: Double, lower: [Double], upper: [Double],
        logPrior: @escaping ([Double]) -> Double, given: [Coefficient]? = nil, seed: UInt64 = 1,
        modelAt: (Double) throws -> M, progress: () -> Void = {}
    ) throws -> Result {
        guard phases.count >= 2 else { throw SpecificationError("a phase transition needs at least two phases, got \(phases.count)") }
        if let given, given.count != phases.count {
            throw SpecificationError("\(given.count) learning coefficients given for \(phases.count) phases")
        }
        var total: [Double] = []
        var local = [[ExactFreeEnergy.Result]](repeating: [], count: phases.count)
        for n in grid {
            let model = try modelAt(n)
            total.append(try ExactFreeEnergy.compute(model: model, nbeta: n * beta, lower: lower, upper: upper,
                                                     logPrior: logPrior, seed: seed).freeEnergy)
            for (k, phase) in phases.enumerated() {
                local[k].append(try ExactFreeEnergy.compute(model: model, nbeta: n * beta, lower: phase.lower, upper: phase.upper,
                                                            logPrior: logPrior, seed: seed))
            }
            progress()
        }
        var results: [PhaseResult] = []
        var coefficients: [Coefficient] = []
        for (k, phase) in phases.enumerated() {
            let f = local[k].map(\.freeEnergy)
            let loss = (local[k].last?.minimumEnergy ?? 0) / ((grid.last ?? 1) * beta)
            let c: Coefficient, error: Double?
            if let given {
                c = given[k]
                error = nil
            } else {
                let points = zip(grid, local[k]).map { FreeEnergyFit.Point(n: $0, freeEnergy: $1.freeEnergy, error: $1.error, nLoss: $1.minimumEnergy / beta) }
                let fit = try FreeEnergyFit.fit(points: points, beta: beta)
                c = Coefficient(lambda: fit.lambda, multiplicity: fit.multiplicityRounded)
                error = fit.lambdaError
            }
            coefficients.append(c)
            results.append(PhaseResult(name: phase.name, lower: phase.lower, upper: phase.upper, lambda: c.lambda,
                                       lambdaError: error, multiplicity: c.multiplicity, source: given == nil ? "fit" : "given",
                                       loss: loss, masses: zip(total, f).map { exp($0 - $1) }, freeEnergies: f))
        }
        let first = grid.first ?? 2, last = grid.last ?? 2
        return Result(phases: results, n: grid, beta: beta, freeEnergies: total,
                      predictedCrossover: predictedCrossover(losses: results.map(\.loss), coefficients: coefficients,
                                                             beta: beta, from: first / 10, to: last * 10),
                      observedCrossover: observedCrossover(n: grid, freeEnergies: results.map(\.freeEnergies)))
    }
}
