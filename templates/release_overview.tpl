{#
  release_overview.tpl — the programme-wide 보도자료 on 「레전드 50⁺」.

  Renders to the release markup of docs/release-markup.md from the report
  model of docs/template-model.md; the language is described in
  docs/templates.md. Every figure comes from the model (computed once, before
  rounding); this file only chooses words, order and tables. A PR officer may
  change the wording freely: keep the particle filters (| 은, | 과, | 을 …)
  after every name or figure that a particle follows, so that the sentence
  still agrees when the name changes.

  Rules the wording keeps: shares in tables are share_r (largest remainder,
  so that they add up to the 100.0% of the 합계 row); a firm in two rows is
  counted once in 합계 (say so); 수도권/비수도권 is by the firm's location,
  the region table by the project's 시·도 (say so); speech in “ ”; the
  projects named by support are the period's first three by p.rank (ties in
  projects.csv order), only when more than one project has support. A period
  without support (totals.amount 0) says so and gives the cumulative figures;
  with none up to its end either (cumulative.amount 0) the release says there
  is no support yet and prints no zero figures (the run warns about it). No
  "순으로 … 컸다" for one instrument; the split of executed and selected only
  when both are there.
#}
{% if totals.amount > 0 %}
@title 중기부, {{ programme.name | quote }} {{ totals.projects | count:"개 프로젝트" }} 참여기업
@title {{ totals.firms | count:"개 사" }}에 {{ totals.amount | eok }} 집중 지원
{% elif cumulative.amount > 0 %}
@title 중기부, {{ programme.name | quote }} {{ cumulative.projects | count:"개 프로젝트" }} 참여기업
@title 사업 시작 이후 {{ cumulative.firms | count:"개 사" }}에 {{ cumulative.amount | eok }} 지원
@subtitle {{ period.text }}에는 새로 선정되거나 집행된 지원 없음
{% else %}
@title 중기부, {{ programme.name | quote }} {{ projects | length }}개 지역특화 프로젝트
@title 지원 실적 없음{% if period.to %}({{ period.to | date }} 기준){% endif %}
@subtitle {{ regions | length }}개 시·도, {{ projects | length }}개 프로젝트 추진
{% endif %}
{% if totals.amount > 0 %}
{% if period.all %}
@subtitle 사업 시작 이후 {{ period.to | date }}까지 {{ totals.instruments | count:"개" }} 정책수단을 지역 핵심기업에 연계
{% else %}
@subtitle {{ period.text }} {{ totals.instruments | count:"개" }} 정책수단 연계, 사업 시작 이후 누적 {{ cumulative.amount | eok }}
{% endif %}
{% if compare.yoy.amount_rate %}
@subtitle 전년 동기 대비 지원금액 {% if compare.yoy.amount_dir == "동일" %}같은 수준{% else %}{{ compare.yoy.amount_rate | pct }} {{ compare.yoy.amount_dir }}{% endif %}{% if compare.yoy.firms_dir %}, 참여기업 {% if compare.yoy.firms_dir == "동일" %}같은 수준{% else %}{{ compare.yoy.firms_rate | pct }} {{ compare.yoy.firms_dir }}{% endif %}{% endif %}
{% elif capital.revenue_share_noncapital %}
@subtitle 참여기업 매출의 {{ capital.revenue_share_noncapital | pct }}, 수출의 {{ capital.exports_share_noncapital | pct | default:"-" | 가 }} 비수도권 기업에서 발생
{% endif %}
{% endif %}

{% if totals.amount > 0 %}
□ {{ release.ministry }}(이하 중기부)는 {% if period.all %}사업 시작 이후 {{ period.to | date }}까지{% else %}{{ period.text }} 동안{% endif %} {{ programme.name | quote }} 지역특화 프로젝트 {{ totals.projects | count:"개" }}에 참여한 지역 중소기업 {{ totals.firms | count:"개 사" }}에 {{ totals.instruments | count:"개" }} 정책수단을 연계하여 {{ totals.amount | eok | 을 }} 지원했다고 밝혔다.
{% elif cumulative.amount > 0 %}
□ {{ release.ministry }}(이하 중기부)는 사업 시작 이후 {{ period.to | date }}까지 {{ programme.name | quote }} 지역특화 프로젝트 {{ cumulative.projects | count:"개" }}에 참여한 지역 중소기업 {{ cumulative.firms | count:"개 사" }}에 {{ cumulative.instruments | count:"개" }} 정책수단을 연계하여 {{ cumulative.amount | eok | 을 }} 지원했다고 밝혔다.

