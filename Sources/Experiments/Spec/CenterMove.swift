import Reports

/// What `--optimize-center` did to w*: how far gradient descent moved it
/// (Euclidean distance) and L_n, |∇L_n| before and after.
public struct CenterMove: Sendable, Equatable, Codable {
    public var distance: Double
    public var lossBefore: Double
    public var lossAfter: Double
    public var gradientNormBefore: Double
    public var gradientNormAfter: Double
    public var iterations: Int

    public init(distance: Double, lossBefore: Double, lossAfter: Double, gradientNormBefore: Double,
                gradientNormAfter: Double, iterations: Int) {
        self.distance = distance
        self.lossBefore = lossBefore
        self.lossAfter = lossAfter
        self.gradientNormBefore = gradientNormBefore
        self.gradientNormAfter = gradientNormAfter
        self.iterations = iterations
    }

    enum CodingKeys: String, CodingKey {
        case distance, iterations
        case lossBefore = "loss_before", lossAfter = "loss_after"
        case gradientNormBefore = "gradient_norm_before", gradientNormAfter = "gradient_norm_after"
    }

    /// `w* moved 0.0123 in 57 steps of gradient descent: |∇L_n| 0.31 → 2.1e-11, L_n 0.52 → 0.51`.
    public var summary: String {
        "w* moved \(NumberFormat.significant(distance, digits: 3)) in \(iterations) steps of gradient descent: "
            + "|∇L_n| \(NumberFormat.significant(gradientNormBefore, digits: 3)) → \(NumberFormat.significant(gradientNormAfter, digits: 3)), "
            + "L_n \(NumberFormat.significant(lossBefore, digits: 3)) → \(NumberFormat.significant(lossAfter, digits: 3))"
    }
}
