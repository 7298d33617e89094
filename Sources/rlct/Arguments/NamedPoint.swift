import ArgumentParser

/// A point by parameter name: `w1=0,w2=1`, or with the names `rlct model`
/// prints (`W1[0,0]=0.5,b=1`: commas inside brackets belong to the name).
struct NamedPoint: ExpressibleByArgument, CustomStringConvertible, Sendable, Equatable {
    /// The coordinates in the order given.
    var coordinates: [(name: String, value: Double)]

    static func == (a: NamedPoint, b: NamedPoint) -> Bool {
        a.coordinates.map(\.name) == b.coordinates.map(\.name) && a.coordinates.map(\.value) == b.coordinates.map(\.value)
    }

    /// Throws naming the item that is not `name=number`, or a name given twice.
    init(parsing text: String) throws {
        coordinates = []
        var seen = Set<String>()
        for (i, item) in ArgumentText.items(text, separator: ",").enumerated() {
            let parts = item.split(separator: "=", omittingEmptySubsequences: false)
            let name = parts.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard parts.count == 2, !name.isEmpty, let value = ArgumentText.number(String(parts[1])) else {
                throw ValidationError("item \(i + 1) '\(item)' is not of the form name=number (e.g. w1=0,w2=1)")
            }
            guard seen.insert(name).inserted else {
                throw ValidationError("item \(i + 1) gives \(name) a second time")
            }
            coordinates.append((name, value))
        }
    }

    init?(argument: String) { try? self.init(parsing: argument) }

    /// name → value.
    var values: [String: Double] {
        Dictionary(coordinates.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    var description: String { coordinates.map { "\($0.name)=\($0.value)" }.joined(separator: ",") }
}
