import CLibXML2
import Foundation

/// A problem libxml2 reported, with the line it points at when it has one.
public struct XMLProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public let line: Int?
    public let message: String
    public init(line: Int?, message: String) {
        self.line = line
        self.message = message
    }
    public var description: String { (line.map { "line \($0): " } ?? "") + message }
}

/// Streams an XML document to a file with libxml2's `xmlTextWriter`, element by element, indented,
/// UTF-8. Every call checks libxml2's result; the first failure is thrown.
public final class XMLStreamWriter {
    private let writer: xmlTextWriterPtr
    private var closed = false

    /// Starts writing `path` (created or truncated).
    public init(path: String) throws {
        planner_xml_quiet()
        guard let writer = xmlNewTextWriterFilename(path, 0) else {
            throw XMLProblem(line: nil, message: "can't open \(path) for writing")
        }
        self.writer = writer
        xmlTextWriterSetIndent(writer, 1)
        xmlTextWriterSetIndentString(writer, "  ")
    }

    deinit {
        if !closed { xmlFreeTextWriter(writer) }
    }

    private func check(_ result: Int32, _ what: String) throws {
        if result < 0 { throw XMLProblem(line: nil, message: "libxml2 failed to write \(what)") }
    }

    public func startDocument() throws {
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "the XML declaration")
    }

    public func startElement(_ name: String) throws {
        try check(xmlTextWriterStartElement(writer, name), "<\(name)>")
    }

    public func attribute(_ name: String, _ value: String) throws {
        try check(xmlTextWriterWriteAttribute(writer, name, XMLStreamWriter.cleaned(value)), "the attribute \(name)")
    }

    /// `<name>text</name>`, with `&`, `<`, `>` and quotes escaped by libxml2.
    public func element(_ name: String, _ text: String, attributes: [(String, String)] = []) throws {
        try startElement(name)
        for (key, value) in attributes { try attribute(key, value) }
        try check(xmlTextWriterWriteString(writer, XMLStreamWriter.cleaned(text)), "the text of <\(name)>")
        try endElement()
    }

    public func endElement() throws {
        try check(xmlTextWriterEndElement(writer), "an end tag")
    }

    /// Ends every open element, flushes and closes the file.
    public func finish() throws {
        try check(xmlTextWriterEndDocument(writer), "the end of the document")
        try check(xmlTextWriterFlush(writer), "the file")
        xmlFreeTextWriter(writer)
        closed = true
    }

    /// XML 1.0 can't carry most control characters, nor U+FFFE and U+FFFF, escaped or not; they are
    /// dropped (tab, LF and CR stay).
    static func cleaned(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter {
            ($0.value >= 0x20 || $0 == "\t" || $0 == "\n" || $0 == "\r") && $0.value != 0xFFFE && $0.value != 0xFFFF
        }))
    }
}

/// An XSD loaded with libxml2, for validating files before they are put in place.
public final class XMLSchemaValidator: @unchecked Sendable {
    private let schema: xmlSchemaPtr
    private let lock = NSLock()

    /// Parses the schema at `path` (with its imports, relative to it).
    public init(path: String) throws {
        planner_xml_quiet()
        guard let parser = xmlSchemaNewParserCtxt(path) else { throw XMLProblem(line: nil, message: "can't read the schema \(path)") }
        defer { xmlSchemaFreeParserCtxt(parser) }
        let box = ProblemBox()
        let unmanaged = Unmanaged.passRetained(box)
        defer { unmanaged.release() }
        xmlSchemaSetParserStructuredErrors(parser, { context, error in
            guard let context, let error else { return }
            Unmanaged<ProblemBox>.fromOpaque(context).takeUnretainedValue().add(error.pointee)
        }, unmanaged.toOpaque())
        guard let schema = xmlSchemaParse(parser) else {
            throw XMLProblem(line: nil, message: "the schema \(path) is not valid: " + box.problems.map(\.description).joined(separator: "; "))
        }
        self.schema = schema
    }

    deinit { xmlSchemaFree(schema) }

    /// Every problem of the file at `path` against the schema, with line numbers; empty when valid.
    public func problems(inFile path: String) -> [XMLProblem] {
        lock.lock()
        defer { lock.unlock() }
        guard let context = xmlSchemaNewValidCtxt(schema) else { return [XMLProblem(line: nil, message: "libxml2 could not start validating")] }
        defer { xmlSchemaFreeValidCtxt(context) }
        let box = ProblemBox()
        let unmanaged = Unmanaged.passRetained(box)
        defer { unmanaged.release() }
        xmlSchemaSetValidStructuredErrors(context, { context, error in
            guard let context, let error else { return }
            Unmanaged<ProblemBox>.fromOpaque(context).takeUnretainedValue().add(error.pointee)
        }, unmanaged.toOpaque())
        let result = xmlSchemaValidateFile(context, path, 0)
        if result != 0 && box.problems.isEmpty {
            return [XMLProblem(line: nil, message: result < 0 ? "libxml2 could not validate the file" : "the file is not valid")]
        }
        return box.problems
    }

    /// Collects libxml2's structured errors from its C callback.
    final class ProblemBox {
        var problems: [XMLProblem] = []
        // Only the first 200 are kept: a wholly wrong file would otherwise list every element.
        func add(_ error: xmlError) {
            guard problems.count < 200 else { return }
            let message = error.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "unknown error"
            problems.append(XMLProblem(line: error.line > 0 ? Int(error.line) : nil, message: message))
        }
    }
}
