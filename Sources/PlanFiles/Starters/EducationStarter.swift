/// The starter plan `planner new education` prints.
public enum EducationStarter {
    /// The starter for `year`: its `year:`, period and every date are in that year.
    public static func yaml(year: Int) -> String {
        """
            # 직원 교육 계획 — a starter plan. Change the values, then:
            #   planner budget this-file.yaml      (the budget page)
            #   planner check this-file.yaml       (every arithmetic and consistency finding)
            # Money is always written with its unit (500,000원, 6,000천원); counts are plain numbers.

            program: 직원 소셜미디어 역량 강화 교육     # 사업명
            year: \(year)
            division: 뉴미디어담당관
            period: \(year)-01-01 ~ \(year)-12-31      # rates are looked up for the first day
            policy:
              rounding: half-up        # 원 → 천원 for each line
              percent: half-up         # (B-A)*100/A in the summary table

            categories:
              - code: 201-01
                name: 사무관리비
                items:
                  - name: 직원 소셜미디어 전문가 교육
                    lines:
                      - kind: education
                        name: 직원 소셜미디어 전문가 교육
                        # 강사료 per session = 최초 1시간 + 초과 1시간마다 × (hours − 1), by the lecturer's grade
                        # in Events/rates.yaml: special (특별강사), grade1 (1급강사), grade2 (2급강사).
                        grade: grade1
                        hours: 2                     # 교육 시간 per session, whole hours
                        # Leave lecturerFee out to use the standard rate for the grade and hours; write it
                        # with a reason to depart (check shows the reason).
                        lecturerFee: { amount: 600,000원, reason: "1급강사 2시간 (강사수당 지급 기준)" }
                        headcount: 40                # 교육 인원 per session (for attendance)
                        # 교육 회차: a count (sessions: 6, with dates: [...] optionally), or one entry per
                        # session with date, topic and headcount. A session may have its own grade, hours
                        # and lecturerFee, and `manuscript: no` when no 원고료 is paid for it.
                        sessions:
                          - date: \(year)-03-11
                            topic: 공공기관 소셜미디어 전략
                            grade: special
                            lecturerFee: { amount: 850,000원, reason: "특별강사 2시간 (강사수당 지급 기준)" }
                          - { date: \(year)-04-08, topic: 숏폼 영상 기획과 촬영 }
                          - { date: \(year)-05-13, topic: 카드뉴스 디자인 실습 }
                          - { date: \(year)-06-10, topic: 위기 대응 커뮤니케이션 }
                          - { date: \(year)-09-09, topic: 데이터로 보는 SNS 성과 }
                          - { date: \(year)-10-14, topic: 우수 사례 발표회, manuscript: no }
                        # 원고료 per manuscript; one per session unless manuscripts: gives a count.
                        manuscriptFee: { amount: 350,000원, reason: "원고 1건 기준" }
                        # 교재제작 등 운영비: one amount for materials and operations.
                        materials: 3,000,000원
                        # A rented room: rooms × days × rate (leave venue out when the room is free).
                        venue:
                          rooms: 1
                          days: 6
                          rate: { amount: 600,000원, reason: "교육장 1일 대관료 견적" }
                      # Raw lines stand beside the event, for anything the kind does not plan.
                      - name: 수료증 제작
                        unitPrice: 5,000원
                        factors: [40매]
            """
    }
}
