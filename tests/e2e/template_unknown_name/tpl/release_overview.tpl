@title {{ programme.name | quote }} {{ totals.projects | count:"개 프로젝트" }}
□ 참여기업 {{ totals.firms | count:"개 사" }}, 지원 {{ totals.amount | eok }}
