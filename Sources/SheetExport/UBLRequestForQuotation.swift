import PlannerCore

/// OASIS UBL 2.4 `RequestForQuotation` documents: one per procurement package, asking vendors to quote
/// for the package's rows. The document is valid against the official schema
/// (`maindoc/UBL-RequestForQuotation-2.4.xsd`), element order included.
///
/// What goes where:
/// - `cbc:ID` is `<program year>-<package id>` (`2017-P001`); `cbc:IssueDate` is the date given by the
///   caller; `cbc:IssueTime`, which UBL requires, is always `00:00:00+09:00` because a plan has no time of
///   day and the same plan must give the same bytes. `cbc:SubmissionDueDate`, the day quotations are due,
///   is given by the caller or is the issue day + ``defaultSubmissionDays``.
/// - `cbc:Note`s: the program, then the package with its suggested contract method, 추정가격, VAT and
///   budgeted amount.
/// - `cac:SellerSupplierParty` is required by UBL but no vendor is known when quotations are requested:
///   its party is named ``supplierPlaceholder``.
/// - `cac:BuyerCustomerParty` is the contracting authority (`sheet.authority`), identified by its 기관코드
///   (`cac:PartyIdentification/cbc:ID schemeName="행정표준코드"`) when the plan gives one, with a contact
///   holding the responsible officer's name and the division. Phone numbers are never written.
/// - `cac:Delivery/cac:RequestedDeliveryPeriod`: `cbc:StartDate` and `cbc:EndDate` of the planned period
///   when it reads as days (`2017.01~2017.12` is 2017-01-01 to 2017-12-31), and the period as the plan
///   writes it in `cbc:Description`.
/// - One `cac:RequestForQuotationLine` per row, in row order, with one `cac:LineItem`: the row number as
///   `cbc:ID`; a note naming the event, budget class, item and unit word; `cbc:Quantity` with its
///   UN/ECE Rec. 20 `unitCode`; then the amounts in won as plain integers, each with `currencyID="KRW"`.
///
/// Amounts follow UBL's definitions, which say whether tax is included: `cbc:LineExtensionAmount` is
/// "net of taxes", so it carries the row's 추정가격 (amount − ⌊amount / 11⌋, VAT excluded);
/// `cbc:TaxInclusiveLineExtensionAmount` carries the amount as budgeted (VAT included) and
/// `cbc:TotalTaxAmount` the row's VAT. Over a document they add up to the package's `estimatedPrice`,
/// `amount` and `vat`. Prices are never rounded (see ``quote(_:)``): `cbc:PriceAmount` × `cbc:Quantity` is
/// `cbc:LineExtensionAmount` and `cbc:TaxInclusivePriceAmount` × `cbc:Quantity` is the amount with VAT.
///
/// ```swift
/// for package in sheet.packages {
///     try UBLRequestForQuotation.write(sheet, package: package, issueDate: date,
///                                      to: directory + "/" + UBLRequestForQuotation.fileName(for: package))
/// }
/// ```
public enum UBLRequestForQuotation {
    public static let namespace = "urn:oasis:names:specification:ubl:schema:xsd:RequestForQuotation-2"
    public static let aggregateNamespace = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
    public static let basicNamespace = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
    /// The name of the supplier party UBL requires before any vendor is known.
    public static let supplierPlaceholder = "견적 요청 대상 (미정)"
    /// `cbc:IssueTime`, fixed: midnight, Korea Standard Time.
    public static let issueTime = "00:00:00+09:00"
    public static let currency = "KRW"
    /// Days from the issue day to the submission due day when the caller gives none.
    public static let defaultSubmissionDays = 7
    /// `schemeName` of the buyer's `cac:PartyIdentification/cbc:ID`.
    public static let authorityScheme = "행정표준코드"

    /// A row as quoted: the quantity, unit and prices of its `cac:LineItem`.
    public struct QuotedLine: Sendable, Equatable {
        public var quantity: Int64
        public var unitCode: String
        /// Net of VAT, in won: `priceAmount × quantity == lineExtensionAmount`.
        public var priceAmount: Won
        /// With VAT, in won: `taxInclusivePriceAmount × quantity == taxInclusiveLineExtensionAmount`.
        public var taxInclusivePriceAmount: Won
        /// The row's 추정가격.
        public var lineExtensionAmount: Won
        /// The row's amount as budgeted.
        public var taxInclusiveLineExtensionAmount: Won
        /// The row's VAT.
        public var totalTaxAmount: Won
        /// Whether the row's quantity was replaced by one lump sum (`1 식`) because its amounts don't
        /// divide by it.
        public var isLumpSum: Bool
    }

