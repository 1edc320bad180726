/// The starter plan `planner new fam-tour` prints.
public enum FamTourStarter {
    /// The starter for `year`: its `year:`, period and every date are in that year.
    public static func yaml(year: Int) -> String {
        """
            # 1인미디어 팸투어 계획 — a starter plan. Change the values, then:
            #   planner budget this-file.yaml      (the budget page)
            #   planner check this-file.yaml       (every arithmetic and consistency finding)
            # Money is always written with its unit (150,000원, 18,000천원); counts are plain numbers.

            program: 1인미디어와 함께하는 서울 알리기     # 사업명
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
                  - name: SNS 오피니언리더들과의 소통기반 강화
                    lines:
                      - kind: fam-tour
                        name: 1인미디어 팸투어          # 행사명: names the event in exports and attendance
                        # One contract with a travel agency (여행사) for what the tours buy (transport, meals,
                        # experience, insurance); leave package out only if each is bought on its own.
                        package: fam-tour-agency
                        influencers: 10              # 회당 참가 인플루언서 수
                        # 팸투어 횟수: a number (tours: 4, with optional dates: [\(year)-04-18, …]),
                        # or the tours themselves, each with an optional date and destination (행선지).
                        tours:
                          - { date: \(year)-04-18, destination: 북촌 한옥마을 }
                          - { date: \(year)-06-13, destination: 서울로7017·남대문시장 }
                          - { date: \(year)-09-19, destination: 한강 노들섬 }
                          - { date: \(year)-11-07, destination: 성수동 수제화거리 }
                        # 1인당 1회 경비. Either ONE amount for everything (one line, as on the 2017 page):
                        #   perPerson: 150,000원      →  1인미디어 팸투어 150,000원*10명*4회
                        # or, as here, its breakdown: one line per component. Each is an amount, `standard`
                        # (the rate in Events/rates.yaml: famTour.meal, famTour.activityFee, …), or
                        # { amount, reason } to depart from the standard rate (the reason shows in check).
                        costs:
                          transport: 40,000원        # 교통비 (전세버스)
                          meals: { amount: 40,000원, reason: "중식·석식 2식 기준" }
                          experience: 20,000원       # 체험비 (입장료, 체험 프로그램)
                          insurance: 5,000원         # 여행자보험료
                          # 활동비 is paid to each influencer (기타소득, withheld when over 125,000원).
                          activityFee: { amount: 150,000원, reason: "콘텐츠 1건 이상 게시 조건" }
                          other:                     # anything else, with its own name, per person per tour
                            - { name: 팸투어 기념품, amount: 10,000원 }
                        # layout: roll-up            # optional: ONE line (1인미디어 팸투어 …원*1식) with the
                        #                            # components listed beneath it
                      - name: 팸투어 콘텐츠 모니터링 및 결과보고서
                        amount: 1,500,000원
            """
    }
}
