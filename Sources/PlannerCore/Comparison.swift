/// The 예산 총괄 table: each category and the total, last year (A) against this year (B).
public struct Comparison: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// Category name, or `계` for the total row.
        public let name: String
        public let code: String?
        /// Figures of years before the previous one, in `Comparison.earlierYears` order; nil where blank.
        public let earlier: [Won?]
        /// (A), as published; nil when the previous year's page has no such figure.
        public let previous: Won?
        /// (B), computed from this plan's lines.
        public let current: Won
        /// B − A; nil without A.
        public let change: Won?
        /// (B−A)×100/A as a whole number by the plan's percent policy; nil without A or when A is 0.
        public let percent: Int64?
    }

    /// The name of the total row, as on the pages.
    public static let totalRowName = "계"

    public let earlierYears: [Int]
    /// The year of column (A), if any earlier year has figures.
    public let previousYear: Int?
    public let currentYear: Int
    /// The total row first, then the categories in plan order, then categories only last year had.
    public let rows: [Row]
    public let percentRule: RoundingRule

    /// Builds the table from what was published before and what this plan computes now.
    ///
    /// The previous total is taken as published even when its categories don't add up to it (the
    /// 2017 page's 2016 column does not); `PlanCheck` warns about that instead of "fixing" it.
    public static func build(history: [PublishedBudget], current: PricedBudget, year: Int, percent: RoundingRule) -> Comparison {
        let sorted = history.filter { $0.year < year }.sorted { $0.year < $1.year }
        let previous = sorted.last(where: \.hasFigures)
        // Columns before (A) only; an empty year after (A) has nothing to print.
        let earlier = sorted.filter { $0.year < (previous?.year ?? year) }

        func row(name: String, code: String?, current: Won, published: (PublishedBudget) -> Won?) -> Row {
            let earlierFigures = earlier.map(published)
            var previousFigure = previous.flatMap(published)
            // A category new this year had nothing last year, when last year is on the page at all.
            if previousFigure == nil, previous != nil, name != totalRowName { previousFigure = .zero }
            let change = previousFigure.flatMap { current.subtracting($0) }
            var ratio: Int64?
            if let change, let previousFigure, previousFigure.value != 0, let scaled = change.multiplied(by: 100) {
                ratio = percent.divide(scaled.value, by: previousFigure.value)
            }
            return Row(name: name, code: code, earlier: earlierFigures, previous: previousFigure, current: current, change: change, percent: ratio)
        }

        func figure(_ budget: PublishedBudget, _ name: String) -> Won? {
            budget.categories.first { $0.category == name }?.amount
        }

        var rows = [row(name: totalRowName, code: nil, current: current.total, published: \.total)]
        for category in current.categories {
            rows.append(row(name: category.category.name, code: category.category.code, current: category.total) { figure($0, category.category.name) })
        }
        // Categories that existed last year and are gone now still belong in the table, at zero.
        let currentNames = Set(current.categories.map(\.category.name))
        var dropped: [String] = []
        for budget in sorted { for f in budget.categories where !currentNames.contains(f.category) && !dropped.contains(f.category) { dropped.append(f.category) } }
        for name in dropped {
            rows.append(row(name: name, code: nil, current: .zero) { figure($0, name) })
        }
        return Comparison(earlierYears: earlier.map(\.year), previousYear: previous?.year, currentYear: year, rows: rows, percentRule: percent)
    }
}