    /// How a row is priced, so that every price is exact and the lines add up to the package.
    ///
    /// The line's amounts are the row's: 추정가격 (net), amount as budgeted (with VAT) and VAT, the same
    /// figures as the CSV and XML sheets. When both the net amount and the amount with VAT divide
    /// exactly by the row's quantity, the line keeps the quantity and unit and its prices are those
    /// amounts ÷ quantity. Otherwise the line is one lump sum (quantity 1, unit `LS`, 1식) priced at the
    /// amounts themselves; the planned quantity stays in the line's note and the calculation in its
    /// description. No price is rounded, so `PriceAmount × Quantity = LineExtensionAmount` always.
    public static func quote(_ row: ProcurementSheet.Row) -> QuotedLine {
        let net = row.estimatedPrice.value, gross = row.amount.value, quantity = row.quantity
        if quantity > 0, net % quantity == 0, gross % quantity == 0 {
            return QuotedLine(quantity: quantity, unitCode: row.unitCode, priceAmount: Won(net / quantity),
                              taxInclusivePriceAmount: Won(gross / quantity), lineExtensionAmount: row.estimatedPrice,
                              taxInclusiveLineExtensionAmount: row.amount, totalTaxAmount: row.vat, isLumpSum: false)
        }
        return QuotedLine(quantity: 1, unitCode: "LS", priceAmount: row.estimatedPrice, taxInclusivePriceAmount: row.amount,
                          lineExtensionAmount: row.estimatedPrice, taxInclusiveLineExtensionAmount: row.amount,
                          totalTaxAmount: row.vat, isLumpSum: true)
    }

    /// Why a package can't be written as a request for quotation.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        /// UBL requires at least one line.
        case emptyPackage(String)
        /// The package names a row the sheet doesn't have.
        case unknownRow(package: String, row: Int)

