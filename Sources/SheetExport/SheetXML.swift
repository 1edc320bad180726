import CLibXML2
import Foundation
import PlannerCore

/// Why an XML procurement sheet was not accepted.
public enum SheetXMLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The written file does not match `procurement-sheet.xsd`; each problem carries the line of the file
    /// it points at when libxml2 gives one.
    case invalid([XMLProblem])
    /// The shipped schema could not be loaded: the installation is broken, not the plan.
    case schemaUnavailable(XMLProblem)

    public var description: String {
        switch self {
        case .invalid(let problems):
            return "the XML sheet does not match procurement-sheet.xsd: " + problems.map(\.description).joined(separator: "; ")
        case .schemaUnavailable(let problem):
            return "procurement-sheet.xsd could not be loaded: \(problem.description)"
        }
    }
}

/// The procurement sheet as XML in the namespace `urn:planner:procurement-sheet:1`, described by the
/// shipped `procurement-sheet.xsd`.
///
/// A row's children are the sheet's columns (`SheetColumn.all`), in order, with their English names
/// and values (`korean: false`, so `contractMethod` is `single-quotation` …). Every money element — the
/// thresholds, the rows' `unitPrice`, `amount`, `estimatedPrice` and `vat`, the packages' sums and the
/// totals — is a whole number of won with `currency="KRW"`. Text is written exactly as in the sheet:
/// libxml2 escapes `&`, `<`, `>` and quotes, and newlines, tabs, emoji and surrounding spaces survive a
/// read-back. Characters XML 1.0 can't carry at all (C0 controls other than tab, LF and CR, and U+FFFE,
/// U+FFFF) are dropped; nothing else is changed.
///
/// Writing never validates by itself. Write to a temporary name, validate, then move into place:
/// ```swift
/// let sheet = ProcurementSheet.build(page)
/// try SheetXML.writeValidated(sheet, to: "Exports/plan/.procurement.xml.tmp")   // throws SheetXMLError.invalid
/// // rename the temporary file into place
/// ```
public enum SheetXML {
    /// The namespace of every element of the sheet.
    public static let namespace = "urn:planner:procurement-sheet:1"

    /// The shipped `procurement-sheet.xsd`.
    public static var schemaURL: URL {
        Bundle.module.url(forResource: "procurement-sheet", withExtension: "xsd")
            ?? Bundle.module.bundleURL.appendingPathComponent("procurement-sheet.xsd")
    }

    /// The columns whose values are amounts in won, written with `currency="KRW"`.
    static let moneyColumns: Set<String> = ["unitPrice", "amount", "estimatedPrice", "vat"]

    /// `SheetColumn.all` with whether each is a money column, looked up once rather than per cell.
    private static let rowColumns: [(column: SheetColumn, isMoney: Bool)] = SheetColumn.all.map { ($0, moneyColumns.contains($0.name)) }
    private static let currency = (name: "currency", value: "KRW")

    /// Writes `sheet` to `path` (created or replaced), streaming row by row through libxml2.
    ///
    /// The same sheet always gives the same bytes. The file is not validated; see `writeValidated`.
    /// Throws `XMLProblem` when the file can't be opened or written (what was written so far stays).
    public static func write(_ sheet: ProcurementSheet, to path: String) throws {
        let writer = try XMLStreamWriter(path: path)
        try writer.startDocument()
        try writer.startElement("procurementSheet")
        try writer.attribute("xmlns", namespace)
        try writer.attribute("program", sheet.program)
        try writer.attribute("year", String(sheet.year))
        try writer.element("authority", sheet.authority)
        if let division = sheet.division { try writer.element("division", division) }

        try writer.startElement("thresholds")
        try money(writer, "singleQuotationLimit", sheet.thresholds.singleQuotationLimit)
        try money(writer, "quotationLimit", sheet.thresholds.quotationLimit)
        try writer.endElement()

        try writer.startElement("rows")
        for row in sheet.rows {
            try writer.startElement("row")
            for (column, isMoney) in rowColumns {
                // The writer drops what XML 1.0 can't carry (`XMLStreamWriter.cleaned`).
                let value = column.value(row, sheet, false)
                if isMoney {
                    try writer.element(column.name, value, attribute: currency)
                } else {
                    try writer.element(column.name, value)
                }
            }
            try writer.endElement()
        }
        try writer.endElement()

        try writer.startElement("packages")
        for package in sheet.packages {
            try writer.startElement("package")
            try writer.attribute("id", package.id)
            try writer.startElement("rowRefs")
            for number in package.rows { try writer.element("rowRef", String(number)) }
            try writer.endElement()
            try money(writer, "amount", package.amount)
            try money(writer, "estimatedPrice", package.estimatedPrice)
            try money(writer, "vat", package.vat)
            try writer.element("contractMethod", package.contractMethod.rawValue)
            try writer.endElement()
        }
        try writer.endElement()

        try writer.startElement("totals")
        try money(writer, "procurement", sheet.total)
        try money(writer, "honoraria", sheet.honoraria)
        try money(writer, "notPurchases", sheet.notPurchases)
        try money(writer, "plan", sheet.planTotal)
        try writer.endElement()

        try writer.endElement()
        try writer.finish()
    }

