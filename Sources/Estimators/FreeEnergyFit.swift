import Foundation
import GSL
import Models

/// λ and m from the free energy against n (Watanabe 2009, Thm 6.1):
///
///     F_n(β) − nβ L_n(ŵ) ≈ λ log(nβ) − (m − 1) log log(nβ) + c
///
/// fitted by weighted least squares over a log-spaced grid of n, each F_n
/// exact by quadrature. Weights 1/σᵢ² with σᵢ the quadrature error floored at
/// `relativeErrorFloor`·max(1, |yᵢ|), so no point with a tiny error estimate
/// dominates; when χ²/dof > 1 (the O(1/log n) terms the model leaves out)
/// the covariance is scaled by χ²/dof.
public enum FreeEnergyFit {
    /// One n of the grid: F_n(β), its quadrature error and n·L_n(ŵ) (ŵ the minimiser).
    public struct Point: Sendable, Codable, Equatable {
        public var n: Double
        public var freeEnergy: Double
        public var error: Double
        public var nLoss: Double

        public init(n: Double, freeEnergy: Double, error: Double, nLoss: Double) {
            self.n = n
            self.freeEnergy = freeEnergy
            self.error = error
            self.nLoss = nLoss
        }

        enum CodingKeys: String, CodingKey {
            case n, freeEnergy = "free_energy", error, nLoss = "n_loss"
        }
    }

    /// What the fit of F_n against n measured, beside λ̂ and m̂ (`LambdaFit`).
    public struct Details: Sendable, Codable {
        /// The intercept c.
        public var constant: Double
        /// The coefficient of 1/log(nβ) when the fit included it (`nextOrder`).
        public var nextOrder: Double?
        public var beta: Double
        /// Whether χ²/dof > 1 scaled the errors.
        public var errorsScaled: Bool
        public var points: [Point]

        public init(constant: Double, nextOrder: Double?, beta: Double, errorsScaled: Bool, points: [Point]) {
            self.constant = constant
            self.nextOrder = nextOrder
            self.beta = beta
            self.errorsScaled = errorsScaled
            self.points = points
        }

        enum CodingKeys: String, CodingKey {
            case constant, nextOrder = "next_order", beta, errorsScaled = "errors_scaled", points
        }
    }

    /// λ̂, m̂ and the free energies they were fitted to.
    public typealias Result = LambdaFit<Details>

    /// `points` values of n, log-spaced from `nMin` to `nMax` and rounded to
    /// integers (duplicates dropped).
    public static func grid(nMin: Double, nMax: Double, points: Int) throws -> [Double] {
        guard nMin >= 2, nMax.isFinite, nMax > nMin else {
            throw SpecificationError("the n range must have 2 ≤ n-min < n-max, got \(nMin) and \(nMax)")
        }
        guard points >= 2 else { throw SpecificationError("the n grid needs at least 2 points, got \(points)") }
        let a = log(nMin), b = log(nMax)
        var out: [Double] = []
        for i in 0..<points {
            let n = (exp(a + (b - a) * Double(i) / Double(points - 1))).rounded()
            if out.last != n { out.append(n) }
        }
        return out
    }

    /// The fit over the given points. `nextOrder` adds a c₁/log(nβ) column,
    /// the next term of the expansion (it matters for m > 1, see docs/estimators.md).
    public static func fit(points: [Point], beta: Double, nextOrder: Bool = false,
                           relativeErrorFloor: Double = 1e-6) throws -> Result {
        let p = nextOrder ? 4 : 3
        guard points.count > p else {
            throw SpecificationError("the fit of λ and m needs more than \(p) values of n, got \(points.count)")
        }
        if let bad = points.first(where: { !($0.n * beta > exp(1)) }) {
            throw SpecificationError("log log(nβ) needs nβ > e, got n = \(bad.n), β = \(beta)")
        }
        return try solve(points: points, beta: beta, nextOrder: nextOrder, floor: relativeErrorFloor)
    }

    private static func solve(points: [Point], beta: Double, nextOrder: Bool, floor: Double) throws -> Result {
        var design: [[Double]] = [], y: [Double] = [], weights: [Double] = []
        for pt in points {
            let t = log(pt.n * beta)
            var row = [t, -log(t), 1]
            if nextOrder { row.append(1 / t) }
            design.append(row)
            let yi = pt.freeEnergy - beta * pt.nLoss
            y.append(yi)
            let sigma = max(pt.error, floor * max(1, abs(yi)))
            weights.append(1 / (sigma * sigma))
        }
        let fit = try LeastSquares.weightedLinear(design: design, y: y, weights: weights)
        let chi = fit.dof > 0 ? fit.chiSquared / Double(fit.dof) : 0
        let scale = chi > 1 ? chi.squareRoot() : 1
        let se = fit.standardErrors.map { $0 * scale }
        let lambda = fit.coefficients[0], m = fit.coefficients[1] + 1
        return Result(lambda: lambda, lambdaError: se[0], multiplicity: m, multiplicityError: se[1], chiSquaredPerDof: chi,
                      details: Details(constant: fit.coefficients[2], nextOrder: nextOrder ? fit.coefficients[3] : nil,
                                       beta: beta, errorsScaled: chi > 1, points: points))
    }

    /// F_n(β) at every n of `grid`, exact by `ExactFreeEnergy` on `modelAt(n)`
    /// (a potential is the same model at every n; a data model its first n
    /// samples), then `fit`. `progress` is called after each n.
    public static func compute<M: Model>(
        grid: [Double], beta: Double, lower: [Double], upper: [Double], logPrior: @escaping ([Double]) -> Double,
        method: ExactFreeEnergy.Method = .quadrature, nextOrder: Bool = false, seed: UInt64 = 1,
        modelAt: (Double) throws -> M, progress: () -> Void = {}
    ) throws -> Result {
        var points: [Point] = []
        for n in grid {
            points.append(try point(n: n, beta: beta, model: try modelAt(n), lower: lower, upper: upper, logPrior: logPrior,
                                    method: method, seed: seed))
            progress()
        }
        return try fit(points: points, beta: beta, nextOrder: nextOrder)
    }

    /// F_n(β) at one n, exact by `ExactFreeEnergy` on `model` (the model at n):
    /// one independent piece of `compute` (a cluster computes the n apart, docs/cluster.md).
    public static func point<M: Model>(n: Double, beta: Double, model: M, lower: [Double], upper: [Double],
                                       logPrior: @escaping ([Double]) -> Double, method: ExactFreeEnergy.Method = .quadrature,
                                       seed: UInt64 = 1) throws -> Point {
        let r = try ExactFreeEnergy.compute(model: model, nbeta: n * beta, lower: lower, upper: upper,
                                            logPrior: logPrior, method: method, seed: seed)
        return Point(n: n, freeEnergy: r.freeEnergy, error: r.error, nLoss: r.minimumEnergy / beta)
    }
}

extension LambdaFit where Details == FreeEnergyFit.Details {
    /// The fitted F_n − nβ L_n(ŵ) at n.
    public func curve(_ n: Double) -> Double {
        let t = log(n * details.beta)
        return lambda * t - (multiplicity - 1) * log(t) + details.constant + (details.nextOrder ?? 0) / t
    }
}
