import Foundation
import Models

/// A point (the truth, or w*) on, outside, or within a small margin of the
/// edge of a uniform prior's support: the analytic λ assumes a prior positive
/// around the truth, so an LLC measured there is not λ (`PriorBoundaryContact`).
/// `rlct analytic`, `model` and `llc` print it to stderr; `rlct regress`
/// refuses a fixture whose truth has one.
public struct PriorBoundaryWarning: Sendable, Hashable, CustomStringConvertible {
    /// What the point is, for the message: `the truth`, `w*`.
    public var label: String
    /// A coordinate that meets the boundary, with its parameter name.
    public struct Coordinate: Sendable, Hashable {
        public var name: String
        public var contact: PriorBoundaryContact
        public init(name: String, contact: PriorBoundaryContact) {
            self.name = name
            self.contact = contact
        }
    }

    /// The coordinates that meet the boundary, in coordinate order.
    public var contacts: [Coordinate]
    /// The margin used, as a fraction of each coordinate's box width.
    public var margin: Double

    public init(label: String, contacts: [Coordinate], margin: Double) {
        self.label = label
        self.contacts = contacts
        self.margin = margin
    }

    /// The worst position among the contacts (outside, then on, then near).
    public var position: PriorBoundaryContact.Position {
        let positions = contacts.map(\.contact.position)
        if positions.contains(.outside) { return .outside }
        if positions.contains(.on) { return .on }
        return .near
    }

    /// The first coordinate of the worst position, as `W1[0,0] = 1`.
    public var firstCoordinate: String {
        let c = contacts.first { $0.contact.position == position } ?? contacts[0]
        return "\(c.name) = \(Self.number(c.contact.value))"
    }

    /// One line without the `warning: ` prefix, naming the first coordinate
    /// of the worst position and how many others there are.
    public var description: String {
        let c = contacts.first { $0.contact.position == position } ?? contacts[0]
        let others = contacts.count - 1
        let also = others > 0 ? " (and \(others) other coordinate\(others == 1 ? "" : "s"))" : ""
        let box = "[\(Self.number(c.contact.lower)), \(Self.number(c.contact.upper))]"
        let whereText: String
        switch position {
        case .outside: whereText = "lies outside the prior's support \(box)"
        case .on: whereText = "lies on the boundary of the prior's support \(box)"
        case .near:
            whereText = "lies \(Self.number(c.contact.distance)) from the boundary of the prior's support \(box), "
                + "within \(Self.number(margin * 100))% of its width"
        }
        return "\(label) \(c.name) = \(Self.number(c.contact.value))\(also) \(whereText); "
            + "the analytic λ assumes a prior positive around the truth, so the LLC there is not λ"
    }

    /// Four significant digits, with a true minus sign.
    static func number(_ x: Double) -> String {
        String(format: "%.4g", x).replacingOccurrences(of: "-", with: "−")
    }
}

extension Experiment {
    /// The boundary warning for `point` (default: the truth; nil when there
    /// is no truth, the prior has no boundary, or the point is inside with margin).
    public func priorBoundaryWarning(at point: [Double]? = nil, label: String = "the truth",
                                     margin: Double = Prior.boundaryMargin) -> PriorBoundaryWarning? {
        guard let w = point ?? truth else { return nil }
        let contacts = prior.boundaryContacts(of: w, margin: margin)
        guard !contacts.isEmpty else { return nil }
        let names = model.parameterNames
        return PriorBoundaryWarning(label: label, contacts: contacts.map { c in
            PriorBoundaryWarning.Coordinate(name: c.coordinate < names.count ? names[c.coordinate] : "w[\(c.coordinate)]", contact: c)
        }, margin: margin)
    }

    /// The boundary warning for a point given by parameter name (names left out are 0, as for `--at`).
    public func priorBoundaryWarning(at named: [String: Double], label: String, margin: Double = Prior.boundaryMargin) -> PriorBoundaryWarning? {
        priorBoundaryWarning(at: model.parameterNames.map { named[$0] ?? 0 }, label: label, margin: margin)
    }
}
