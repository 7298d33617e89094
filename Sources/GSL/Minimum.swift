/// A minimum found by `Minimizer.nelderMead`: the point, f there, iterations.
public struct Minimum: Sendable, Equatable, Codable {
    public var point: [Double]
    public var value: Double
    public var iterations: Int

    public init(point: [Double], value: Double, iterations: Int) {
        self.point = point
        self.value = value
        self.iterations = iterations
    }
}

/// A one-dimensional minimum found by `Minimizer.brent`.
public struct ScalarMinimum: Sendable, Equatable, Codable {
    public var x: Double
    public var value: Double
    public var iterations: Int

    public init(x: Double, value: Double, iterations: Int) {
        self.x = x
        self.value = value
        self.iterations = iterations
    }
}