○ {{ period.text }}에는 새로 선정되거나 집행된 지원이 없었다.
{% else %}
□ {{ release.ministry }}(이하 중기부)가 추진하는 {{ programme.name | quote }} 지역특화 프로젝트 {{ projects | length }}개는 {% if period.to %}{{ period.to | date }}까지 {% endif %}선정되거나 집행된 지원 실적이 아직 없다.
{% endif %}

○ {{ programme.name | quote | 는 }} 시·도와 지역 테크노파크가 지역 특화산업을 중심으로 프로젝트를 기획하고, 중기부가 {% for i in instruments %}{% if loop.index <= 4 %}{% if not loop.first %}·{% endif %}{{ i.name }}{% endif %}{% endfor %}{% if instruments %} 등 {% endif %}정책수단을 참여기업에 집중 연계하는 지역 주도형 중소기업 육성 사업이다.
{% if totals.amount > 0 %}

{% if not totals.selected %}
○ 지원금액은 모두 집행이 완료되었다.
{% elif not totals.executed %}
○ 지원금액은 모두 지원 대상으로 선정되어 집행을 앞두고 있다.
{% else %}
○ 지원금액 가운데 집행이 완료된 금액은 {{ totals.executed | eok | 이며 }}, 지원 대상으로 선정되어 집행을 앞둔 금액은 {{ totals.selected | eok | 이다 }}.
{% endif %}
{% endif %}
{% if compare.yoy %}

{% if compare.yoy.amount_dir %}
{% if totals.amount == 0 %}
○ 지원금액은 전년 동기({{ compare.yoy.text }}) {{ compare.yoy.amount | eok }}({{ compare.yoy.firms | count:"개 사" }}) 대비 {{ compare.yoy.amount_rate | pct }} 감소했다.
{% else %}
○ 전년 동기({{ compare.yoy.text }})와 비교하면 지원금액은 {{ compare.yoy.amount | eok }}에서 {{ totals.amount | eok | 으로 }} {% if compare.yoy.amount_dir == "동일" %}같았고{% else %}{{ compare.yoy.amount_rate | pct }} {{ compare.yoy.amount_dir }}했고{% endif %}, 참여기업은 {{ compare.yoy.firms | count:"개 사" }}에서 {{ totals.firms | count:"개 사" | 로 }} {% if compare.yoy.firms_dir == "동일" %}같았다{% elif compare.yoy.firms_dir %}{{ compare.yoy.firms_rate | pct }} {{ compare.yoy.firms_dir }}했다{% else %}늘었다{% endif %}.
{% endif %}
{% else %}
○ 전년 동기({{ compare.yoy.text }})에는 지원 실적이 없었다.
{% endif %}
{% endif %}
{% if compare.qoq.amount_dir %}

- 직전 분기({{ compare.qoq.text }}) {{ compare.qoq.amount | eok | 과 }} 비교하면 지원금액이 {% if compare.qoq.amount_dir == "동일" %}같은 수준이다{% else %}{{ compare.qoq.amount_rate | pct }} {{ compare.qoq.amount_dir }}했다{% endif %}.
{% endif %}
{% if not period.all %}{% if totals.amount > 0 %}

○ 사업 시작 이후 {{ period.to | date }}까지의 누적 실적은 참여기업 {{ cumulative.firms | count:"개 사" }}, 지원 {{ cumulative.allocs | count:"건" }}, {{ cumulative.amount | eok }}에 이른다.
{% endif %}{% endif %}
{% if totals.amount > 0 %}

{% if totals.instruments > 1 %}
□ 정책수단별로는 {% for i in instruments %}{% if loop.index <= 3 %}{% if not loop.first %}, {% endif %}{{ i.name }} {{ i.amount | eok }}({{ i.share_r | pct | default:"-" }}){% endif %}{% endfor %} 순으로 지원 규모가 컸다.
{% else %}
□ 지원은 모두 {% for i in instruments %}{% if loop.first %}{{ i.name | 을 }}{% endif %}{% endfor %} 통해 이루어졌다.
{% endif %}

