import JSON
import Models

/// The `prior` section (default: uniform on [−1, 1]^d). Uniform bounds are a
/// number (the same for every coordinate) or an array of length d.
public enum PriorSpec: Sendable, Hashable {
    case normal(sigma: Double)
    case uniform(lower: [Double], upper: [Double])
    case flat

    /// The toolkit's default prior, uniform on [−1, 1]^d.
    public static let standard = PriorSpec.uniform(lower: [-1], upper: [1])

    init(json: JSONValue, path: String) throws {
        var r = try SpecReader(json, path: path)
        let kind = try r.required("kind") { try Read.choice($0, $1, ["uniform", "normal", "flat"]) }
        switch kind {
        case "normal":
            self = .normal(sigma: try r.required("sigma", Read.positiveNumber))
        case "uniform":
            func bounds(_ v: JSONValue, _ p: String) throws -> [Double] {
                if case .array = v { return try Read.array(v, p, Read.number) }
                return [try Read.number(v, p)]
            }
            let lower = try r.optional("lower", bounds) ?? [-1], upper = try r.optional("upper", bounds) ?? [1]
            if lower.count == upper.count || lower.count == 1 || upper.count == 1 {
                for i in 0..<max(lower.count, upper.count) {
                    let lo = lower[lower.count == 1 ? 0 : i], hi = upper[upper.count == 1 ? 0 : i]
                    guard lo < hi else {
                        let where_ = upper.count == 1 ? r.child("upper") : "\(r.child("upper"))[\(i)]"
                        throw SpecError(path: where_, "expected a bound above lower = \(lo), got \(hi)")
                    }
                }
            } else {
                throw SpecError(path: r.child("upper"), "has \(upper.count) entries but lower has \(lower.count)")
            }
            self = .uniform(lower: lower, upper: upper)
        default:
            self = .flat
        }
        try r.finish("a \(kind) prior")
    }

    /// The prior for a model of dimension d; throws with the path when
    /// array bounds do not have length d.
    public func resolve(dimension d: Int, path: String = "prior") throws -> Prior {
        switch self {
        case let .normal(sigma): return .normal(sigma: sigma)
        case .flat: return .flat
        case let .uniform(lower, upper):
            func expand(_ b: [Double], _ key: String) throws -> [Double] {
                if b.count == 1 { return Array(repeating: b[0], count: d) }
                guard b.count == d else {
                    throw SpecError(path: "\(path).\(key)", "expected a number or \(d) numbers (the model's dimension), got \(b.count)")
                }
                return b
            }
            let prior = Prior.uniform(lower: try expand(lower, "lower"), upper: try expand(upper, "upper"))
            do { try prior.validate(dimension: d) } catch { throw SpecError(path: path, "\(error)") }
            return prior
        }
    }

    var json: JSONValue {
        switch self {
        case let .normal(sigma): return ["kind": "normal", "sigma": .from(sigma)]
        case .flat: return ["kind": "flat"]
        case let .uniform(lower, upper):
            func b(_ x: [Double]) -> JSONValue { x.count == 1 ? .from(x[0]) : .array(x.map(JSONValue.from)) }
            return ["kind": "uniform", "lower": b(lower), "upper": b(upper)]
        }
    }
}
