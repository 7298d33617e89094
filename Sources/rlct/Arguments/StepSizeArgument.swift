import ArgumentParser
import Experiments

/// `--step-size`: `auto` or a positive finite number.
struct StepSizeArgument: ExpressibleByArgument, Sendable, Equatable {
    var choice: StepSizeChoice

    init(parsing text: String) throws {
        if text.lowercased() == "auto" {
            choice = .auto
            return
        }
        guard let v = ArgumentText.number(text), v > 0, v.isFinite else {
            throw ValidationError("expected auto or a positive number, got '\(text)'")
        }
        choice = .fixed(v)
    }

    init?(argument: String) { try? self.init(parsing: argument) }
}
