import PlannerCore
import SheetExport

/// The calculation basis as a sheet for Excel: one row per line, amounts as plain integers.
public enum BudgetCSV {
    public static let headers = ["통계목코드", "통계목", "세부사업", "산출내역", "단가(원)", "산출식", "금액(원)", "편성액(천원)", "행사", "지급대상"]
    /// The columns of `headers` that hold plain integers (단가, 금액, 편성액): never neutralised as formulas.
    static let numberColumns: Set<Int> = [4, 6, 7]

    public static func rows(_ budget: PricedBudget) -> [[String]] {
        var rows: [[String]] = []
        for category in budget.categories {
            for item in category.items {
                let lead = [category.category.code ?? "", category.category.name, item.item.name]
                if let own = item.exactOwnAmount {
                    rows.append(lead + [item.item.name, String(own.value), MoneyFormat.won(own), String(own.value),
                                        String(budget.rounding.thousands(of: item.total)), "", "vendor"])
                }
                // Roll-up lines are written as their details, so that the rows add up to the total.
                for line in item.lines {
                    let leaves = line.details.isEmpty ? [(line.line.name, line)] : line.details.map { ("\(line.line.name) / \($0.line.name)", $0) }
                    for (name, leaf) in leaves {
                        rows.append(lead + [name, String(leaf.line.unitPrice.value), leaf.line.formula, String(leaf.exact.value),
                                            String(budget.rounding.thousands(of: leaf.budgeted)),
                                            (leaf.line.origin ?? line.line.origin)?.name ?? "", BudgetJSON.payee(leaf.line.payee)])
                    }
                }
            }
        }
        return rows
    }

    /// RFC 4180 CSV, UTF-8 with a byte-order mark so that Excel shows Korean correctly.
    public static func render(_ budget: PricedBudget) -> String {
        CSVFormat.document(header: headers, rows: rows(budget), numberColumns: numberColumns, byteOrderMark: true)
    }
}
