extension Experiment {
    /// The model's name for a figure's title: the spec's `name`, else the
    /// polynomial as it was written (`K = …`, `Q = …`) when short, else the
    /// model kind with its widths and dimension. Never the expanded polynomial
    /// (`summary` spells K out in full, with its expanded decimal coefficients).
    public var shortName: String {
        let limit = 40
        if let name = spec.name?.trimmingWhitespace, !name.isEmpty, name.count <= limit { return name }
        let d = model.dimension
        switch spec.model {
        case .potential(let k, _, _):
            let text = k.collapsingWhitespace
            return text.count <= limit ? "K = \(text)" : "potential (d = \(d))"
        case .polynomialRegression(let q, _, _):
            let text = q.collapsingWhitespace
            return text.count <= limit ? "Q = \(text)" : "regression on Q (d = \(d))"
        case .deepLinearNetwork(let widths, _):
            return "deep linear network \(widths.map(String.init).joined(separator: "-")) (d = \(d))"
        case .reluNetwork(let widths, _, _):
            return "ReLU network \(widths.map(String.init).joined(separator: "-")) (d = \(d))"
        case .mlp(let widths, _, _, _, _):
            return "MLP \(widths.map(String.init).joined(separator: "-")) (d = \(d))"
        default:
            return "\(spec.model.kind) (d = \(d))"
        }
    }
}

private extension String {
    var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    var collapsingWhitespace: String {
        split(whereSeparator: \.isWhitespace).joined(separator: "")
    }
}
