import Models
import Testing

/// `Prior.boundaryContacts(of:margin:)`: which coordinates of a point lie on,
/// outside, or within the margin (a fraction of the box width) of a uniform
/// prior's bounds.
@Suite struct PriorBoundaryTests {
    @Test func interiorPointHasNoContacts() {
        let prior = Prior.standard(dimension: 3)
        #expect(prior.boundaryContacts(of: [0, 0.5, -0.5]).isEmpty)
        #expect(!prior.isNearBoundary([0, 0.5, -0.5]))
    }

    @Test func onNearAndOutsideAreTold() {
        let prior = Prior.standard(dimension: 4)
        // Default margin 5 % of the width 2: 0.1.
        let contacts = prior.boundaryContacts(of: [1, -0.95, 0.85, -1.5])
        #expect(contacts.map(\.coordinate) == [0, 1, 3])
        #expect(contacts.map(\.position) == [.on, .near, .outside])
        #expect(abs(contacts[1].distance - 0.05) < 1e-12)
        #expect(contacts[2].distance == -0.5)
        #expect(prior.isNearBoundary([0, 0, 0, -1]))
    }

    @Test func marginIsRelativeToEachCoordinatesWidth() {
        let prior = Prior.uniform(lower: [0, -10], upper: [1, 10])
        // Margins 0.05·1 = 0.05 and 0.05·20 = 1: 0.08 from a bound is inside on the first, 0.8 is near on the second.
        #expect(prior.boundaryContacts(of: [0.08, 9.2]).map(\.coordinate) == [1])
        #expect(prior.boundaryContacts(of: [0.04, 0]).map(\.coordinate) == [0])
        #expect(prior.boundaryContacts(of: [0.2, 0], margin: 0.25).map(\.coordinate) == [0])
        #expect(prior.boundaryContacts(of: [0.5, 0], margin: 0).isEmpty)
        #expect(prior.boundaryContacts(of: [1, 0], margin: 0).map(\.position) == [.on])
    }

    @Test func normalAndFlatPriorsHaveNoBoundary() {
        #expect(Prior.normal(sigma: 1).boundaryContacts(of: [1e6, -1e6]).isEmpty)
        #expect(Prior.flat.boundaryContacts(of: [1]).isEmpty)
    }

    @Test func notANumberCountsAsOutside() {
        #expect(Prior.standard(dimension: 1).boundaryContacts(of: [.nan]).map(\.position) == [.outside])
    }

    /// The default rank truths of the linear models lie inside the default prior with margin.
    @Test func defaultRankTruthsAreInsideTheDefaultPrior() throws {
        let rrr = try ReducedRankRegression(inputs: 3, outputs: 2, hidden: 2)
        let dln = try DeepLinearNetwork(widths: [4, 2, 4, 4])
        let lin = try LinearRegression(inputs: 3, outputs: 2)
        for (d, w) in [(rrr.dimension, try rrr.truth(rank: 2)), (dln.dimension, try dln.truth(rank: 2)), (lin.dimension, try lin.truth(rank: 2))] {
            #expect(w.contains(0.5))
            #expect(Prior.standard(dimension: d).boundaryContacts(of: w).isEmpty)
        }
        #expect(Prior.standard(dimension: rrr.dimension).boundaryContacts(of: try rrr.truth(rank: 1, diagonal: 1)).count == 2)
    }
}
