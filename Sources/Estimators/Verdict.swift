/// How far to trust an estimate: `ok`, `check` or `unreliable`, with the
/// reasons that set the level. The level is the worst of its reasons' levels,
/// so appending a reason can only raise it (`add(_:)`). Each reason carries a
/// stable machine code (`r_hat`, `ess_bulk`, …), its own level, a message that
/// says what to change, and where it has them the measured value and the
/// threshold it was compared with. The sampling rules are in
/// `Verdict(sampling:)`; the thresholds in `DiagnosticThresholds`.
public struct Verdict: Sendable, Codable, Equatable, CustomStringConvertible {
    /// ok < check < unreliable.
    public enum Level: String, Sendable, Codable, Comparable, CaseIterable {
        /// Every diagnostic passes.
        case ok
        /// Usable, but something should be looked at or improved (more draws, another step size).
        case check
        /// Do not use the number: the chains diverged or disagree, or too few effective draws.
        case unreliable

        private var rank: Int {
            switch self {
            case .ok: return 0
            case .check: return 1
            case .unreliable: return 2
            }
        }

        public static func < (a: Level, b: Level) -> Bool { a.rank < b.rank }
    }

    /// A reason's machine code, encoded as its string. Extensible: callers
    /// may define their own (`Verdict.Code("cross_check")`).
    public struct Code: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { rawValue = value }
        public var description: String { rawValue }

        /// R̂ above `DiagnosticThresholds.rHat` (check) or `rHatUnreliable` (unreliable), or undefined.
        public static let rHat: Code = "r_hat"
        /// Bulk ESS per chain below `DiagnosticThresholds.essPerChain` (check) or `essPerChainUnreliable`.
        public static let essBulk: Code = "ess_bulk"
        /// Tail ESS per chain below the same thresholds.
        public static let essTail: Code = "ess_tail"
        /// The Monte Carlo standard error above its target.
        public static let mcse: Code = "mcse"
        /// A chain diverged (unreliable).
        public static let divergence: Code = "divergence"
        /// No chain produced draws (unreliable).
        public static let noDraws: Code = "no_draws"
        /// Metropolis acceptance below its band: the step is too large.
        public static let acceptanceLow: Code = "acceptance_low"
        /// Metropolis acceptance above its band: inefficient, the step could be larger.
        public static let acceptanceHigh: Code = "acceptance_high"
        /// The MALA acceptance probability of SGLD/SGNHT steps below `DiagnosticThresholds.sgldAcceptance`.
        public static let sgldProbe: Code = "sgld_probe"
        /// λ̂ < 0.
        public static let negativeLLC: Code = "negative_llc"
        /// The centre w* is not a minimum of L_n.
        public static let centerNotMinimum: Code = "center_not_minimum"
        /// The truth sits on the boundary of the prior's support.
        public static let priorBoundary: Code = "prior_boundary"
        /// A known finite-n bias: multiplicity m > 1 (λ̂ ≈ λ − (m − 1)/log nβ).
        public static let multiplicityBias: Code = "multiplicity_bias"
        /// A minibatch (SGLD) bias found by a cross-check against a full-batch sampler.
        public static let minibatchBias: Code = "minibatch_bias"
    }

    /// One reason: what was found and what to do about it.
    public struct Reason: Sendable, Codable, Equatable, CustomStringConvertible {
        public var code: Code
        public var level: Level
        /// What was found and which way to change the settings.
        public var message: String
        /// The measured value (R̂, ESS per chain, MCSE, acceptance), where there is one.
        public var value: Double?
        /// The threshold it was compared with.
        public var threshold: Double?

        public init(_ code: Code, _ level: Level, _ message: String, value: Double? = nil, threshold: Double? = nil) {
            self.code = code
            self.level = level
            self.message = message
            self.value = value
            self.threshold = threshold
        }

        /// `level: message`.
        public var description: String { "\(level.rawValue): \(message)" }
    }

    /// The worst level among the reasons (`ok` without any).
    public private(set) var level: Level
    public private(set) var reasons: [Reason]

    /// A verdict from `reasons` (`ok` when there are none).
    public init(reasons: [Reason] = []) {
        level = .ok
        self.reasons = []
        for r in reasons { add(r) }
    }

    /// Appends `reason` and raises the level to its level if that is worse.
    public mutating func add(_ reason: Reason) {
        reasons.append(reason)
        level = max(level, reason.level)
    }

    /// Appends a reason built from its parts.
    public mutating func add(_ code: Code, _ level: Level, _ message: String, value: Double? = nil, threshold: Double? = nil) {
        add(Reason(code, level, message, value: value, threshold: threshold))
    }

    /// Appends every reason of `other`, each message prefixed with `context: ` when given
    /// (one verdict over several runs, e.g. the rungs of a ladder).
    public mutating func add(contentsOf other: Verdict, context: String? = nil) {
        for var r in other.reasons {
            if let context { r.message = "\(context): \(r.message)" }
            add(r)
        }
    }

    /// A copy with `reason` appended.
    public func adding(_ reason: Reason) -> Verdict {
        var copy = self
        copy.add(reason)
        return copy
    }

    /// Whether some reason has `code`.
    public func contains(_ code: Code) -> Bool { reasons.contains { $0.code == code } }

    /// `ok`, or the level and the codes: `check: r_hat, mcse`.
    public var description: String {
        reasons.isEmpty ? level.rawValue : "\(level.rawValue): " + reasons.map(\.code.rawValue).joined(separator: ", ")
    }

    /// The text form: `verdict: LEVEL`, then one indented line per reason (`level: message`).
    public func lines(label: String = "verdict") -> [String] {
        ["\(label): \(level.rawValue)"] + reasons.map { "  \($0)" }
    }
}
