import Polynomials

extension PolynomialRegression {
    /// The seeds' setting in one call: n samples x ~ N(0, 1), y = a·x + ε,
    /// ε ~ N(0, σ²), from `seed`; Q's own variables are the parameters.
    /// Q must have at least one variable.
    public static func synthetic(q: Polynomial, sampleCount n: Int, truth a: Double = 0, sigma: Double = 1,
                                 seed: UInt64) throws -> PolynomialRegression {
        try PolynomialRegression(q: q, sigma: sigma).withSyntheticData(trueCoefficient: a, count: n, seed: seed)
    }

    /// The inputs x_i.
    public var x: [Double] { data.inputs }
    /// The outputs y_i.
    public var y: [Double] { data.outputs }
}

extension Potential {
    /// K over its own variables with the n that sets the temperature.
    public init(_ k: Polynomial, sampleCount n: Int) throws {
        try self.init(k: k, sampleCount: n)
    }
}
