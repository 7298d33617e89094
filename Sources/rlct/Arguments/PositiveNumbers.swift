import ArgumentParser

/// A comma-separated list of positive finite numbers (`1e-5,3e-5,1e-4`):
/// step sizes, localizations, nβ and β0 values, swept settings.
struct PositiveNumbers: ExpressibleByArgument, CustomStringConvertible, Sendable, Equatable {
    var values: [Double]

    init(_ values: [Double]) { self.values = values }

    /// Throws naming the first item that is not a positive number.
    init(parsing text: String) throws {
        let items = ArgumentText.items(text, separator: ",")
        values = try items.enumerated().map { i, item in
            guard let v = ArgumentText.number(item), v > 0 else {
                throw ValidationError("expected positive numbers separated by commas; item \(i + 1) '\(item)' is not one")
            }
            return v
        }
    }

    init?(argument: String) { try? self.init(parsing: argument) }

    var description: String { values.map { "\($0)" }.joined(separator: ",") }
    var defaultValueDescription: String { description }
}
