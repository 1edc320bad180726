import SheetExport
import Testing

/// `CSVFormat.field` on the OWASP CSV-injection payloads and the tricks around them (issue 9, part 5);
/// `InjectionTests` in PlannerCLITests runs them through every CSV the binary writes.
@Suite("CSV formula injection, field by field")
struct CSVFieldInjectionTests {
    @Test("formulas get a leading ', fields with separators are quoted, the rest is left alone", arguments: [
        ("=cmd|' /C calc'!A0", false, "'=cmd|' /C calc'!A0"),
        ("=DDE(\"cmd\";\"/C calc\";\"A0\")", false, "\"'=DDE(\"\"cmd\"\";\"\"/C calc\"\";\"\"A0\"\")\""),
        ("  =1+1", false, "'  =1+1"),
        ("\n=1+1", false, "\"'\n=1+1\""),
        ("\u{3000}=1+1", false, "'\u{3000}=1+1"),
        ("\u{A0}+1", false, "'\u{A0}+1"),
        ("＝1+1", false, "'＝1+1"),
        ("＋SUM(1,1)", false, "\"'＋SUM(1,1)\""),
        ("－1", false, "'－1"),
        ("＠SUM(1)", false, "'＠SUM(1)"),
        (";=1+1", false, "\";=1+1\""),
        ("a;b", false, "\"a;b\""),
        ("\"=1+1\"", false, "\"\"\"=1+1\"\"\""),
        ("%0A-1+1", false, "%0A-1+1"),
        ("−1", false, "−1"),
        ("  텍스트", false, "  텍스트"),
        (" ", false, " "),
        ("-1200", true, "-1200"),
        (" -1200", true, "' -1200"),
        ("한글", false, "한글"),
    ] as [(String, Bool, String)])
    func field(_ text: String, _ isNumber: Bool, _ expected: String) {
        #expect(CSVFormat.field(text, isNumber: isNumber) == expected)
    }
}
