import PlannerCore

/// OASIS UBL 2.4 `RequestForQuotation` documents: one per procurement package, asking vendors to quote
/// for the package's rows. The document is valid against the official schema
/// (`maindoc/UBL-RequestForQuotation-2.4.xsd`), element order included.
///
/// What goes where:
/// - `cbc:ID` is `<program year>-<package id>` (`2017-P001`); `cbc:IssueDate` is the date given by the
///   caller; `cbc:IssueTime`, which UBL requires, is always `00:00:00+09:00` because a plan has no time of
///   day and the same plan must give the same bytes.
/// - `cbc:Note`s: the program, then the package with its suggested contract method, 추정가격, VAT and
///   budgeted amount.
/// - `cac:SellerSupplierParty` is required by UBL but no vendor is known when quotations are requested:
///   its party is named ``supplierPlaceholder``.
/// - `cac:BuyerCustomerParty` is the contracting authority (`sheet.authority`) with a contact holding the
///   responsible officer's name and the division. Phone numbers are never written.
/// - `cac:Delivery/cac:RequestedDeliveryPeriod/cbc:Description` is the planned period as the plan writes it.
/// - One `cac:RequestForQuotationLine` per row, in row order, with one `cac:LineItem`: the row number as
///   `cbc:ID`; a note naming the event, budget class, item and unit word; `cbc:Quantity` with the row's
///   UN/ECE Rec. 20 `unitCode`; then the amounts in won as plain integers, each with `currencyID="KRW"`.
///
/// Amounts follow UBL's definitions, which say whether tax is included: `cbc:LineExtensionAmount` is
/// "net of taxes", so it carries the row's 추정가격 (VAT excluded); `cbc:TaxInclusiveLineExtensionAmount`
/// carries the amount as budgeted (VAT included) and `cbc:TotalTaxAmount` the row's VAT. Over a document they
/// add up to the package's `estimatedPrice`, `amount` and `vat`. In `cac:Price`, `cbc:TaxInclusivePriceAmount`
/// is the budget's unit price (VAT included) and `cbc:PriceAmount` that price less ⌊price / 11⌋, the same
/// VAT rule as the amounts (quantity × price can differ from the line amount, which the plan rounds to 천원).
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
    /// `issueDate` is written as given (the document never reads the clock), so the same sheet, package
    /// and date always give the same bytes. Throws ``Problem`` before opening the file when the package
    /// has no rows or names a row the sheet doesn't have, and ``XMLProblem`` when libxml2 can't write.
    public static func write(_ sheet: ProcurementSheet, package: ProcurementSheet.Package, issueDate: CalendarDate, to path: String) throws {
        let rows = try rows(of: package, in: sheet)
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
        if !periods.isEmpty {
            try writer.startElement("cac:Delivery")
            try writer.startElement("cac:RequestedDeliveryPeriod")
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
        try writer.startElement("cac:RequestForQuotationLine")
        try writer.startElement("cac:LineItem")
        try writer.element("cbc:ID", String(row.number))
        try writer.element("cbc:Note", lineNote(row))
        try writer.element("cbc:Quantity", String(row.quantity), attributes: [("unitCode", row.unitCode)])
        try writer.element("cbc:LineExtensionAmount", String(row.estimatedPrice.value), attributes: krw)
        try writer.element("cbc:TaxInclusiveLineExtensionAmount", String(row.amount.value), attributes: krw)
        try writer.element("cbc:TotalTaxAmount", String(row.vat.value), attributes: krw)
        try writer.startElement("cac:Price")
        try writer.element("cbc:PriceAmount", String(VAT.estimatedPrice(row.unitPrice).value), attributes: krw)
        try writer.element("cbc:TaxInclusivePriceAmount", String(row.unitPrice.value), attributes: krw)
        try writer.endElement()
        try writer.startElement("cac:Item")
        if !row.specification.isEmpty { try writer.element("cbc:Description", row.specification) }
        try writer.element("cbc:Name", row.name)
        try writer.endElement()
        try writer.endElement()
        try writer.endElement()
    }

    /// `행사: 국제컨퍼런스 · 통계목: 201-03 행사운영비 · 세부사업: 연사초청 · 단위: 명×회`.
    static func lineNote(_ row: ProcurementSheet.Row) -> String {
        var parts: [String] = []
        if let event = row.event, !event.isEmpty { parts.append("행사: \(event)") }
        parts.append("통계목: " + [row.classCode ?? "", row.className].filter { !$0.isEmpty }.joined(separator: " "))
        parts.append("세부사업: \(row.item)")
        parts.append("단위: \(row.unit)")
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
