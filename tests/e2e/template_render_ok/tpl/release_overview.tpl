@title {{ programme.name | quote | 는 }} {{ totals.projects | count:"개 프로젝트" | 로 }} 구성
□ 지원 총액 {{ totals.amount | money }}, 기간 {{ period.from | date }} ~ {{ period.to | date }}
