import Foundation
import PlannerCore

/// Honoraria as a sheet for the finance system: one row per payment (a person paid in a role for a
/// session), with the tax withheld, and totals. Built by the caller from computed payments and the
/// roster; writers never see events or the store.
///
/// Resident numbers are masked (`711231-1******`) unless the sheet is made for a withholding-tax
/// statement; accounts are masked (`*******1234`) unless made for the transfer itself.
public struct PaymentSheet: Sendable, Equatable {
    /// One payment: `PaymentLine` (in PlannerCore, so that the store can build the lines it knows).
    public typealias Row = PaymentLine

    public var program: String
    public var year: Int
    /// The payment batch (지급 결의) number, status and cut-off day, when the sheet is a batch.
    public var batch: Int?
    public var status: String?
    public var through: String?
    public var rows: [Row]

    public init(program: String, year: Int, batch: Int? = nil, status: String? = nil, through: String? = nil, rows: [Row]) {
        self.program = program
        self.year = year
        self.batch = batch
        self.status = status
        self.through = through
        self.rows = rows
    }

    public var totals: (gross: Won, incomeTax: Won, localTax: Won, net: Won) {
        (rows.map(\.gross).checkedSum() ?? .zero, rows.map(\.incomeTax).checkedSum() ?? .zero,
         rows.map(\.localTax).checkedSum() ?? .zero, rows.map(\.net).checkedSum() ?? .zero)
    }

    /// The columns, English (camelCase, the XML element names) and Korean.
    public static let columns: [(name: String, korean: String, isNumber: Bool)] = [
        ("number", "번호", true), ("person", "성명", false), ("residentNumber", "주민등록번호", false), ("incomeType", "소득구분", false),
        ("session", "회차", false), ("sessionTitle", "내용", false), ("date", "일자", false), ("role", "지급구분", false),
        ("gross", "지급액", true), ("incomeTax", "소득세", true), ("localTax", "지방소득세", true), ("net", "실지급액", true),
        ("bank", "은행", false), ("account", "계좌번호", false),
    ]

    static func cells(_ row: Row, korean: Bool) -> [String] {
        [String(row.number), row.person, row.residentNumber, korean ? row.incomeType.korean : row.incomeType.rawValue,
         row.session, row.sessionTitle, row.date, korean ? row.role.korean : row.role.rawValue,
         String(row.gross.value), String(row.incomeTax.value), String(row.localTax.value), String(row.net.value), row.bank, row.account]
    }

    /// RFC 4180 CSV, UTF-8 with a byte-order mark, Korean or English headers, and a closing 합계 row.
    public func csv(english: Bool = false) -> Data {
        let header = Self.columns.map { english ? $0.name : $0.korean }
        var rows = self.rows.map { Self.cells($0, korean: !english) }
        let t = totals
        rows.append([english ? "total" : "합계", "", "", "", "", "", "", "", String(t.gross.value), String(t.incomeTax.value),
                     String(t.localTax.value), String(t.net.value), "", ""])
        let numbers = Set(Self.columns.enumerated().filter { $0.element.isNumber }.map(\.offset))
        return Data(CSVFormat.document(header: header, rows: rows, numberColumns: numbers, byteOrderMark: true).utf8)
    }

    public static let namespace = "urn:planner:payments:1"

    /// The schema of the XML form, shipped as `payments.xsd`.
    public static var schemaURL: URL? { Bundle.module.url(forResource: "payments", withExtension: "xsd") }

    /// Writes the XML form to `path` and validates it against `payments.xsd`; throws the line-numbered
    /// problems when it doesn't match (the file is left for the caller to remove). Text is escaped by
    /// libxml2; characters XML 1.0 can't carry (C0 controls but tab, LF and CR; U+FFFE, U+FFFF) are
    /// dropped, as in every XML the planner writes (`XMLStreamWriter`), while the CSV keeps them.
    public func writeXML(to path: String) throws {
        let writer = try XMLStreamWriter(path: path)
        try writer.startDocument()
        try writer.startElement("payments")
        try writer.attribute("xmlns", Self.namespace)
        try writer.attribute("program", program)
        try writer.attribute("year", String(year))
        if let batch { try writer.attribute("batch", String(batch)) }
        if let status { try writer.attribute("status", status) }
        if let through { try writer.attribute("through", through) }
        for row in rows {
            try writer.startElement("payment")
            for (column, value) in zip(Self.columns, Self.cells(row, korean: false)) {
                if ["gross", "incomeTax", "localTax", "net"].contains(column.name) {
                    try writer.element(column.name, value, attribute: (name: "currency", value: "KRW"))
                } else {
                    try writer.element(column.name, value)
                }
            }
            try writer.endElement()
        }
        let t = totals
        try writer.startElement("totals")
        for (name, amount) in [("gross", t.gross), ("incomeTax", t.incomeTax), ("localTax", t.localTax), ("net", t.net)] {
            try writer.element(name, String(amount.value), attributes: [("currency", "KRW")])
        }
        try writer.endElement()
        try writer.endElement()
        try writer.finish()
        guard let schema = Self.schemaURL else { throw SheetXMLError.schemaUnavailable(XMLProblem(line: nil, message: "payments.xsd is missing")) }
        let problems = try XMLSchemaValidator(path: schema.path).problems(inFile: path)
        if !problems.isEmpty { throw SheetXMLError.invalid(problems) }
    }
}
