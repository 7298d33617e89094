import ArgumentParser

/// `LOW,HIGH` with LOW < HIGH (`-1,1`): an initial box or a window.
struct Interval: ExpressibleByArgument, CustomStringConvertible, Sendable, Equatable {
    var lower: Double
    var upper: Double

    init(_ lower: Double, _ upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    init(parsing text: String) throws {
        let items = ArgumentText.items(text, separator: ",")
        guard items.count == 2, let a = ArgumentText.number(items[0]), let b = ArgumentText.number(items[1]), a < b else {
            throw ValidationError("expected LOW,HIGH with LOW < HIGH, got '\(text)'")
        }
        self.init(a, b)
    }

    init?(argument: String) { try? self.init(parsing: argument) }

    var description: String { "\(lower),\(upper)" }
    var defaultValueDescription: String { description }
}
