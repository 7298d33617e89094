import ArgumentParser

/// A comma-separated list of integers (`3,5,8`): cycle lengths, dimensions,
/// layer widths, prior exponents.
struct IntegerList: ExpressibleByArgument, CustomStringConvertible, Sendable, Equatable {
    var values: [Int]

    init(_ values: [Int]) { self.values = values }

    init(parsing text: String) throws {
        values = try ArgumentText.items(text, separator: ",").enumerated().map { i, item in
            guard let v = Int(item) else {
                throw ValidationError("expected integers separated by commas; item \(i + 1) '\(item)' is not an integer")
            }
            return v
        }
    }

    init?(argument: String) { try? self.init(parsing: argument) }

    var description: String { values.map(String.init).joined(separator: ",") }
    var defaultValueDescription: String { description }
}