@caption 정책수단별 지원 현황
@unit (단위: 개 사, 건, {{ unit.label }}, %)
@table 정책수단 | 지원기업 | 지원건수 | 지원금액 | 비중{% if compare.yoy %} | 전년 동기 대비{% endif %}
{% for i in instruments %}
| {{ i.name | cell }} | {{ i.firms | num }} | {{ i.allocs | num }} | {{ i.amount | unit }} | {{ i.share_r | pct | default:"-" }} |{% if compare.yoy %} {% if i.yoy_dir == "감소" %}△{% endif %}{{ i.yoy_rate | pct | default:"-" }} |{% endif %}
{% endfor %}
| 합계 | {{ totals.firms | num }} | {{ totals.allocs | num }} | {{ totals.amount | unit }} | {% if totals.amount > 0 %}100.0%{% else %}-{% endif %} |{% if compare.yoy %} {% if compare.yoy.amount_dir == "감소" %}△{% endif %}{{ compare.yoy.amount_rate | pct | default:"-" }} |{% endif %}
@end
{% if overlap.instruments %}
※ 지원기업 합계는 둘 이상의 정책수단을 지원받은 기업을 한 번만 센 수로, 정책수단별 지원기업의 합과 다를 수 있음
{% endif %}
{% if compare.yoy %}
※ 전년 동기 대비는 지원금액의 증감률(△는 감소), 전년 동기 실적이 없으면 ‘-’
{% endif %}
{% endif %}
{% if cumulative.amount > 0 %}

@chart 분기별 지원금액{% if not period.all %} (음영: {{ period.text }}){% endif %}
{% for q in quarters %}
| {{ q.label | cell }} | {{ q.amount }} | {{ q.amount | eok }} |{% if q.in_period %}{% if not period.all %} * |{% endif %}{% endif %}
{% endfor %}
@end
{% endif %}

□ 지역별로는 {{ regions | length }}개 시·도에서 프로젝트를 추진하고 있{% if totals.amount > 0 %}으며, 소재지 기준으로 비수도권 기업 {{ capital.firms_noncapital | count:"개 사" }}, 수도권 기업 {{ capital.firms_capital | count:"개 사" | 가 }} 참여하고 있다{% else %}다{% endif %}.
{% if totals.projects > 1 %}

○ 프로젝트별로는 {% for p in projects %}{% if p.rank == 1 %}{{ p.region | sido }} {{ p.title | quote }}({{ p.amount | eok }}){% endif %}{% endfor %}{% for p in projects %}{% if p.rank == 2 %}, {{ p.region | sido }} {{ p.title | quote }}({{ p.amount | eok }}){% endif %}{% endfor %}{% for p in projects %}{% if p.rank == 3 %}, {{ p.region | sido }} {{ p.title | quote }}({{ p.amount | eok }}){% endif %}{% endfor %} 순으로 지원 규모가 컸다.
{% endif %}
{% if capital.revenue_share_noncapital %}

○ 참여기업 매출에서 비수도권 기업이 차지하는 비중은 {{ capital.revenue_share_noncapital | pct }}, 수출 비중은 {{ capital.exports_share_noncapital | pct | default:"-" }}로 집계되었다.

○ 중기부는 2027년까지 중소기업과 비수도권 기업의 수출·매출 비중을 50% 이상으로 높이는 「K-중소기업 50⁺」 목표에 따라, 프로젝트별 성과를 이 지표로 꾸준히 점검할 계획이다.
{% endif %}
{% if totals.amount > 0 %}

@caption 시·도별 지원 현황
@unit (단위: 개, 개 사, {{ unit.label }}, %)
@table 시·도 | 프로젝트 | 지원기업 | 지원금액 | 비중
{% for r in regions %}
| {{ r.short }} | {{ r.projects | num }} | {{ r.firms | num }} | {{ r.amount | unit }} | {{ r.share_r | pct | default:"-" }} |
{% endfor %}
| 합계 | {{ totals.projects | num }} | {{ totals.firms | num }} | {{ totals.amount | unit }} | {% if totals.amount > 0 %}100.0%{% else %}-{% endif %} |
@end
※ 시·도는 프로젝트를 추진하는 시·도 기준(기업 소재지와 다를 수 있음), 프로젝트는 해당 기간에 지원 실적이 있는 프로젝트 수
{% if overlap.regions %}
※ 지원기업 합계는 둘 이상의 시·도 프로젝트에 참여한 기업을 한 번만 센 수로, 시·도별 지원기업의 합과 다를 수 있음
{% endif %}
※ 수도권(서울·인천·경기)·비수도권 구분은 참여기업의 소재지 기준
{% endif %}

□ (향후 계획) 중기부는 {{ programme.name | quote }} 프로젝트별 성과를 분기마다 점검하고, {% if grades.poor > 0 %}평가 결과가 미흡한 {{ grades.poor | count:"개" }} 프로젝트는 사업 계획을 보완하도록 하는 한편, {% endif %}참여기업 수요에 맞는 정책수단을 적기에 연계해 나갈 계획이다.