        public var description: String {
            switch self {
            case .emptyPackage(let id): return "package \(id) has no rows; a request for quotation needs at least one line"
            case .unknownRow(let id, let row): return "package \(id) names row \(row), which the sheet doesn't have"
            }
        }
    }

    /// Writes the request for quotation of `package` to `path` (created or truncated).
    ///
    /// `issueDate` and `dueDate` (default: `issueDate` + ``defaultSubmissionDays``) are written as given
    /// (the document never reads the clock), so the same sheet, package and dates always give the same
    /// bytes. Throws ``Problem`` before opening the file when the package has no rows or names a row the
    /// sheet doesn't have, and ``XMLProblem`` when libxml2 can't write.
    public static func write(_ sheet: ProcurementSheet, package: ProcurementSheet.Package, issueDate: CalendarDate,
                             dueDate: CalendarDate? = nil, to path: String) throws {
        let rows = try rows(of: package, in: sheet)
        let due = dueDate ?? issueDate.addingDays(defaultSubmissionDays)
        let writer = try XMLStreamWriter(path: path)
        try writer.startDocument()
        try writer.startElement("RequestForQuotation")
        try writer.attribute("xmlns", namespace)
        try writer.attribute("xmlns:cac", aggregateNamespace)
        try writer.attribute("xmlns:cbc", basicNamespace)

        try writer.element("cbc:UBLVersionID", "2.4")
        try writer.element("cbc:ID", documentID(sheet, package: package))
        try writer.element("cbc:IssueDate", issueDate.description)
        try writer.element("cbc:IssueTime", issueTime)
        try writer.element("cbc:SubmissionDueDate", due.description)
        for note in notes(sheet, package: package, rows: rows) { try writer.element("cbc:Note", note) }
        try writer.element("cbc:PricingCurrencyCode", currency)
        try writer.element("cbc:LineCountNumeric", String(rows.count))

        try writer.startElement("cac:SellerSupplierParty")
        try writer.startElement("cac:Party")
        try writer.startElement("cac:PartyName")
        try writer.element("cbc:Name", supplierPlaceholder)
        try writer.endElement()
        try writer.endElement()
        try writer.endElement()

        try writer.startElement("cac:BuyerCustomerParty")
        try writer.startElement("cac:Party")
        if let code = sheet.authorityCode {
            try writer.startElement("cac:PartyIdentification")
            try writer.element("cbc:ID", code, attributes: [("schemeName", authorityScheme)])
            try writer.endElement()
        }
        try writer.startElement("cac:PartyName")
        try writer.element("cbc:Name", sheet.authority)
        try writer.endElement()
        let officer = rows.first.map(\.officer) ?? ""
        let division = sheet.division ?? ""
        // `ProcurementSheet` falls back to the division when the plan names no officer.
        let officerName = officer == division ? "" : officer
        if !officerName.isEmpty || !division.isEmpty {
            try writer.startElement("cac:Contact")
            if !officerName.isEmpty { try writer.element("cbc:Name", officerName) }
            if !division.isEmpty { try writer.element("cbc:Department", division) }
            try writer.endElement()
        }
        try writer.endElement()
        try writer.endElement()

        let periods = distinct(rows.map(\.period).filter { !$0.isEmpty })
        let days = rows.compactMap(\.periodDates)
        if !periods.isEmpty || !days.isEmpty {
            try writer.startElement("cac:Delivery")
            try writer.startElement("cac:RequestedDeliveryPeriod")
            if let start = days.map(\.start).min(), let end = days.map(\.end).max() {
                try writer.element("cbc:StartDate", start.description)
                try writer.element("cbc:EndDate", end.description)
            }
            for period in periods { try writer.element("cbc:Description", period) }
            try writer.endElement()
            try writer.endElement()
        }

        for row in rows { try line(row, writer: writer) }

        try writer.endElement()
        try writer.finish()
    }

    /// `rfq-P001.xml`: the file name of a package's document. Characters outside `A-Z a-z 0-9 . _ -`
    /// become `_`, and an id longer than 80 characters is cut; either way a hash of the full id
    /// (FNV-1a, 32 bits, hex) is appended, so different ids never share a file:
    /// `홍보물` → `rfq-___-9820b9b5.xml`. The name never contains a path separator.
    public static func fileName(for package: ProcurementSheet.Package) -> String {
        let id = package.id
        var safe = String(String.UnicodeScalarView(id.unicodeScalars.map { isSafe($0) ? $0 : "_" }))
        var changed = safe != id || safe.isEmpty
        if safe.unicodeScalars.count > 80 {
            safe = String(String.UnicodeScalarView(safe.unicodeScalars.prefix(80)))
            changed = true
        }
        return "rfq-" + safe + (changed ? "-" + fnv1a(id) : "") + ".xml"
    }

    /// `2017-P001`: the program year and the package id.
    public static func documentID(_ sheet: ProcurementSheet, package: ProcurementSheet.Package) -> String {
        "\(sheet.year)-\(package.id)"
    }

    // MARK: - Parts

    static func rows(of package: ProcurementSheet.Package, in sheet: ProcurementSheet) throws -> [ProcurementSheet.Row] {
        guard !package.rows.isEmpty else { throw Problem.emptyPackage(package.id) }
        return try package.rows.map { number in
            if sheet.rows.indices.contains(number - 1), sheet.rows[number - 1].number == number { return sheet.rows[number - 1] }
            guard let row = sheet.rows.first(where: { $0.number == number }) else {
                throw Problem.unknownRow(package: package.id, row: number)
            }
            return row
        }
    }

    static func notes(_ sheet: ProcurementSheet, package: ProcurementSheet.Package, rows: [ProcurementSheet.Row]) -> [String] {
        [
            "\(sheet.year)년 \(sheet.program)",
            "계약단위 \(package.id) 견적 요청: \(rows.count)개 품목, \(package.contractMethod.korean), "
                + "추정가격 \(MoneyFormat.won(package.estimatedPrice)) + 부가가치세 \(MoneyFormat.won(package.vat)) "
                + "= 예산액 \(MoneyFormat.won(package.amount))",
        ]
    }

    static func line(_ row: ProcurementSheet.Row, writer: XMLStreamWriter) throws {
        let krw = [("currencyID", currency)]
        let quoted = quote(row)
        try writer.startElement("cac:RequestForQuotationLine")
        try writer.startElement("cac:LineItem")
        try writer.element("cbc:ID", String(row.number))
        try writer.element("cbc:Note", lineNote(row, quoted: quoted))
        try writer.element("cbc:Quantity", String(quoted.quantity), attributes: [("unitCode", quoted.unitCode)])
        try writer.element("cbc:LineExtensionAmount", String(quoted.lineExtensionAmount.value), attributes: krw)
        try writer.element("cbc:TaxInclusiveLineExtensionAmount", String(quoted.taxInclusiveLineExtensionAmount.value), attributes: krw)
        try writer.element("cbc:TotalTaxAmount", String(quoted.totalTaxAmount.value), attributes: krw)
        try writer.startElement("cac:Price")
        try writer.element("cbc:PriceAmount", String(quoted.priceAmount.value), attributes: krw)
        try writer.element("cbc:TaxInclusivePriceAmount", String(quoted.taxInclusivePriceAmount.value), attributes: krw)
        try writer.endElement()
        try writer.startElement("cac:Item")
        if !row.specification.isEmpty { try writer.element("cbc:Description", row.specification) }
        try writer.element("cbc:Name", row.name)
        try writer.endElement()
        try writer.endElement()
        try writer.endElement()
    }

    /// `행사: 국제컨퍼런스 · 통계목: 201-03 행사운영비 · 세부사업: 연사초청 · 단위: 명×회`; a row quoted as one
    /// lump sum ends `단위: 1식 (계획 수량 60 건×분기)`.
    static func lineNote(_ row: ProcurementSheet.Row, quoted: QuotedLine) -> String {
        var parts: [String] = []
        if let event = row.event, !event.isEmpty { parts.append("행사: \(event)") }
        parts.append("통계목: " + [row.classCode ?? "", row.className].filter { !$0.isEmpty }.joined(separator: " "))
        parts.append("세부사업: \(row.item)")
        parts.append(quoted.isLumpSum && row.quantity != 1 ? "단위: 1식 (계획 수량 \(row.quantity) \(row.unit))" : "단위: \(row.unit)")
        return parts.joined(separator: " · ")
    }

    static func distinct(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }

    static func isSafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", ".", "_", "-": return true
        default: return false
        }
    }

    /// FNV-1a, 32 bits, over the UTF-8 bytes, as 8 lowercase hex digits.
    static func fnv1a(_ text: String) -> String {
        var hash: UInt32 = 0x811c_9dc5
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
