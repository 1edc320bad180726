import CLibXML2
import Foundation
import PlannerCore
import SheetExport

/// The practical limit: the same rows, computed straight from the generator, written through
/// libxml2's xmlTextWriter and a plain buffered CSV writer, and validated by libxml2 — no model.
final class RawExport {
    let validator: XMLSchemaValidator
    let thresholds: ContractThresholds
    static let moneyColumns: Set<Int> = [11, 12, 13, 14]
    static let numberColumns: Set<Int> = [0, 8, 11, 12, 13, 14]

    init(schemaPath: String, thresholds: ContractThresholds) throws {
        // The same streaming validation as the export's (the schema without its identity constraints):
        // the practical limit for a file that must be checked in constant memory.
        validator = try XMLSchemaValidator(path: schemaPath, identityConstraints: false)
        self.thresholds = thresholds
    }

    /// The cells of a row, in sheet column order (English contract method in XML, Korean in CSV).
    func cells(_ row: Synthetic.ExportRow, method: ContractMethod, korean: Bool) -> [String] {
        [String(row.number), Synthetic.program, row.event, row.classCode, row.className, row.item, row.name, row.specification,
         String(row.quantity), row.unit, row.unitCode, String(row.unitPrice), String(row.amount), String(row.estimatedPrice),
         String(row.vat), row.package, korean ? method.korean : method.rawValue, Synthetic.period, Synthetic.officer]
    }

    /// Rows in groups of ten (one package each), with the package's contract method.
    func forEachGroup(_ count: Int, _ body: ([Synthetic.ExportRow], ContractMethod) throws -> Void) rethrows {
        var start = 0
        while start < count {
            let group = (start..<min(count, start + 10)).map(Synthetic.ExportRow.init)
            try body(group, thresholds.method(forEstimatedPrice: Won(group.reduce(0) { $0 + $1.estimatedPrice })))
            start += 10
        }
    }

    func writeCSV(rows count: Int, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw BenchFailure("can't write \(path)")
        }
        defer { try? handle.close() }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(80 * 1024)
        buffer.append(contentsOf: [0xEF, 0xBB, 0xBF])
        func field(_ text: String, number: Bool) {
            var value = text
            if let first = value.utf8.first, first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
                || first == UInt8(ascii: "@") || first == 9 || first == 13, !(number && CSVFormat.isPlainInteger(value)) {
                value = "'" + value
            }
            if value.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) {
                buffer.append(UInt8(ascii: "\""))
                for byte in value.utf8 {
                    buffer.append(byte)
                    if byte == UInt8(ascii: "\"") { buffer.append(byte) }
                }
                buffer.append(UInt8(ascii: "\""))
            } else {
                buffer.append(contentsOf: value.utf8)
            }
        }
        for (index, column) in SheetColumn.all.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            field(column.korean, number: false)
        }
        buffer.append(contentsOf: [13, 10])
        try forEachGroup(count) { group, method in
            for row in group {
                for (index, cell) in cells(row, method: method, korean: true).enumerated() {
                    if index > 0 { buffer.append(UInt8(ascii: ",")) }
                    field(cell, number: Self.numberColumns.contains(index))
                }
                buffer.append(contentsOf: [13, 10])
            }
            if buffer.count >= 64 * 1024 {
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: buffer)
    }

    func writeXML(rows count: Int, to path: String) throws {
        guard let writer = xmlNewTextWriterFilename(path, 0) else { throw BenchFailure("can't write \(path)") }
        defer { xmlFreeTextWriter(writer) }
        xmlTextWriterSetIndent(writer, 1)
        xmlTextWriterSetIndentString(writer, "  ")
        let names = SheetColumn.all.map(\.name)
        func check(_ result: Int32) throws { if result < 0 { throw BenchFailure("libxml2 failed writing \(path)") } }
        func element(_ name: String, _ text: String, money: Bool = false) throws {
            try check(xmlTextWriterStartElement(writer, name))
            if money { try check(xmlTextWriterWriteAttribute(writer, "currency", "KRW")) }
            try check(xmlTextWriterWriteString(writer, text))
            try check(xmlTextWriterEndElement(writer))
        }
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil))
        try check(xmlTextWriterStartElement(writer, "procurementSheet"))
        try check(xmlTextWriterWriteAttribute(writer, "xmlns", SheetXML.namespace))
        try check(xmlTextWriterWriteAttribute(writer, "program", Synthetic.program))
        try check(xmlTextWriterWriteAttribute(writer, "year", "2026"))
        try element("authority", Workloads.authority)
        try element("division", Workloads.division)
        try check(xmlTextWriterStartElement(writer, "thresholds"))
        try element("singleQuotationLimit", String(thresholds.singleQuotationLimit.value), money: true)
        try element("quotationLimit", String(thresholds.quotationLimit.value), money: true)
        try check(xmlTextWriterEndElement(writer))
        try check(xmlTextWriterStartElement(writer, "rows"))
        var total: Int64 = 0
        try forEachGroup(count) { group, method in
            for row in group {
                try check(xmlTextWriterStartElement(writer, "row"))
                for (index, cell) in cells(row, method: method, korean: false).enumerated() {
                    try element(names[index], cell, money: Self.moneyColumns.contains(index))
                }
                try check(xmlTextWriterEndElement(writer))
                total += row.amount
            }
        }
        try check(xmlTextWriterEndElement(writer))
        try check(xmlTextWriterStartElement(writer, "packages"))
        try forEachGroup(count) { group, method in
            try check(xmlTextWriterStartElement(writer, "package"))
            try check(xmlTextWriterWriteAttribute(writer, "id", group[0].package))
            try check(xmlTextWriterStartElement(writer, "rowRefs"))
            for row in group { try element("rowRef", String(row.number)) }
            try check(xmlTextWriterEndElement(writer))
            try element("amount", String(group.reduce(0) { $0 + $1.amount }), money: true)
            try element("estimatedPrice", String(group.reduce(0) { $0 + $1.estimatedPrice }), money: true)
            try element("vat", String(group.reduce(0) { $0 + $1.vat }), money: true)
            try element("contractMethod", method.rawValue)
            try check(xmlTextWriterEndElement(writer))
        }
        try check(xmlTextWriterEndElement(writer))
        try check(xmlTextWriterStartElement(writer, "totals"))
        try element("procurement", String(total), money: true)
        try element("honoraria", "0", money: true)
        try element("notPurchases", "0", money: true)
        try element("plan", String(total), money: true)
        try check(xmlTextWriterEndElement(writer))
        try check(xmlTextWriterEndElement(writer))
        try check(xmlTextWriterEndDocument(writer))
        try check(xmlTextWriterFlush(writer))
    }

    func validate(_ path: String) throws {
        let problems = validator.problems(inFile: path)
        if !problems.isEmpty { throw BenchFailure("the baseline XML \(path) is not valid: \(problems.prefix(3))") }
    }
}
