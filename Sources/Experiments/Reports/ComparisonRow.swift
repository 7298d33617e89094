import Estimators
import Foundation

/// One row of the comparison (JSON keys in snake case).
public struct ComparisonRow: Sendable, Encodable {
    /// F_n, WBIC and BIC over the plot's n (nil where an estimator could not run).
    public struct Curve: Sendable, Encodable {
        public var n: [Int] = []
        public var freeEnergy: [Double?] = []
        public var wbic: [Double?] = []
        public var wbicError: [Double?] = []
        public var bic: [Double?] = []
        /// n L_n(ŵ) at the minimiser BIC found: the common leading term, subtracted in the plot.
        public var nLoss: [Double?] = []
        enum CodingKeys: String, CodingKey { case n, freeEnergy = "free_energy", wbic, wbicError = "wbic_error", bic, nLoss = "n_loss" }
    }

    public var name: String
    public var parameters: Int
    public var sampler: String
    public var stepSize: Double
    public var lambda: Double?
    public var multiplicity: Int?
    public var llc: Double?
    public var llcError: Double?
    public var temperatureLambda: Double?
    public var temperatureLambdaError: Double?
    public var volumeLambda: Double?
    public var volumeLambdaError: Double?
    /// The volume fit's m̂, rounded.
    public var volumeMultiplicity: Int?
    public var freeEnergy: Double?
    public var freeEnergyError: Double?
    public var wbic: Double?
    public var wbicError: Double?
    public var bic: Double?
    public var curve: Curve?
    public var notes: [String] = []
    /// The verdicts of the sampled estimates at n (LLC, temperature λ̂, WBIC).
    public var llcVerdict: Verdict?
    public var temperatureVerdict: Verdict?
    public var wbicVerdict: Verdict?

    /// The sampled estimates' verdicts by name, in table order.
    public var verdicts: [(estimate: String, verdict: Verdict)] {
        [("LLC", llcVerdict), ("temperature λ̂", temperatureVerdict), ("WBIC", wbicVerdict)].compactMap { name, v in v.map { (name, $0) } }
    }

    /// d/2, the BIC's λ.
    public var halfDimension: Double { Double(parameters) / 2 }
    /// |BIC − F_n| and |WBIC − F_n| where both are known.
    public var bicError: Double? { both(bic, freeEnergy).map { abs($0 - $1) } }
    public var wbicDeviation: Double? { both(wbic, freeEnergy).map { abs($0 - $1) } }

    init(name: String, parameters: Int, sampler: String, stepSize: Double) {
        self.name = name
        self.parameters = parameters
        self.sampler = sampler
        self.stepSize = stepSize
    }

    enum CodingKeys: String, CodingKey {
        case name, parameters, halfDimension = "half_dimension", sampler, stepSize = "step_size", lambda, multiplicity
        case llc, llcError = "llc_error", temperatureLambda = "temperature_lambda", temperatureLambdaError = "temperature_lambda_error"
        case volumeLambda = "volume_lambda", volumeLambdaError = "volume_lambda_error", volumeMultiplicity = "volume_multiplicity"
        case freeEnergy = "free_energy", freeEnergyError = "free_energy_error", wbic, wbicError = "wbic_error", bic
        case bicMinusF = "bic_minus_free_energy", wbicMinusF = "wbic_minus_free_energy", curve, notes
        case llcVerdict = "llc_verdict", temperatureVerdict = "temperature_verdict", wbicVerdict = "wbic_verdict"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(parameters, forKey: .parameters)
        try c.encode(halfDimension, forKey: .halfDimension)
        try c.encode(sampler, forKey: .sampler)
        try c.encode(stepSize, forKey: .stepSize)
        try c.encodeIfPresent(lambda, forKey: .lambda)
        try c.encodeIfPresent(multiplicity, forKey: .multiplicity)
        try c.encodeIfPresent(llc, forKey: .llc)
        try c.encodeIfPresent(llcError, forKey: .llcError)
        try c.encodeIfPresent(temperatureLambda, forKey: .temperatureLambda)
        try c.encodeIfPresent(temperatureLambdaError, forKey: .temperatureLambdaError)
        try c.encodeIfPresent(volumeLambda, forKey: .volumeLambda)
        try c.encodeIfPresent(volumeLambdaError, forKey: .volumeLambdaError)
        try c.encodeIfPresent(volumeMultiplicity, forKey: .volumeMultiplicity)
        try c.encodeIfPresent(freeEnergy, forKey: .freeEnergy)
        try c.encodeIfPresent(freeEnergyError, forKey: .freeEnergyError)
        try c.encodeIfPresent(wbic, forKey: .wbic)
        try c.encodeIfPresent(wbicError, forKey: .wbicError)
        try c.encodeIfPresent(bic, forKey: .bic)
        try c.encodeIfPresent(both(bic, freeEnergy).map { $0 - $1 }, forKey: .bicMinusF)
        try c.encodeIfPresent(both(wbic, freeEnergy).map { $0 - $1 }, forKey: .wbicMinusF)
        try c.encodeIfPresent(curve, forKey: .curve)
        try c.encode(notes, forKey: .notes)
        try c.encodeIfPresent(llcVerdict, forKey: .llcVerdict)
        try c.encodeIfPresent(temperatureVerdict, forKey: .temperatureVerdict)
        try c.encodeIfPresent(wbicVerdict, forKey: .wbicVerdict)
    }
}

/// Both values when both are present.
private func both(_ a: Double?, _ b: Double?) -> (Double, Double)? {
    guard let a, let b else { return nil }
    return (a, b)
}
