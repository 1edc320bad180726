import PlannerCore

/// The columns of a procurement sheet, in order, with their English names (camelCase, the same as the
/// XML element names) and Korean headers. CSV and XML both write from this one list.
public struct SheetColumn: Sendable {
    /// `unitPrice`: the CSV header with `--headers en` and the XML element name.
    public let name: String
    /// `단가(원)`: the CSV header by default.
    public let korean: String
    /// Whether the value is a plain integer (amounts in won, quantities).
    public let isNumber: Bool
    /// The cell text of a row. Amounts are plain integers in won; `korean` picks labels for people.
    public let value: @Sendable (_ row: ProcurementSheet.Row, _ sheet: ProcurementSheet, _ korean: Bool) -> String

    public static let all: [SheetColumn] = [
        SheetColumn(name: "number", korean: "번호", isNumber: true) { row, _, _ in String(row.number) },
        SheetColumn(name: "program", korean: "사업명", isNumber: false) { _, sheet, _ in sheet.program },
        SheetColumn(name: "event", korean: "행사", isNumber: false) { row, _, _ in row.event ?? "" },
        SheetColumn(name: "classCode", korean: "통계목코드", isNumber: false) { row, _, _ in row.classCode ?? "" },
        SheetColumn(name: "className", korean: "통계목", isNumber: false) { row, _, _ in row.className },
        SheetColumn(name: "item", korean: "세부사업", isNumber: false) { row, _, _ in row.item },
        SheetColumn(name: "name", korean: "품명", isNumber: false) { row, _, _ in row.name },
        SheetColumn(name: "specification", korean: "산출내역", isNumber: false) { row, _, _ in row.specification },
        SheetColumn(name: "quantity", korean: "수량", isNumber: true) { row, _, _ in String(row.quantity) },
        SheetColumn(name: "unit", korean: "단위", isNumber: false) { row, _, _ in row.unit },
        SheetColumn(name: "unitCode", korean: "단위코드", isNumber: false) { row, _, _ in row.unitCode },
        SheetColumn(name: "unitPrice", korean: "단가(원)", isNumber: true) { row, _, _ in String(row.unitPrice.value) },
        SheetColumn(name: "amount", korean: "금액(원,부가세포함)", isNumber: true) { row, _, _ in String(row.amount.value) },
        SheetColumn(name: "estimatedPrice", korean: "추정가격(원)", isNumber: true) { row, _, _ in String(row.estimatedPrice.value) },
        SheetColumn(name: "vat", korean: "부가가치세(원)", isNumber: true) { row, _, _ in String(row.vat.value) },
        SheetColumn(name: "package", korean: "계약단위", isNumber: false) { row, _, _ in row.package },
        SheetColumn(name: "contractMethod", korean: "계약방법", isNumber: false) { row, _, korean in
            korean ? row.contractMethod.korean : row.contractMethod.rawValue
        },
        SheetColumn(name: "period", korean: "추진기간", isNumber: false) { row, _, _ in row.period },
        SheetColumn(name: "officer", korean: "담당자", isNumber: false) { row, _, _ in row.officer },
    ]
}
