extension NewtonPolyhedron {
    /// A facet u·α ≥ c of P: u ≥ 0 a primitive integer normal, c = min over the exponents of u·α.
    struct Facet: Sendable, Hashable, Comparable {
        var normal: [Int]
        var offset: Int
        static func < (a: Facet, b: Facet) -> Bool {
            a.normal != b.normal ? a.normal.lexicographicallyPrecedes(b.normal) : a.offset < b.offset
        }
    }

    /// A fixed-size set of small integers.
    struct Bits: Sendable, Hashable {
        var words: [UInt64]
        init(count: Int) { words = [UInt64](repeating: 0, count: (count + 63) / 64) }
        init(count: Int, all: Bool) {
            self.init(count: count)
            guard all else { return }
            for k in words.indices { words[k] = ~0 }
            if count % 64 != 0 { words[words.count - 1] = (1 << UInt64(count % 64)) - 1 }
        }
        mutating func insert(_ i: Int) { words[i >> 6] |= 1 << UInt64(i & 63) }
        mutating func remove(_ i: Int) { words[i >> 6] &= ~(1 << UInt64(i & 63)) }
        func contains(_ i: Int) -> Bool { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }
        var isEmpty: Bool { words.allSatisfy { $0 == 0 } }
        var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }
        /// |self ∩ o|, without building it.
        func intersectionCount(_ o: Bits) -> Int {
            var n = 0
            var k = 0
            while k < words.count { n &+= (words[k] & o.words[k]).nonzeroBitCount; k += 1 }
            return n
        }
        func intersection(_ o: Bits) -> Bits {
            var r = self
            for k in r.words.indices { r.words[k] &= o.words[k] }
            return r
        }
        mutating func formIntersection(_ o: Bits) { for k in words.indices { words[k] &= o.words[k] } }
        mutating func formUnion(_ o: Bits) { for k in words.indices { words[k] |= o.words[k] } }
        func isSubset(of o: Bits) -> Bool {
            for k in words.indices where words[k] & ~o.words[k] != 0 { return false }
            return true
        }
        /// Members in increasing order.
        var members: [Int] {
            var out: [Int] = []
            for (k, w) in words.enumerated() where w != 0 {
                var x = w
                while x != 0 {
                    out.append(k * 64 + x.trailingZeroBitCount)
                    x &= x - 1
                }
            }
            return out
        }
    }

    /// The exact geometry of P = conv A + R^d_+ for exponent vectors A ⊂ Z^d_{≥0}.
    ///
    /// The facets come from the double description method (Motzkin et al. 1953;
    /// Fukuda & Prodon 1996): they are the extreme rays (u, c) ≠ (0, ·) of the
    /// cone {(u, c) : u ≥ 0, u·α ≥ c for all α ∈ A}, built by adding one
    /// inequality at a time, with new rays only from adjacent pairs
    /// (combinatorial adjacency test). Only the componentwise-minimal exponents
    /// enter (a dominated α ≥ β gives a redundant inequality). Faces are then
    /// intersections of facets: the face of a set S is the intersection of the
    /// facets containing S, compact iff those facets' normals together have
    /// every coordinate positive somewhere (then their sum is a positive normal
    /// in the relative interior of the face's normal cone), of dimension d minus
    /// the rank of those normals. All arithmetic is overflow-checked integers.
    struct Geometry: Sendable, Hashable {
        /// Exact arithmetic left 64 bits, or (`isTooLarge`) the rays outgrew `NewtonPolyhedron.maximumRays`.
        struct Overflow: Error { var isTooLarge = false }

        let points: [[Int]]
        let d: Int
        let facets: [Facet]
        /// For each facet, the points on it.
        let onFacet: [Bits]
        /// For each point, the facets through it.
        let facetsThrough: [Bits]
        /// For each facet, the coordinates where its normal is positive.
        let support: [Bits]

        init(points: [[Int]]) throws(Overflow) {
            self.points = points
            d = points[0].count
            let minimal = Geometry.minimalIndices(points)
            facets = try Geometry.facets(of: minimal.map { points[$0] }, d: d)
            var on: [Bits] = []
            var through = [Bits](repeating: Bits(count: facets.count), count: points.count)
            var supp: [Bits] = []
            for (f, facet) in facets.enumerated() {
                var b = Bits(count: points.count)
                for (i, a) in points.enumerated() where try Geometry.dot(facet.normal, a) == facet.offset {
                    b.insert(i)
                    through[i].insert(f)
                }
                on.append(b)
                var s = Bits(count: d)
                for j in 0..<d where facet.normal[j] > 0 { s.insert(j) }
                supp.append(s)
            }
            onFacet = on
            facetsThrough = through
            support = supp
        }

        /// The points on every facet of `set` (the face they define), or all points if `set` is empty.
        func points(onAll set: Bits) -> Bits {
            var r = Bits(count: points.count, all: true)
            for f in set.members { r.formIntersection(onFacet[f]) }
            return r
        }

        /// Whether the facets' normals together are positive in every coordinate.
        func coversAllCoordinates(_ set: Bits) -> Bool {
            var s = Bits(count: d)
            for f in set.members { s.formUnion(support[f]) }
            return s.count == d
        }

        /// Indices of the exponents not ≥ another exponent componentwise, ascending.
        static func minimalIndices(_ points: [[Int]]) -> [Int] {
            let order = points.indices.sorted {
                let a = points[$0].reduce(0, +), b = points[$1].reduce(0, +)
                return a != b ? a < b : points[$0].lexicographicallyPrecedes(points[$1])
            }
            var kept: [Int] = []
            for i in order {
                let p = points[i]
                let dominated = kept.contains { k in
                    let q = points[k]
                    for j in q.indices where q[j] > p[j] { return false }
                    return true
                }
                if !dominated { kept.append(i) }
            }
            return kept.sorted()
        }

        /// The facets of conv(pts) + R^d_+ by double description, sorted.
        static func facets(of pts: [[Int]], d: Int) throws(Overflow) -> [Facet] {
            struct Ray { var v: [Int]; var zero: Bits }
            // Constraint k < d: u_k ≥ 0; constraint d + i: pts[order[i]]·u − c ≥ 0.
            let order = pts.indices.sorted {
                let a = pts[$0].reduce(0, +), b = pts[$1].reduce(0, +)
                return a != b ? a < b : pts[$0].lexicographicallyPrecedes(pts[$1])
            }
            let constraintCount = d + pts.count
            let a0 = pts[order[0]]
            var rays: [Ray] = []
            for j in 0..<d {
                var v = [Int](repeating: 0, count: d + 1)
                v[j] = 1
                v[d] = a0[j]
                var z = Bits(count: constraintCount)
                for k in 0..<d where k != j { z.insert(k) }
                z.insert(d)
                rays.append(Ray(v: v, zero: z))
            }
            var apex = [Int](repeating: 0, count: d + 1)
            apex[d] = -1
            var apexZero = Bits(count: constraintCount)
            for k in 0..<d { apexZero.insert(k) }
            rays.append(Ray(v: apex, zero: apexZero))

            for step in 1..<max(order.count, 1) {
                let a = pts[order[step]]
                let k = d + step
                var values: [Int] = []
                values.reserveCapacity(rays.count)
                for r in rays {
                    var s = 0
                    for j in 0..<d { s = try add(s, try mul(a[j], r.v[j])) }
                    values.append(try add(s, -r.v[d]))
                }
                let negatives = rays.indices.filter { values[$0] < 0 }
                if negatives.isEmpty {
                    for i in rays.indices where values[i] == 0 { rays[i].zero.insert(k) }
                    continue
                }
                let positives = rays.indices.filter { values[$0] > 0 }
                var created: [Ray] = []
                for p in positives {
                    for n in negatives {
                        guard rays[p].zero.intersectionCount(rays[n].zero) >= d - 1 else { continue }
                        var common = rays[p].zero.intersection(rays[n].zero)
                        // Algebraic adjacency test: the constraints tight at both have rank d − 1.
                        guard try hasRank(d - 1, constraints: common, pts: pts, order: order, d: d) else { continue }
                        let hp = values[p], hn = -values[n]
                        var v = [Int](repeating: 0, count: d + 1)
                        var g = 0
                        for j in 0...d {
                            v[j] = try add(try mul(hp, rays[n].v[j]), try mul(hn, rays[p].v[j]))
                            g = gcd(g, v[j])
                        }
                        if g > 1 { for j in 0...d { v[j] /= g } }
                        common.insert(k)
                        created.append(Ray(v: v, zero: common))
                        guard created.count <= NewtonPolyhedron.maximumRays else { throw Overflow(isTooLarge: true) }
                    }
                }
                var next: [Ray] = []
                for i in rays.indices where values[i] >= 0 {
                    var r = rays[i]
                    if values[i] == 0 { r.zero.insert(k) }
                    next.append(r)
                }
                rays = next + created
                guard rays.count <= NewtonPolyhedron.maximumRays else { throw Overflow(isTooLarge: true) }
            }
            var out: [Facet] = []
            for r in rays where r.v[0..<d].contains(where: { $0 != 0 }) {
                out.append(Facet(normal: Array(r.v[0..<d]), offset: r.v[d]))
            }
            return out.sorted()
        }

        /// Whether the rows of the constraints in `set` (u_k for k < d, (a, −1)
        /// for point constraint k ≥ d) reach rank `target`, by fraction-free
        /// elimination that stops as soon as they do.
        static func hasRank(_ target: Int, constraints set: Bits, pts: [[Int]], order: [Int], d: Int) throws(Overflow) -> Bool {
            if target <= 0 { return true }
            var basis: [(pivot: Int, row: [Int])] = []
            for k in set.members {
                var row = [Int](repeating: 0, count: d + 1)
                if k < d { row[k] = 1 } else {
                    let a = pts[order[k - d]]
                    for j in 0..<d { row[j] = a[j] }
                    row[d] = -1
                }
                for (pivot, b) in basis where row[pivot] != 0 {
                    let f = row[pivot], g0 = b[pivot]
                    var g = 0
                    for j in 0...d {
                        row[j] = try sub(try mul(row[j], g0), try mul(f, b[j]))
                        g = gcd(g, row[j])
                    }
                    if g > 1 { for j in 0...d { row[j] /= g } }
                }
                guard let pivot = row.firstIndex(where: { $0 != 0 }) else { continue }
                basis.append((pivot, row))
                if basis.count >= target { return true }
            }
            return false
        }

        /// Where the ray t·w first meets P: t = max over facets of c/(u·w) (the
        /// ray is in P iff every facet inequality holds); the face hit is the
        /// intersection of the facets tight at t·w.
        func diagonalHit(weights w: [Int]) throws(Overflow) -> DiagonalHit {
            var t = Rational.zero
            for f in facets {
                let c = Rational(f.offset, try Geometry.dot(f.normal, w))
                if c > t { t = c }
            }
            var tight = Bits(count: facets.count)
            for (k, f) in facets.enumerated() {
                // Tight iff t·(u·w) = c.
                let uw = try Geometry.dot(f.normal, w)
                if try Geometry.mul(t.numerator, uw) == (try Geometry.mul(f.offset, t.denominator)) { tight.insert(k) }
            }
            var p: [Rational] = []
            for wi in w { p.append(try Geometry.checked { () throws(RationalSimplex.Overflow) in try t.times(Rational(wi)) }) }
            let members = tight.members
            let rank = try Geometry.rank(members.map { facets[$0].normal })
            return DiagonalHit(t: t, point: p, termIndices: points(onAll: tight).members,
                               normal: try normal(of: tight), codimension: rank,
                               isCompact: coversAllCoordinates(tight))
        }

        /// The primitive sum of the facets' normals.
        func normal(of set: Bits) throws(Overflow) -> [Int] {
            var u = [Int](repeating: 0, count: d)
            for f in set.members { for j in 0..<d { u[j] = try Geometry.add(u[j], facets[f].normal[j]) } }
            var g = 0
            for x in u { g = Geometry.gcd(g, x) }
            return g > 1 ? u.map { $0 / g } : u
        }

        /// The rank of integer vectors, by exact fraction-free elimination.
        static func rank(_ vectors: [[Int]]) throws(Overflow) -> Int {
            var rows = vectors
            guard let width = rows.first?.count else { return 0 }
            var rank = 0
            for column in 0..<width {
                guard let pivot = (rank..<rows.count).first(where: { rows[$0][column] != 0 }) else { continue }
                rows.swapAt(rank, pivot)
                let pr = rows[rank]
                for i in (rank + 1)..<rows.count where rows[i][column] != 0 {
                    let f = rows[i][column]
                    var g = 0
                    for j in 0..<width {
                        rows[i][j] = try sub(try mul(rows[i][j], pr[column]), try mul(f, pr[j]))
                        g = gcd(g, rows[i][j])
                    }
                    if g > 1 { for j in 0..<width { rows[i][j] /= g } }
                }
                rank += 1
            }
            return rank
        }

        static func checked<T>(_ body: () throws(RationalSimplex.Overflow) -> T) throws(Overflow) -> T {
            do { return try body() } catch { throw Overflow() }
        }
        static func dot(_ a: [Int], _ b: [Int]) throws(Overflow) -> Int {
            var s = 0
            for j in a.indices { s = try add(s, try mul(a[j], b[j])) }
            return s
        }
        static func mul(_ a: Int, _ b: Int) throws(Overflow) -> Int {
            let (v, o) = a.multipliedReportingOverflow(by: b)
            if o { throw Overflow() }
            return v
        }
        static func add(_ a: Int, _ b: Int) throws(Overflow) -> Int {
            let (v, o) = a.addingReportingOverflow(b)
            if o { throw Overflow() }
            return v
        }
        static func sub(_ a: Int, _ b: Int) throws(Overflow) -> Int {
            let (v, o) = a.subtractingReportingOverflow(b)
            if o { throw Overflow() }
            return v
        }
        static func gcd(_ a: Int, _ b: Int) -> Int {
            var x = a.magnitude, y = b.magnitude
            while y != 0 { (x, y) = (y, x % y) }
            return Int(x)
        }
    }
}
