import ArgumentParser

/// Points separated by `;`, coordinates by `,` (`-1.6;1.6` or `0.01,1;0.5,0.5`).
struct PointList: ExpressibleByArgument, CustomStringConvertible, Sendable, Equatable {
    var points: [[Double]]

    init(_ points: [[Double]]) { self.points = points }

    init(parsing text: String) throws {
        points = try ArgumentText.items(text, separator: ";").enumerated().map { i, point in
            try ArgumentText.items(point, separator: ",").map { c in
                guard let v = ArgumentText.number(c) else {
                    throw ValidationError("point \(i + 1): '\(c)' is not a number (points separated by ';', coordinates by ',')")
                }
                return v
            }
        }
    }

    init?(argument: String) { try? self.init(parsing: argument) }

    var description: String { points.map { $0.map { "\($0)" }.joined(separator: ",") }.joined(separator: ";") }
    var defaultValueDescription: String { description }
}
