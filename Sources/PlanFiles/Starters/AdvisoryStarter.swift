/// The starter plan `planner new advisory` prints.
public enum AdvisoryStarter {
    /// The starter for `year`: its `year:`, period and every date are in that year.
    public static func yaml(year: Int) -> String {
        """
            # 자문위원회 계획 — a starter plan. Change the values, then:
            #   planner budget this-file.yaml      (the budget page)
            #   planner check this-file.yaml       (every arithmetic and consistency finding)
            # Money is always written with its unit (150,000원, 13,500천원); counts are plain numbers.

            program: 소셜미디어 정책 자문위원회 운영     # 사업명
            year: \(year)
            division: 뉴미디어담당관
            period: \(year)-01-01 ~ \(year)-12-31
            policy:
              rounding: half-up        # 원 → 천원 for each line
              percent: half-up         # (B-A)*100/A in the summary table

            categories:
              - code: 201-01
                name: 사무관리비
                items:
                  - name: 정책 자문위원회 운영
                    lines:
                      - kind: advisory
                        name: 소셜미디어 정책 자문위원회
                        members: 12                  # 위원 수, or a list of names: [홍길동, 김철수, …]
                        meetings: 4                  # 회의 횟수
                        dates: [\(year)-03-18, \(year)-06-17, \(year)-09-16, \(year)-11-18]   # optional, one per meeting
                        # 참석수당 per member per meeting. Leave it out to use the standard rate
                        # (committee.allowance in Events/rates.yaml); write it with a reason to depart.
                        allowance: { amount: 200,000원, reason: "2시간 회의 기준 (위원회 수당 지급 기준)" }
                        # 운영경비 per person per meeting: an amount, `standard`, or leave it out for none.
                        operatingCost: { amount: 15,000원, reason: "다과 및 자료 인쇄" }
                        writtenReviews: 2            # optional: 서면심의 건수
                        reviewAllowance: { amount: 100,000원, reason: "서면심의 1건 기준" }
                      - name: 회의 결과 보고서 인쇄
                        amount: 600,000원
            """
    }
}
