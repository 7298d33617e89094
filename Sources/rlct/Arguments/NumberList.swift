import ArgumentParser

/// A comma-separated list of finite numbers (`0.5,1,1.5`); a command checks
/// the range it needs.
struct NumberList: ExpressibleByArgument, CustomStringConvertible, Sendable, Equatable {
    var values: [Double]

    init(_ values: [Double]) { self.values = values }

    init(parsing text: String) throws {
        values = try ArgumentText.items(text, separator: ",").enumerated().map { i, item in
            guard let v = ArgumentText.number(item) else {
                throw ValidationError("expected numbers separated by commas; item \(i + 1) '\(item)' is not a finite number")
            }
            return v
        }
    }

    init?(argument: String) { try? self.init(parsing: argument) }

    var description: String { values.map { "\($0)" }.joined(separator: ",") }
    var defaultValueDescription: String { description }
}
