import Foundation

/// Synthetic but realistic inputs, generated in memory: Korean names, all four factor shapes
/// (`15인`, `주1회`, `1식`, lump sums), several categories and items, and events of all four kinds.
enum Synthetic {
    /// `1234567` → `1,234,567`.
    static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = ""
        out.reserveCapacity(digits.count + digits.count / 3 + 1)
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return value < 0 ? "-" + out : out
    }

    static let categories: [(code: String, name: String)] = [
        ("201-01", "사무관리비"), ("202-01", "국내여비"), ("201-03", "행사운영비"), ("203-01", "시책추진업무추진비"),
    ]
    static let itemNames = ["시민 소통 홍보", "직원 소셜미디어 교육", "정책 자문회의 운영", "팸투어 행사 추진", "블로그 콘텐츠 기획"]

    /// One cost line shape: name, unit price in won, factors as written, exact amount in won (nil price: lump sum).
    struct LineShape {
        let name: String
        let unitPrice: Int64?
        let factors: [String]
        let counts: [Int64]
        let lumpSum: Int64
        var amount: Int64 { unitPrice.map { counts.reduce($0, *) } ?? lumpSum }
    }

    static let shapes: [LineShape] = [
        LineShape(name: "자문회의 참석수당", unitPrice: 150_000, factors: ["15인", "6회"], counts: [15, 6], lumpSum: 0),
        LineShape(name: "SNS 콘텐츠 모니터링", unitPrice: 50_000, factors: ["주1회", "52주"], counts: [1, 52], lumpSum: 0),
        LineShape(name: "행사장 무대 설치", unitPrice: 2_000_000, factors: ["1식"], counts: [1], lumpSum: 0),
        LineShape(name: "교재제작 등 운영비", unitPrice: nil, factors: [], counts: [], lumpSum: 10_400_000),
        LineShape(name: "리플릿 인쇄", unitPrice: 1_500, factors: ["1,000부"], counts: [1_000], lumpSum: 0),
    ]

    /// A plan file (YAML) of at least `lines` lines.
    static func planYAML(lines target: Int) -> String {
        var header = """
            program: 도시 예산 벤치마크 사업
            year: 2026
            division: 뉴미디어담당관
            officers:
              - { director: 신병규 2133-6480, teamLead: 박성규 2133-6482, officer: 김은영 2133-6484 }
            period: 2026-01-01 ~ 2026-12-31
            categories:

            """
        var count = 7
        var bodies = Array(repeating: "", count: categories.count)
        var itemNumber = 0
        var lineNumber = 0
        count += categories.count * 3
        while count < target {
            let category = itemNumber % categories.count
            itemNumber += 1
            var block = "      - name: \(itemNames[itemNumber % itemNames.count]) \(itemNumber)\n        lines:\n"
            count += 2
            // Every fifth item also plans an event, the four kinds in turn.
            if itemNumber % 5 == 0 {
                let event = eventLine(kind: (itemNumber / 5) % 4, number: itemNumber)
                block += event
                count += event.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            }
            for _ in 0..<10 {
                let shape = shapes[lineNumber % shapes.count]
                lineNumber += 1
                block += "          - name: \(shape.name) \(lineNumber)\n"
                if let price = shape.unitPrice {
                    block += "            unitPrice: \(grouped(price))원\n            factors: [\(shape.factors.joined(separator: ", "))]\n"
                    count += 3
                } else {
                    block += "            amount: \(grouped(shape.lumpSum))원\n"
                    count += 2
                }
            }
            bodies[category] += block
        }
        for (index, category) in categories.enumerated() where !bodies[index].isEmpty {
            header += "  - code: \(category.code)\n    name: \(category.name)\n    items:\n" + bodies[index]
        }
        return header
    }

    /// One `kind:` line (education, advisory, fam-tour, conference), with its own amounts and reasons
    /// so that no rate table is needed; indented as a line of an item.
    static func eventLine(kind: Int, number: Int) -> String {
        let indent = "          "
        let body: String
        switch kind {
        case 0:
            body = """
                - kind: education
                  name: 직원 소셜미디어 교육 \(number)
                  grade: grade1
                  hours: 2
                  lecturerFee: { amount: 600,000원, reason: "1급강사 2시간" }
                  headcount: 40
                  sessions:
                    - { date: 2026-03-11, topic: 공공기관 소셜미디어 전략 }
                    - { date: 2026-04-08, topic: 숏폼 영상 기획과 촬영 }
                    - { date: 2026-05-13, topic: 카드뉴스 디자인 실습 }
                  manuscriptFee: { amount: 350,000원, reason: "원고 1건 기준" }
                  materials: 3,000,000원
                """
        case 1:
            body = """
                - kind: advisory
                  name: 소셜미디어 정책 자문위원회 \(number)
                  members: 12
                  meetings: 4
                  dates: [2026-03-18, 2026-06-17, 2026-09-16, 2026-11-18]
                  allowance: { amount: 200,000원, reason: "2시간 회의 기준" }
                  operatingCost: { amount: 15,000원, reason: "다과 및 자료 인쇄" }
                """
        case 2:
            body = """
                - kind: fam-tour
                  name: 1인미디어 팸투어 \(number)
                  influencers: 10
                  tours:
                    - { date: 2026-04-18, destination: 북촌 한옥마을 }
                    - { date: 2026-09-19, destination: 한강 노들섬 }
                  costs:
                    transport: 40,000원
                    meals: { amount: 40,000원, reason: "중식·석식 2식 기준" }
                    experience: 20,000원
                    insurance: 5,000원
                    activityFee: { amount: 150,000원, reason: "콘텐츠 1건 이상 게시 조건" }
                """
        default:
            body = """
                - kind: conference
                  name: 서울 소셜미디어 컨퍼런스 \(number)
                  days: 2
                  dates: [2026-10-14, 2026-10-15]
                  speakers:
                    - { type: domestic, count: 3, fee: 1,000,000원 }
                  venue:
                    mainHall: { dayRate: 6,000,000원 }
                    setup: 8,000,000원
                """
        }
        return body.split(separator: "\n").map { indent + $0 + "\n" }.joined()
    }

    /// A budget page (text) of at least `lines` lines: categories, `○` items, `- name 150,000원*15인*6회 = 13,500천원`.
    static func pageText(lines target: Int) -> String {
        var bodies = Array(repeating: "", count: categories.count)
        var count = 2
        var itemNumber = 0
        var lineNumber = 0
        while count < target {
            let category = itemNumber % categories.count
            itemNumber += 1
            var lines = ""
            var total: Int64 = 0
            for _ in 0..<10 {
                let shape = shapes[lineNumber % shapes.count]
                lineNumber += 1
                total += shape.amount
                let thousands = grouped(shape.amount / 1_000) + "천원"
                if let price = shape.unitPrice {
                    lines += "\t- 제\(lineNumber)차 \(shape.name) \(grouped(price))원*\(shape.factors.joined(separator: "*")) = \(thousands)\n"
                } else {
                    lines += "\t- 제\(lineNumber)차 \(shape.name) = \(thousands)\n"
                }
            }
            let cell = bodies[category].isEmpty ? categories[category].name : ""
            bodies[category] += "\(cell)\t○ 제\(itemNumber)차 \(itemNames[itemNumber % itemNames.count]) = \(grouped(total / 1_000))천원\n" + lines
            count += 11
        }
        return "□ 산출근거\n과목구분\t2026년 예산내역\n" + bodies.joined()
    }

    /// The fields of export row `index` (0-based), computed without any model: what both the model
    /// export and the raw baseline write.
    struct ExportRow {
        let number: Int
        let event: String
        let classCode: String
        let className: String
        let item: String
        let name: String
        let specification: String
        let quantity: Int64
        let unit: String
        let unitCode: String
        let unitPrice: Int64
        let amount: Int64
        let estimatedPrice: Int64
        let vat: Int64
        let package: String

        init(_ index: Int) {
            let shape = shapes[index % shapes.count]
            let category = categories[(index / 40) % categories.count]
            number = index + 1
            event = index % 3 == 0 ? "2026 서울 소셜 컨퍼런스" : ""
            classCode = category.code
            className = category.name
            item = "\(itemNames[(index / 10) % itemNames.count]) \(index / 10 + 1)"
            name = "\(shape.name) \(index + 1)"
            if let price = shape.unitPrice {
                specification = "\(grouped(price))원*" + shape.factors.joined(separator: "*")
                quantity = shape.counts.reduce(1, *)
                unitPrice = price
                if shape.factors.count == 1 {
                    let word = String(shape.factors[0].drop { $0.isNumber || $0 == "," })
                    unit = word
                    unitCode = word == "식" ? "LS" : "C62"
                } else {
                    unit = shape.factors.map { String($0.drop { $0.isNumber || $0 == "," }) }.joined(separator: "×")
                    unitCode = "C62"
                }
            } else {
                specification = "\(grouped(shape.lumpSum))원"
                quantity = 1
                unitPrice = shape.lumpSum
                unit = "식"
                unitCode = "LS"
            }
            amount = (shape.amount + 500) / 1_000 * 1_000
            vat = amount / 11
            estimatedPrice = amount - vat
            package = Synthetic.package(index / 10)
        }
    }

    /// Rows are bought ten to a contract: `P000001`.
    static func package(_ group: Int) -> String {
        let digits = String(group + 1)
        return "P" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    static let period = "2026-03~2026-11"
    static let officer = "김은영"
    static let program = "도시 예산 벤치마크 사업"
}
