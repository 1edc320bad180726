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

    /// `<name attribute="value">text</name>`: the same as `element(_:_:attributes:)` with one
    /// attribute, without building an array per call (the sheets write one per money cell).
    public func element(_ name: String, _ text: String, attribute: (name: String, value: String)) throws {
        try startElement(name)
        try self.attribute(attribute.name, attribute.value)
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
    ///
    /// Almost every text has none of them, so the UTF-8 bytes are scanned first and the text is
    /// returned as it is (no copy) when there is nothing to drop: a C0 control is one byte below 0x20,
    /// and U+FFFE / U+FFFF are the only scalars encoded as EF BF BE / EF BF BF.
    static func cleaned(_ text: String) -> String {
        guard needsCleaning(text) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter {
            ($0.value >= 0x20 || $0 == "\t" || $0 == "\n" || $0 == "\r") && $0.value != 0xFFFE && $0.value != 0xFFFF
        }))
    }

    static func needsCleaning(_ text: String) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return true }
            if (byte == 0xBE || byte == 0xBF) && previous == (0xEF, 0xBF) { return true }
            previous = (previous.1, byte)
        }
        return false
    }
}

/// An XSD loaded with libxml2, for validating files before they are put in place.
public final class XMLSchemaValidator: @unchecked Sendable {
    private let schema: xmlSchemaPtr
    /// The schema document when it was edited before parsing (freed after the schema).
    private let document: xmlDocPtr?
    private let lock = NSLock()

    /// Parses the schema at `path` (with its imports, relative to it).
    ///
    /// With `identityConstraints: false`, the schema's `xs:key`, `xs:keyref` and `xs:unique` are left
    /// out. libxml2 checks everything else while it streams through a file, in constant memory, but
    /// for identity constraints it keeps a table of every key and reference until the end of their
    /// scope: validating a 1M-row procurement sheet takes about 1 GB and 30 s with them, 4 MB and 6 s
    /// without (measured with libxml2 2.9.14). A caller that leaves them out checks the references
    /// another way (`ProcurementSheet.referenceProblems()`).
    public init(path: String, identityConstraints: Bool = true) throws {
        planner_xml_quiet()
        var document: xmlDocPtr?
        if !identityConstraints {
            // No network, no entity expansion: the schema is ours, but the reader stays strict anyway.
            guard let parsed = xmlReadFile(path, nil, Int32(XML_PARSE_NONET.rawValue)) else {
                throw XMLProblem(line: nil, message: "can't read the schema \(path)")
            }
            Self.removeIdentityConstraints(below: xmlDocGetRootElement(parsed))
            document = parsed
        }
        let parserContext = document.map { xmlSchemaNewDocParserCtxt($0) } ?? xmlSchemaNewParserCtxt(path)
        guard let parser = parserContext else {
            if let document { xmlFreeDoc(document) }
            throw XMLProblem(line: nil, message: "can't read the schema \(path)")
        }
        defer { xmlSchemaFreeParserCtxt(parser) }
        let box = ProblemBox()
        let unmanaged = Unmanaged.passRetained(box)
        defer { unmanaged.release() }
        xmlSchemaSetParserStructuredErrors(parser, { context, error in
            guard let context, let error else { return }
            Unmanaged<ProblemBox>.fromOpaque(context).takeUnretainedValue().add(error.pointee)
        }, unmanaged.toOpaque())
        guard let schema = xmlSchemaParse(parser) else {
            if let document { xmlFreeDoc(document) }
            throw XMLProblem(line: nil, message: "the schema \(path) is not valid: " + box.problems.map(\.description).joined(separator: "; "))
        }
        self.schema = schema
        self.document = document
    }

    /// Unlinks every `xs:key`, `xs:keyref` and `xs:unique` element below `node`.
    private static func removeIdentityConstraints(below node: xmlNodePtr?) {
        var child = node?.pointee.children
        while let current = child {
            child = current.pointee.next
            if current.pointee.type == XML_ELEMENT_NODE, let namespace = current.pointee.ns?.pointee.href,
               String(cString: namespace) == "http://www.w3.org/2001/XMLSchema", let name = current.pointee.name,
               ["key", "keyref", "unique"].contains(String(cString: name)) {
                xmlUnlinkNode(current)
                xmlFreeNode(current)
            } else {
                removeIdentityConstraints(below: current)
            }
        }
    }

    deinit {
        xmlSchemaFree(schema)
        if let document { xmlFreeDoc(document) }
    }

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