    /// How much of `procurement-sheet.xsd` a validation checks.
    public enum Validation: Sendable {
        /// Everything, the identity constraints (unique row numbers and package ids, references between
        /// rows and packages) included. libxml2 holds every key until the end of the document: about
        /// 100 MB at 100k rows, 1 GB at 1M. For reading files from elsewhere and for tests.
        case complete
        /// Structure and datatypes, streaming in constant memory; the identity constraints are left to
        /// the caller, who holds the model (`ProcurementSheet.referenceProblems()`). What the export uses.
        case streaming
    }

    /// Every problem of the XML file at `path` against `procurement-sheet.xsd`, with line numbers; empty
    /// when the file is valid. A file that isn't well-formed XML is a problem too.
    ///
    /// The schema is parsed once per process (per `Validation`) and shared; validation is safe from any
    /// thread. Throws `SheetXMLError.schemaUnavailable` when the shipped schema can't be loaded.
    public static func validate(path: String, _ validation: Validation = .complete) throws -> [XMLProblem] {
        let validator = try (validation == .complete ? completeValidator : streamingValidator).get()
        guard FileManager.default.isReadableFile(atPath: path) else { return [XMLProblem(line: nil, message: "can't read \(path)")] }
        let (problems, parser) = collectingLibXMLErrors { validator.problems(inFile: path) }
        // The validator sees a file that isn't well-formed only as "not valid"; the parser said where.
        return parser.isEmpty ? problems : parser + problems.filter { $0.line != nil }
    }

    /// Writes `sheet` to `temporaryPath` and validates it, in memory that doesn't grow with the sheet:
    /// the sheet's references are checked on the model (`referenceProblems`, before anything is
    /// written), the file streaming (`.streaming`). Throws `SheetXMLError.invalid` with the problems
    /// (the file's with line numbers) when either finds one.
    ///
    /// The file is left at `temporaryPath` either way, for the caller to move into place or to remove
    /// (an invalid file is worth keeping while the problems, which point at its lines, are read).
    public static func writeValidated(_ sheet: ProcurementSheet, to temporaryPath: String) throws {
        let references = sheet.referenceProblems()
        if !references.isEmpty { throw SheetXMLError.invalid(references.map { XMLProblem(line: nil, message: $0) }) }
        try write(sheet, to: temporaryPath)
        let problems = try validate(path: temporaryPath, .streaming)
        if !problems.isEmpty { throw SheetXMLError.invalid(problems) }
    }

    /// Loaded on first use; `static let` initialisation runs once, even with concurrent callers.
    private static let completeValidator = loadValidator(identityConstraints: true)
    private static let streamingValidator = loadValidator(identityConstraints: false)

    private static func loadValidator(identityConstraints: Bool) -> Result<XMLSchemaValidator, SheetXMLError> {
        do {
            return .success(try XMLSchemaValidator(path: schemaURL.path, identityConstraints: identityConstraints))
        } catch let problem as XMLProblem {
            return .failure(.schemaUnavailable(problem))
        } catch {
            return .failure(.schemaUnavailable(XMLProblem(line: nil, message: String(describing: error))))
        }
    }

    /// Runs `body` with libxml2's own errors on this thread (I/O, XML that isn't well-formed) collected.
    /// The handler is libxml2's thread-local one; afterwards it is left quiet (`planner_xml_quiet`), as
    /// `XMLStreamWriter` and `XMLSchemaValidator` leave it, so that libxml2 never prints to stderr.
    static func collectingLibXMLErrors<T>(_ body: () throws -> T) rethrows -> (T, [XMLProblem]) {
        let box = XMLSchemaValidator.ProblemBox()
        let unmanaged = Unmanaged.passRetained(box)
        defer { unmanaged.release() }
        xmlSetStructuredErrorFunc(unmanaged.toOpaque()) { context, error in
            guard let context, let error else { return }
            Unmanaged<XMLSchemaValidator.ProblemBox>.fromOpaque(context).takeUnretainedValue().add(error.pointee)
        }
        defer { planner_xml_quiet() }
        return (try body(), box.problems)
    }

    private static func money(_ writer: XMLStreamWriter, _ name: String, _ amount: Won) throws {
        try writer.element(name, String(amount.value), attribute: currency)
    }
}
