import Foundation
import PlannerCore

/// A bank bulk-transfer file (대량이체) for one payment batch: one row per payee with the bank, the
/// account number in full, the holder's name and the amount to transfer (the net, after withholding),
/// and totals. It is personal data: the caller writes it only to a file readable by its owner, after
/// an audited reveal of the accounts.
public struct TransferSheet: Sendable, Equatable {
    public typealias Row = TransferLine

    public var program: String
    public var year: Int
    /// The payment batch (지급 결의) number.
    public var batch: Int
    /// The payment day the batch's withholding was computed for, `YYYY-MM-DD`, when known.
    public var payDay: String?
    public var rows: [Row]

    public init(program: String, year: Int, batch: Int, payDay: String? = nil, rows: [Row]) {
        self.program = program
        self.year = year
        self.batch = batch
        self.payDay = payDay
        self.rows = rows
    }

    /// The sum of the amounts, in won (saturating; the batch's own totals always fit).
    public var total: Won { rows.map(\.amount).checkedSum() ?? Won(.max) }

    /// The columns, English (camelCase, the XML element names) and Korean.
    public static let columns: [(name: String, korean: String, isNumber: Bool)] = [
        ("number", "번호", true), ("bank", "은행", false), ("account", "계좌번호", false), ("holder", "예금주", false),
        ("amount", "이체금액", true), ("payments", "지급건수", true),
    ]

    static func cells(_ row: Row) -> [String] {
        [String(row.number), row.bank, row.account, row.holder, String(row.amount.value), String(row.payments)]
    }

    /// RFC 4180 CSV, UTF-8 with a byte-order mark, Korean or English headers, and a closing 합계 row.
    /// The account is written as text, as stored (without hyphens or spaces).
    public func csv(english: Bool = false) -> Data {
        let header = Self.columns.map { english ? $0.name : $0.korean }
        let totalRow = [english ? "total" : "합계", "", "", "", String(total.value), String(rows.map(\.payments).reduce(0, +))]
        let numbers = Set(Self.columns.enumerated().filter { $0.element.isNumber }.map(\.offset))
        return Data(CSVFormat.document(header: header, rows: rows.map(Self.cells) + [totalRow], numberColumns: numbers, byteOrderMark: true).utf8)
    }

    public static let namespace = "urn:planner:transfers:1"

    /// The schema of the XML form, shipped as `transfers.xsd`.
    public static var schemaURL: URL? { Bundle.module.url(forResource: "transfers", withExtension: "xsd") }

    /// Writes the XML form to `path` (which the caller created readable by its owner only) and
    /// validates it against `transfers.xsd`; throws the line-numbered problems when it doesn't match.
    public func writeXML(to path: String) throws {
        let writer = try XMLStreamWriter(path: path)
        try writer.startDocument()
        try writer.startElement("transfers")
        try writer.attribute("xmlns", Self.namespace)
        try writer.attribute("program", program)
        try writer.attribute("year", String(year))
        try writer.attribute("batch", String(batch))
        if let payDay { try writer.attribute("payDay", payDay) }
        for row in rows {
            try writer.startElement("transfer")
            for (column, value) in zip(Self.columns, Self.cells(row)) {
                if column.name == "amount" {
                    try writer.element(column.name, value, attribute: (name: "currency", value: "KRW"))
                } else {
                    try writer.element(column.name, value)
                }
            }
            try writer.endElement()
        }
        try writer.startElement("totals")
        try writer.element("count", String(rows.count))
        try writer.element("amount", String(total.value), attributes: [("currency", "KRW")])
        try writer.endElement()
        try writer.endElement()
        try writer.finish()
        guard let schema = Self.schemaURL else { throw SheetXMLError.schemaUnavailable(XMLProblem(line: nil, message: "transfers.xsd is missing")) }
        let problems = try XMLSchemaValidator(path: schema.path).problems(inFile: path)
        if !problems.isEmpty { throw SheetXMLError.invalid(problems) }
    }
}
