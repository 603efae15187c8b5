/// The `limit` smallest of many values offered one by one, smallest first, without sorting
/// them all: a screenful of a million-account book is ranked in one pass.
struct TopRanks<Element> {
    let limit: Int
    let less: (Element, Element) -> Bool
    /// Smallest first; at most `limit`.
    private(set) var ranked: [Element] = []

    init(limit: Int, by less: @escaping (Element, Element) -> Bool) {
        self.limit = limit
        self.less = less
        ranked.reserveCapacity(limit + 1)
    }

    mutating func offer(_ element: Element) {
        guard limit > 0 else { return }
        if ranked.count == limit {
            guard less(element, ranked[limit - 1]) else { return }
            ranked.removeLast()
        }
        // The first place whose element is not smaller than the new one.
        var low = 0, high = ranked.count
        while low < high {
            let mid = (low + high) / 2
            if less(ranked[mid], element) { low = mid + 1 } else { high = mid }
        }
        ranked.insert(element, at: low)
    }
}
