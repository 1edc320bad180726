/// The starter plan `planner new conference` prints: a two-day international conference with foreign
/// speakers and simultaneous interpretation. Every rate is written in the plan, so it is accepted with
/// or without a rate table; against `Events/rates.yaml` the departures show up as notes with their reasons.
/// Everything it buys from vendors is one package (one contract with the event agency).
public enum ConferenceStarter {
    /// The starter for `year`: its `year:`, period and every date are in that year.
    public static func yaml(year: Int) -> String {
        """
            # 국제 컨퍼런스 계획 — a starter plan. Change the values, then:
            #   planner budget this-file.yaml      (the budget page)
            #   planner check this-file.yaml       (every arithmetic and consistency finding)
            # Money is always written with its unit (150,000원, 13,500천원); counts are plain numbers.

            program: 서울 국제 소셜미디어 컨퍼런스 개최     # 사업명
            year: \(year)
            division: 뉴미디어담당관
            period: \(year)-01-01 ~ \(year)-12-31
            policy:
              rounding: half-up        # 원 → 천원 for each line
              percent: half-up         # (B-A)*100/A in the summary table

            # 환율: won per 1 unit of each currency a fee is written in (JPY per 1 yen, e.g. 9.2원).
            # A foreign fee becomes won as fee × rate, rounded half-up to the won once per fee.
            exchangeRates:
              USD: 1,380원

            categories:
              - code: 201-03
                name: 행사운영비
                items:
                  - name: 서울 국제 소셜미디어 컨퍼런스
                    lines:
                      - kind: conference
                        name: \(year) 서울 소셜미디어 컨퍼런스
                        # One contract with the event agency (행사대행) for everything the conference buys:
                        # as separate contracts its lines would split one purchase (분할계약).
                        package: conference-agency
                        days: 2                          # 행사 일수 (one planned session per day)
                        dates: [\(year)-10-14, \(year)-10-15]  # optional, one per day
                        attendees: 300                   # optional: 일일 예상 참석 인원

                        # 연사초청경비 등 — a list of speakers, or one amount (speakers: 40,000,000원)
                        speakers:
                          - name: 기조연설 (해외)          # for you; not printed
                            type: foreign                # domestic (국내연사) | foreign (해외연사)
                            fee: USD 5,000               # 사례비 per speaker: in won (3,000,000원) or USD/EUR/JPY …
                            class: business              # seat class and origin region pick the standard
                            from: northAmerica           #   round-trip fare airfare.business.northAmerica
                            airfare:                     # optional: the fare itself, with its reason
                              amount: 7,500,000원
                              reason: 북미 왕복 비즈니스석 견적
                            hotelNights: 3               # 숙박 박수 per speaker
                            hotelRate:                   # optional: hotel.night otherwise
                              amount: 250,000원
                              reason: 행사장 인근 호텔 협약 요금
                            localTransport:              # optional: standard, an amount, or leave it out
                              amount: 150,000원
                              reason: 공항 픽업 및 시내 이동
                          - type: domestic
                            count: 3                     # speakers on the same terms
                            fee: 1,000,000원

                        # 행사장 및 부대행사장 조성비 — or one amount (venue: 28,000,000원)
                        venue:
                          mainHall:
                            dayRate: 6,000,000원         # 대관료 per day; days: default the conference's
                          sideRooms:
                            rooms: 2
                            dayRate: 1,000,000원         # per room per day
                          setup: 8,000,000원             # 무대·음향·영상 설치
                          decoration: 2,000,000원        # 현수막·포토월 등 장식

                        # 통번역, 수송, 오만찬 등 — or one amount (services: 12,000,000원)
                        services:
                          interpretation:                # simultaneous: one booth per language
                            languages: [영어]              # or how many: languages: 2
                            interpretersPerBooth: 2      # optional, default 2
                            dayRate:                     # per interpreter per day (interpretation.simultaneous)
                              amount: 1,300,000원
                              reason: 통역 에이전시 견적
                            boothRental:                 # per booth per day: standard, an amount, or leave out
                              amount: 600,000원
                              reason: 통역 에이전시 견적
                            receivers: 200               # 수신기 per day
                            receiverRate:
                              amount: 6,000원
                              reason: 통역 에이전시 견적
                          translation:
                            pages: 80                    # 발표자료 번역 매수
                            pageRate:
                              amount: 30,000원
                              reason: 번역 업체 견적
                          transport:                     # free lines: unitPrice with factors, or amount
                            - name: 연사 의전차량 임차
                              unitPrice: 400,000원
                              factors: [1대, 2일]
                          receptions:                    # persons × price per person (× times)
                            - name: 연사 환영 만찬
                              persons: 30
                              unitPrice: 70,000원

                        # 홍보비 — channel: amount lines, or one amount
                        promotion:
                          SNS 광고: 3,000,000원
                          옥외 현수막: 1,000,000원

                        # 인쇄물 제작비 — items × copies × price, or one amount
                        print:
                          - item: 자료집
                            copies: 300
                            unitPrice: 10,000원
                          - item: 명찰
                            copies: 300
                            unitPrice: 1,500원
                            unit: 개                      # default 부

                      # Anything else is an ordinary line beside the event; this one is bought from
                      # the same agency, in the same contract.
                      - name: 행사 기록 영상 제작
                        amount: 3,000,000원
                        package: conference-agency
            """
    }
}
