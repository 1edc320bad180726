import Foundation
import SheetExport
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The planner reads XML in one way only: validating a file against one of its schemas
/// (`XMLSchemaValidator.problems(inFile:)`, behind `SheetXML.validate` and `PaymentSheet.writeXML`),
/// which uses libxml2's `xmlSchemaValidateFile`. That function takes no parser options (libxml2 2.9
/// ignores its `options` argument), so what protects it is libxml2's defaults: entities are not
/// substituted (no `XML_PARSE_NOENT`), no external DTD is loaded (no `XML_PARSE_DTDLOAD`), and the
/// schema validator's SAX handlers keep no entity declarations at all, so every reference to a
/// declared entity is "not defined". These tests hold it to that: hostile documents are reported as
/// problems, quickly, in little memory, without reading local files or opening connections.
@Suite("XML validation entry points refuse entities, DTDs and network access (XXE injection)")
struct XMLInjectionTests {
    /// A payments document, valid as it stands; `%TEXT%` is a person's name, `%DOCTYPE%` before the root.
    static let payments = """
        <?xml version="1.0" encoding="UTF-8"?>
        %DOCTYPE%
        <payments xmlns="urn:planner:payments:1" program="시민 소통" year="2026">
          <payment>
            <number>1</number>
            <person>%TEXT%</person>
            <residentNumber>711231-1******</residentNumber>
            <incomeType>other</incomeType>
            <session>s/1</session>
            <sessionTitle></sessionTitle>
            <date>2026-03-11</date>
            <role>allowance</role>
            <gross currency="KRW">150000</gross>
            <incomeTax currency="KRW">12000</incomeTax>
            <localTax currency="KRW">1200</localTax>
            <net currency="KRW">136800</net>
            <bank>가상은행</bank>
            <account>*******1234</account>
          </payment>
          <totals>
            <gross currency="KRW">150000</gross>
            <incomeTax currency="KRW">12000</incomeTax>
            <localTax currency="KRW">1200</localTax>
            <net currency="KRW">136800</net>
          </totals>
        </payments>

        """

    /// `XMLTests.handWritten`, a procurement sheet of one row valid as it stands, with `%DOCTYPE%` after
    /// the declaration and `%TEXT%` as the officer.
    static let procurement = XMLTests.handWritten
        .replacingOccurrences(of: "?>\n", with: "?>\n%DOCTYPE%\n")
        .replacingOccurrences(of: "<officer>김주무</officer>", with: "<officer>%TEXT%</officer>")

    /// The validation entry points, by name: each returns the problems of a file.
    static let entryPoints: [(name: String, template: String, validate: @Sendable (String) throws -> [XMLProblem])] = [
        ("SheetXML.validate (complete)", procurement, { try SheetXML.validate(path: $0, .complete) }),
        ("SheetXML.validate (streaming)", procurement, { try SheetXML.validate(path: $0, .streaming) }),
        ("payments.xsd validation", payments, { path in
            let schema = try #require(PaymentSheet.schemaURL)
            return try XMLSchemaValidator(path: schema.path).problems(inFile: path)
        }),
    ]

    /// A marker that no file of the test holds in clear: found in a problem only if an entity was expanded.
    static let marker = "PROBE-ENTITY-EXPANDED-7f3a"