□ {{ release.speaker | 은 }} “{{ programme.name | quote | 는 }} 지역이 스스로 강점을 가진 산업을 골라 기획하고, 중앙정부가 정책수단을 한데 모아 지원하는 새로운 지역 중소기업 정책 모델”이라며, “참여기업이 지역 경제를 이끄는 핵심기업으로 성장할 수 있도록 프로젝트별 성과를 꼼꼼히 점검하고 현장의 의견을 반영해 지원을 강화해 나가겠다”고 밝혔다.

{% if period.to %}
※ 지원 실적은 {{ period.from | date }}~{{ period.to | date }} 선정·집행된 지원 기준이며, 취소된 {{ cancelled.allocs | count:"건" }}({{ cancelled.amount | eok }})은 제외
{% endif %}
※ 금액은 국비와 지방비를 합한 지원금액이며, 표의 금액은 {{ unit.label }} 단위로 반올림하여 합계와 끝자리가 다를 수 있음

@contacts
| 담당 부서 | {{ release.department | cell }} |
{% for c in release.contacts %}
| {{ c.role | cell }} | {{ c.title | cell }} {{ c.name | cell }}{% if c.phone %} ({{ c.phone | cell }}){% endif %} |
{% endfor %}
@end

@attachment 붙임 1 | 프로젝트별 지원 현황
@unit (단위: 개 사, {{ unit.label }}, %)
@table 연번 | 시·도 | 프로젝트 | 단계 | 평가 | 지원기업 | 지원금액 | 누적 집행률
{% for r in regions %}
{% for p in projects %}
{% if p.region == r.name %}
| {{ p.region_no }} | {{ p.region_short }} | {{ p.title | cell }} | {{ p.phase | default:"-" | cell }} | {{ p.grade | default:"-" }} | {{ p.firms | num }} | {{ p.amount | unit }} | {{ p.cum.exec_rate | pct | default:"-" }} |
{% endif %}
{% endfor %}
{% endfor %}
| 합계 | | | | | {{ totals.firms | num }} | {{ totals.amount | unit }} | |
@end
※ 시·도 순, 평가는 1.0 프로젝트는 수행평가, 2.0 프로젝트는 선정평가 등급(우수 {{ grades.excellent | count:"개" }}, 보통 {{ grades.fair | count:"개" }}, 미흡 {{ grades.poor | count:"개" }}, 미평가 {{ grades.none | count:"개" }})
※ 누적 집행률은 {% if period.to %}{{ period.to | date }}까지 {% endif %}집행이 완료된 금액의 프로젝트 사업비 대비 비율(선정 후 집행 전인 금액 제외), 사업비가 없는 프로젝트는 ‘-’
{% if overlap.projects %}
※ 지원기업 합계는 둘 이상의 프로젝트에 참여한 기업을 한 번만 센 수
{% endif %}
{% if cumulative.amount > 0 %}

@attachment 붙임 2 | 분기별 지원 실적
@unit (단위: 건, {{ unit.label }}, %)
@table 분기 | 지원건수 | 지원금액 | 전년 동기 대비
{% for q in quarters %}
| {{ q.label }} | {{ q.allocs | num }} | {{ q.amount | unit }} | {% if q.yoy_dir == "감소" %}△{% endif %}{{ q.yoy_rate | pct | default:"-" }} |
{% endfor %}
| 합계 | {{ cumulative.allocs | num }} | {{ cumulative.amount | unit }} | |
@end
※ 전년 동기 대비는 같은 분기 지원금액의 전년 대비 증감률(△는 감소), 전년 같은 분기의 실적이 없으면 ‘-’
{% endif %}

@attachment 붙임 {% if cumulative.amount > 0 %}3{% else %}2{% endif %} | {{ programme.name | quote }} 사업 개요
@box 사업 개요
■ (목적) 지역 특화산업을 이끌 핵심 중소기업을 집중 육성하여 지역 주도 성장 기반 마련
■ (구조) 시·도와 테크노파크가 지역 특화 프로젝트를 기획하고, 중기부가 정책수단을 참여기업에 집중 연계
■ (규모) {{ projects | length }}개 프로젝트{% if cumulative.amount > 0 %}, {{ period.to | date }} 기준 누적 참여기업 {{ cumulative.firms | count:"개 사" }}, 누적 지원 {{ cumulative.amount | eok }}{% endif %}
■ (평가) 1.0 프로젝트는 매년 수행평가, 2.0 프로젝트는 선정평가로 우수·보통·미흡 등급 부여(우수 {{ grades.excellent | count:"개" }}, 보통 {{ grades.fair | count:"개" }}, 미흡 {{ grades.poor | count:"개" }}, 미평가 {{ grades.none | count:"개" }})
@end