    /// Hostile documents: (name, DOCTYPE, text), with `%DIR%` the test's folder and `%PORT%` a listening port.
    static let attacks: [(name: String, doctype: String, text: String)] = [
        ("external entity to /etc/passwd", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>", "&e;"),
        ("external entity to a local file", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file://%DIR%/secret.txt\">]>", "&e;"),
        ("parameter entity loading a local DTD", "<!DOCTYPE x [<!ENTITY % p SYSTEM \"file://%DIR%/probe.dtd\"> %p;]>", "&e;"),
        ("external DTD subset", "<!DOCTYPE x SYSTEM \"file://%DIR%/probe.dtd\">", "&e;"),
        ("internal entity", "<!DOCTYPE x [<!ENTITY e \"\(marker)\">]>", "&e;"),
        ("external entity over the network", "<!DOCTYPE x [<!ENTITY e SYSTEM \"http://127.0.0.1:%PORT%/e\">]>", "&e;"),
        ("external DTD over the network", "<!DOCTYPE x SYSTEM \"http://127.0.0.1:%PORT%/x.dtd\">", "&e;"),
        ("billion laughs", "<!DOCTYPE x [<!ENTITY lol \"lol\">" + (1...9).map { level in
            "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">"
        }.joined() + "]>", "&lol9;"),
        ("quadratic blowup", "<!DOCTYPE x [<!ENTITY a \"" + String(repeating: "a", count: 50_000) + "\">]>", String(repeating: "&a;", count: 20_000)),
        ("XInclude of /etc/passwd", "", "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file:///etc/passwd\" parse=\"text\"/>"),
    ]

    /// Lines of /etc/passwd that a problem message would quote if the entity were read.
    static let passwdLines: [String] = ((try? String(contentsOfFile: "/etc/passwd", encoding: .utf8)) ?? "root:x:0:0:root:/root:/bin/bash")
        .split(separator: "\n").map(String.init).filter { $0.count > 8 }

    @Test("hostile documents are reported as problems, in bounded time and memory, with nothing read from files or the network",
          arguments: 0..<entryPoints.count)
    func hostileDocuments(entry: Int) throws {
        let (name, template, validate) = Self.entryPoints[entry]
        try SheetFixtures.inTemporaryDirectory("xml-injection") { directory in
            try Self.marker.write(toFile: directory + "/secret.txt", atomically: true, encoding: .utf8)
            try "<!ENTITY e \"\(Self.marker)\">".write(toFile: directory + "/probe.dtd", atomically: true, encoding: .utf8)
            let listener = try Listener()
            defer { listener.close() }
            for attack in Self.attacks {
                let doctype = attack.doctype.replacingOccurrences(of: "%DIR%", with: directory).replacingOccurrences(of: "%PORT%", with: String(listener.port))
                let text = template.replacingOccurrences(of: "%DOCTYPE%", with: doctype).replacingOccurrences(of: "%TEXT%", with: attack.text)
                let path = directory + "/attack.xml"
                try text.write(toFile: path, atomically: true, encoding: .utf8)

                let memoryBefore = Self.peakMemory()
                let start = Date()
                let problems = try validate(path)
                let seconds = Date().timeIntervalSince(start)
                let grown = Self.peakMemory() - memoryBefore

                #expect(!problems.isEmpty, "\(name) accepted a document with \(attack.name)")
                #expect(seconds < 5, "\(name) took \(seconds) s on \(attack.name)")
                #expect(grown < 512 * 1024 * 1024, "\(name) grew by \(grown / 1_048_576) MB on \(attack.name)")
                let messages = problems.map(\.description).joined(separator: "\n")
                #expect(!messages.contains(Self.marker), "\(name) expanded an entity (\(attack.name)): \(messages)")
                #expect(!messages.contains("lollollol"), "\(name) expanded an entity (\(attack.name))")
                for line in Self.passwdLines { #expect(!messages.contains(line), "\(name) quoted /etc/passwd (\(attack.name))") }
                #expect(problems.count <= 200)
            }
            #expect(listener.connections() == 0, "\(name) opened a network connection")
            // The untouched template is valid: the problems above come from the attacks.
            let path = directory + "/valid.xml"
            try template.replacingOccurrences(of: "%DOCTYPE%", with: "").replacingOccurrences(of: "%TEXT%", with: "김주무").write(toFile: path, atomically: true, encoding: .utf8)
            #expect(try validate(path) == [], "\(name)")
        }
    }

    @Test("a schema location hint in the document is never fetched", arguments: 0..<entryPoints.count)
    func schemaLocationHint(entry: Int) throws {
        let (name, template, validate) = Self.entryPoints[entry]
        try SheetFixtures.inTemporaryDirectory("xml-injection") { directory in
            let listener = try Listener()
            defer { listener.close() }
            let root = template.contains("<payments ") ? "<payments " : "<procurementSheet "
            let hinted = template.replacingOccurrences(of: "%DOCTYPE%", with: "").replacingOccurrences(of: "%TEXT%", with: "김주무")
                .replacingOccurrences(of: root, with: root + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                    + "xsi:schemaLocation=\"urn:x http://127.0.0.1:\(listener.port)/evil.xsd\" xsi:noNamespaceSchemaLocation=\"http://127.0.0.1:\(listener.port)/n.xsd\" ")
            let path = directory + "/hinted.xml"
            try hinted.write(toFile: path, atomically: true, encoding: .utf8)
            _ = try validate(path)
            #expect(listener.connections() == 0, "\(name) fetched a schema named by the document")
        }
    }

    /// The process's peak resident memory in bytes (Linux reports KB).
    static func peakMemory() -> Int {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss * 1024
        #else
        getrusage(RUSAGE_SELF, &usage)
        return usage.ru_maxrss
        #endif
    }

    /// A TCP socket listening on 127.0.0.1 that counts the connections made to it, without serving them.
    final class Listener {
        let descriptor: Int32
        let port: UInt16

        init() throws {
            #if os(Linux)
            let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            #else
            let socketDescriptor = socket(AF_INET, SOCK_STREAM, 0)
            #endif
            try #require(socketDescriptor >= 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = 0
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            try #require(bound == 0)
            try #require(listen(socketDescriptor, 16) == 0)
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketDescriptor, $0, &length) }
            }
            _ = fcntl(socketDescriptor, F_SETFL, fcntl(socketDescriptor, F_GETFL) | O_NONBLOCK)
            descriptor = socketDescriptor
            port = UInt16(bigEndian: address.sin_port)
        }

        /// How many connections are waiting (each is accepted and closed).
        func connections() -> Int {
            var count = 0
            while true {
                let client = accept(descriptor, nil, nil)
                guard client >= 0 else { return count }
                closeDescriptor(client)
                count += 1
            }
        }

        func close() { closeDescriptor(descriptor) }

        private func closeDescriptor(_ descriptor: Int32) {
            #if canImport(Glibc)
            _ = Glibc.close(descriptor)
            #else
            _ = Darwin.close(descriptor)
            #endif
        }
    }
}
