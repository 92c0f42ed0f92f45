{#
  release_project.tpl — one project's 보도자료 (the context is the programme
  model plus `project`, see docs/template-model.md).

  Renders to the release markup of docs/release-markup.md; the language is
  described in docs/templates.md. Names are followed by particle filters
  (| 은, | 과, | 을 …) so that every sentence agrees whatever the region,
  agency or project is called. Optional fields (grade, budget, years) are
  written only when present.

  Rules the wording keeps (README.md, "The releases"):
  - praise (성과를 인정받았다, 대표 사례) only for the grade 우수; 보통 is stated
    plainly; 미흡 gets the neutral 보완 sentence; no grade, no sentence. The
    evaluation is project.evaluation (2.0: 선정평가, 1.0: 수행평가);
  - 집행률 is always the cumulative one (project.cum.exec_rate), to the period's end;
    over the whole programme (period.all) the executed amount is already the
    cumulative one, so the sub-bullet gives only the rate, not the amount again;
  - support above the 사업비 (project.over_budget) carries the ※ note on 연계 지원;
  - a 집행률 above 100 % (project.exec_over: more executed than the 사업비, which
    linked 정책자금 or amounts in mixed units make; the run warns) is never
    printed: the release says the executed amount passes the 사업비 instead;
  - the 시·도 is named with | sido everywhere (title and body alike);
  - speech is in curly quotes “ ”;
  - a period without support says so (project.amount 0): the headline and the
    lead give the cumulative figures, and a bullet says that nothing was
    selected or executed in the period; with none up to the period's end
    either (project.cum.amount 0) the release says there is no support yet
    and prints no zero figures (the run warns about such a release), plans to
    select firms and quotes support to come, not results to check; a period
    that ends before the project's first year (project.not_started) says the
    project has not begun, and one that ends after its last year
    (project.ended) speaks of it in the past and plans for its results;
  - a period without support but with some before it gives the fall against
    the earlier period as the earlier figures and the rate ("… 약 12억 원(19개
    사) 대비 100.0% 감소했다"), never "0개 사로";
  - what ranks or orders needs more than one of its kind: no "순으로 … 컸다" for
    one instrument, no rank among the projects when the run has one (--project),
    and a split of executed and selected only when both are there.
#}
@title {{ project.region | sido }}, {{ project.title | quote }}
{% if project.amount > 0 %}
@title 참여기업 {{ project.firms | count:"개 사" }}에 {{ project.amount | eok }} 지원
{% elif project.cum.amount > 0 %}
@title 사업 시작 이후 참여기업 {{ project.cum.firms | count:"개 사" }}에 {{ project.cum.amount | eok }} 지원
{% elif project.not_started %}
@title {{ project.start_year }}년 사업 시작 예정({{ period.to | date }} 기준)
{% else %}
@title 지원 실적 없음{% if period.to %}({{ period.to | date }} 기준){% endif %}
{% endif %}
{% if project.cum.amount > 0 %}
@subtitle {{ project.lead_agency }} 주관으로 {% if project.amount > 0 %}{{ project.ninstruments | count:"개" }}{% else %}{{ project.cum.ninstruments | count:"개" }}{% endif %} 정책수단을 지역 핵심기업에 집중 연계
{% else %}
@subtitle {{ project.lead_agency }} 주관{% if project.budget %}, 사업비 {{ project.budget | eok }}{% endif %}
{% endif %}
{% if project.cum.amount > 0 %}
{% if project.amount == 0 %}
@subtitle {{ period.text }} 신규 지원 없음{% if project.cum.exec_rate %}{% if not project.exec_over %}, 사업비 대비 누적 집행률 {{ project.cum.exec_rate | pct }}{% endif %}{% endif %}
{% elif project.yoy.amount_rate %}
@subtitle 지원금액 전년 동기 대비 {{ project.yoy.amount_rate | pct }} {{ project.yoy.amount_dir }}{% if project.cum.exec_rate %}{% if not project.exec_over %}, 사업비 대비 누적 집행률 {{ project.cum.exec_rate | pct }}{% endif %}{% endif %}
{% elif project.budget %}
{% if project.exec_over %}
@subtitle 사업비 {{ project.budget | eok }} 외 연계 지원 포함{% if not period.all %}{% if project.amount > 0 %}, 사업 시작 이후 누적 {{ project.cum.amount | eok }} 지원{% endif %}{% endif %}
{% else %}
@subtitle 사업비 {{ project.budget | eok }} 대비 누적 집행률 {{ project.cum.exec_rate | pct | default:"-" }}{% if not period.all %}{% if project.amount > 0 %}, 사업 시작 이후 누적 {{ project.cum.amount | eok }} 지원{% endif %}{% endif %}
{% endif %}
{% elif not period.all %}{% if project.amount > 0 %}
@subtitle 사업 시작 이후 누적 {{ project.cum.firms | count:"개 사" }}에 {{ project.cum.amount | eok }} 지원
{% endif %}{% endif %}
{% endif %}

{% if project.amount > 0 %}
□ {{ release.ministry }}(이하 중기부)와 {{ project.region | sido | 는 }} {% if period.all %}사업 시작 이후 {{ period.to | date }}까지{% else %}{{ period.text }} 동안{% endif %} {{ programme.name | quote }} 지역특화 프로젝트인 {{ project.title | quote | 을 }} 통해 지역 중소기업 {{ project.firms | count:"개 사" }}에 {{ project.amount | eok | 을 }} 지원했다고 밝혔다.
{% elif project.cum.amount > 0 %}
□ {{ release.ministry }}(이하 중기부)와 {{ project.region | sido | 는 }} {{ programme.name | quote }} 지역특화 프로젝트인 {{ project.title | quote | 을 }} 통해 사업 시작 이후 {{ period.to | date }}까지 지역 중소기업 {{ project.cum.firms | count:"개 사" }}에 {{ project.cum.amount | eok | 을 }} 지원했다고 밝혔다.

○ {{ period.text }}에는 새로 선정되거나 집행된 지원이 없었다.
{% elif project.not_started %}
□ {{ release.ministry }}(이하 중기부)와 {{ project.region | sido | 이 }} 추진하는 {{ programme.name | quote }} 지역특화 프로젝트 {{ project.title | quote | 은 }} {{ period.to | date }} 현재 사업 시작 전으로, 선정되거나 집행된 지원 실적이 없다.
{% else %}
□ {{ release.ministry }}(이하 중기부)와 {{ project.region | sido | 이 }} 추진하는 {{ programme.name | quote }} 지역특화 프로젝트 {{ project.title | quote | 은 }} {% if period.to %}{{ period.to | date }}까지 {% endif %}선정되거나 집행된 지원 실적이 아직 없다.
{% endif %}

○ 이 프로젝트는 {{ project.lead_agency | 이 }} {% if project.start_year %}주관하고 {{ project.start_year }}년부터{% if project.end_year %} {{ project.end_year }}년까지{% endif %} {% if project.ended %}추진한{% else %}추진하는{% endif %}{% else %}주관하는{% endif %} 사업으로, {% if project.fields %}{{ project.fields | join:", " }}{% if project.nfields > 1 %} {{ project.nfields | count:"개" }}{% endif %} 특화분야를 중심으로 {% endif %}지역을 대표할 핵심기업을 집중 {% if project.ended %}육성했다{% else %}육성한다{% endif %}.
{% if project.instruments %}

{% if project.ninstruments > 1 %}
○ 참여기업에는 {% for i in project.instruments %}{% if not loop.first %}·{% endif %}{{ i.name }}{% endfor %} {{ project.ninstruments | count:"개 분야" }}의 정책수단이 연계되었다.

- 정책수단별로는 {% for i in project.instruments %}{% if loop.index <= 3 %}{% if not loop.first %}, {% endif %}{{ i.name }} {{ i.amount | eok }}({{ i.firms | count:"개 사" }}){% endif %}{% endfor %} 순으로 지원 규모가 컸다.
{% else %}
○ 참여기업에는 {% for i in project.instruments %}{{ i.name }}{% endfor %} 정책수단이 연계되었다.
{% endif %}
{% for i in project.instruments %}
{% if loop.first %}
{% if i.programme_projects > 1 %}
{% if i.programme_rank <= 3 %}

- 특히 {{ i.name }} 지원은 이 정책수단을 연계한 {{ i.programme_projects | count:"개" }} 프로젝트 가운데 {% if i.programme_rank == 1 %}가장 많은{% else %}{{ i.programme_rank }}번째로 많은{% endif %} 규모로, 전체 {{ i.name }} 지원의 {{ i.programme_share | pct }}에 해당한다.
{% endif %}
{% endif %}
{% endif %}
{% endfor %}
{% endif %}
{% if project.amount > 0 %}

{% if not project.selected %}
○ 지원금액은 모두 집행이 완료되었다.
{% elif not project.executed %}
○ 지원금액은 모두 지원 대상으로 선정되어 집행을 앞두고 있다.
{% else %}
○ 지원금액 가운데 집행이 완료된 금액은 {{ project.executed | eok | 이며 }}, 지원 대상으로 선정되어 집행을 앞둔 금액은 {{ project.selected | eok | 이다 }}.
{% endif %}
{% if project.budget %}

{% if period.all %}{% if project.exec_over %}
- 이는 프로젝트 사업비 {{ project.budget | eok | 을 }} 넘는 규모로, 연계 지원이 포함되어 있다.
{% else %}
- 이는 프로젝트 사업비 {{ project.budget | eok }} 대비 누적 집행률 {{ project.cum.exec_rate | pct | default:"-" }}에 해당한다.
{% endif %}{% elif project.exec_over %}
- {{ period.to | date }}까지 집행이 완료된 금액은 누적 {{ project.cum.executed | eok | 으로 }}, 사업비 외 연계 지원을 포함해 프로젝트 사업비 {{ project.budget | eok | 을 }} 넘는다.
{% else %}
- {{ period.to | date }}까지 집행이 완료된 금액은 누적 {{ project.cum.executed | eok | 으로 }}, 프로젝트 사업비 {{ project.budget | eok }} 대비 누적 집행률은 {{ project.cum.exec_rate | pct | default:"-" }}이다.
{% endif %}
{% endif %}
{% elif project.cum.amount > 0 %}
{% if project.budget %}

{% if project.exec_over %}
○ {{ period.to | date }}까지 집행이 완료된 금액은 누적 {{ project.cum.executed | eok | 으로 }}, 사업비 외 연계 지원을 포함해 프로젝트 사업비 {{ project.budget | eok | 을 }} 넘는다.
{% else %}
○ {{ period.to | date }}까지 집행이 완료된 금액은 누적 {{ project.cum.executed | eok | 으로 }}, 프로젝트 사업비 {{ project.budget | eok }} 대비 누적 집행률은 {{ project.cum.exec_rate | pct | default:"-" }}이다.
{% endif %}
{% endif %}
{% endif %}
{% if project.rank %}
{% if totals.projects > 1 %}{% if project.rank <= 3 %}

- 이 프로젝트의 지원 규모는 {{ totals.projects | count:"개" }} 프로젝트 가운데 {% if project.rank == 1 %}가장 크며{% else %}{{ project.rank }}번째로 크며{% endif %}, 전체 지원금액의 {{ project.share | pct | 를 }} 차지한다.
{% endif %}{% endif %}
{% endif %}
{% if project.yoy %}

{% if project.yoy.amount_dir %}
{% if project.amount == 0 %}
○ 지원금액은 전년 동기({{ compare.yoy.text }}) {{ project.yoy.amount | eok }}({{ project.yoy.firms | count:"개 사" }}) 대비 {{ project.yoy.amount_rate | pct }} 감소했다.
{% else %}
○ 지원금액은 전년 동기({{ compare.yoy.text }}) {{ project.yoy.amount | eok }}{% if project.yoy.amount_dir == "동일" %}와 같은 수준이고{% else %} 대비 {{ project.yoy.amount_rate | pct }} {{ project.yoy.amount_dir }}했고{% endif %}, 참여기업은 {% if project.yoy.firms_dir == "동일" %}{{ project.firms | count:"개 사" | 로 }} 같았다{% else %}{{ project.yoy.firms | count:"개 사" }}에서 {{ project.firms | count:"개 사" | 로 }} {% if project.yoy.firms_rate %}{{ project.yoy.firms_rate | pct }} {% endif %}{% if project.yoy.firms_dir == "감소" %}줄었다{% else %}늘었다{% endif %}{% endif %}.
{% endif %}
{% else %}
○ 전년 동기({{ compare.yoy.text }})에는 이 프로젝트의 지원 실적이 없었다.
{% endif %}
{% endif %}
{% if project.qoq.amount_dir %}

- 직전 분기({{ compare.qoq.text }}) {{ project.qoq.amount | eok | 과 }} 비교하면 지원금액이 {% if project.qoq.amount_dir == "동일" %}같은 수준이다{% else %}{{ project.qoq.amount_rate | pct }} {{ project.qoq.amount_dir }}했다{% endif %}.
{% endif %}
{% if not period.all %}{% if project.amount > 0 %}

○ 사업 시작 이후 {{ period.to | date }}까지의 누적 실적은 참여기업 {{ project.cum.firms | count:"개 사" }}, 지원 {{ project.cum.allocs | count:"건" }}, {{ project.cum.amount | eok }}에 이른다.
{% endif %}{% endif %}
{% if project.grade == "우수" %}

○ 아울러 이 프로젝트는 중기부의 {{ project.evaluation }}에서 ‘우수’ 등급을 받아 사업 추진 성과를 인정받았다.
{% elif project.grade == "보통" %}

○ 이 프로젝트는 중기부의 {{ project.evaluation }}에서 ‘보통’ 등급을 받았다.
{% elif project.grade == "미흡" %}

○ 중기부는 {{ project.evaluation }} 결과를 바탕으로 {{ project.lead_agency | 과 }} 함께 사업 추진 계획을 보완해 나갈 예정이다.
{% endif %}

{% if project.ended %}
□ (향후 계획) 중기부와 {{ project.region | sido | 는 }} {{ project.end_year }}년에 사업이 끝난 뒤에도 참여기업의 매출·수출 성과를 점검하고, 성장이 이어지도록 필요한 정책수단을 적기에 연계할 계획이다.
{% elif project.cum.amount > 0 %}
□ (향후 계획) 중기부와 {{ project.region | sido | 는 }} {% if project.end_year %}사업이 끝나는 {{ project.end_year }}년까지 {% endif %}참여기업의 매출·수출 성과를 분기마다 점검하고, {% if project.grade == "미흡" %}평가에서 드러난 부족한 점을 우선 보완하여 {% endif %}참여기업에 필요한 정책수단을 적기에 연계할 계획이다.
{% else %}
□ (향후 계획) 중기부와 {{ project.region | sido | 는 }} {% if project.not_started %}사업이 시작되는 {{ project.start_year }}년부터 {% endif %}참여기업을 선정하고, 기업별로 필요한 정책수단을 적기에 연계할 계획이다.
{% endif %}

□ {{ release.speaker | 은 }} {% if project.quote %}“{{ project.quote }}”라고 밝혔다.{% elif project.cum.amount == 0 %}“지역을 대표할 핵심기업을 발굴하여 필요한 정책수단이 차질 없이 연계되도록 {{ project.region | sido | 과 }} 함께 준비하겠다”고 밝혔다.{% elif project.ended %}“참여기업이 지역 경제를 이끄는 핵심기업으로 자리 잡을 수 있도록 {{ project.region | sido | 과 }} 함께 사업 이후의 성과까지 꼼꼼히 살피겠다”고 밝혔다.{% elif project.grade == "우수" %}“{{ project.title | quote | 는 }} {{ project.region_short }} 지역이 강점을 가진 산업을 중심으로 핵심기업을 키우는 {{ programme.name | quote }}의 대표 사례”라며, “참여기업이 지역 경제를 이끄는 핵심기업으로 성장할 수 있도록 {{ project.region | sido | 과 }} 함께 지원을 이어 가겠다”고 밝혔다.{% else %}“참여기업이 지역 경제를 이끄는 핵심기업으로 성장할 수 있도록 {{ project.region | sido | 과 }} 함께 성과를 꼼꼼히 점검하고 지원을 이어 가겠다”고 밝혔다.{% endif %}
{% if project.instruments %}

@caption 정책수단별 지원 현황
@unit (단위: 개 사, 건, {{ unit.label }}, %)
@table 정책수단 | 지원기업 | 지원건수 | 지원금액 | 비중{% if compare.yoy %} | 전년 동기 대비{% endif %}
{% for i in project.instruments %}
| {{ i.name | cell }} | {{ i.firms | num }} | {{ i.allocs | num }} | {{ i.amount | unit }} | {{ i.share_r | pct | default:"-" }} |{% if compare.yoy %} {% if i.yoy_dir == "감소" %}△{% endif %}{{ i.yoy_rate | pct | default:"-" }} |{% endif %}
{% endfor %}
| 합계 | {{ project.firms | num }} | {{ project.allocs | num }} | {{ project.amount | unit }} | {% if project.amount > 0 %}100.0%{% else %}-{% endif %} |{% if compare.yoy %} {% if project.yoy.amount_dir == "감소" %}△{% endif %}{{ project.yoy.amount_rate | pct | default:"-" }} |{% endif %}
@end
{% if project.firms_overlap %}
※ 지원기업 합계는 둘 이상의 정책수단을 지원받은 기업을 한 번만 센 수
{% endif %}
{% if compare.yoy %}
※ 전년 동기 대비는 지원금액의 증감률(△는 감소), 전년 동기 실적이 없으면 ‘-’
{% endif %}
{% endif %}
{% if project.cum.amount > 0 %}

@chart 분기별 지원금액{% if not period.all %} (음영: {{ period.text }}){% endif %}
{% for q in project.quarters %}
{# quarters from the project's start year on; all of them when it has none #}
{% if project.start_year %}{% if q.year >= project.start_year %}
| {{ q.label | cell }} | {{ q.amount }} | {{ q.amount | eok }} |{% if q.in_period %}{% if not period.all %} * |{% endif %}{% endif %}
{% endif %}{% else %}
| {{ q.label | cell }} | {{ q.amount }} | {{ q.amount | eok }} |{% if q.in_period %}{% if not period.all %} * |{% endif %}{% endif %}
{% endif %}
{% endfor %}
@end
{% endif %}
{% if period.to %}

※ 지원 실적은 {{ period.from | date }}~{{ period.to | date }} 선정·집행된 지원 기준이며, 취소된 지원 건은 제외
{% endif %}
{% if project.budget %}{% if project.cum.amount > 0 %}{% if not project.exec_over %}
※ 집행률은 {{ period.to | date }}까지 누적 집행 완료 금액의 사업비 대비 비율(선정 후 집행 전인 금액 제외)
{% endif %}{% endif %}{% endif %}
{% if project.over_budget %}
※ 지원 실적에는 사업비 외 연계 지원이 포함됨(누적 지원 {{ project.cum.amount | eok }}, 사업비 {{ project.budget | eok }})
{% endif %}

@contacts
| 담당 부서 | {{ release.department | cell }} |
{% for c in release.contacts %}
| {{ c.role | cell }} | {{ c.title | cell }} {{ c.name | cell }}{% if c.phone %} ({{ c.phone | cell }}){% endif %} |
{% endfor %}
@end
{% if project.firm_list %}

@attachment 붙임 1 | 참여기업 목록
{% if project.nfirm_list > release.attach_firm_list_max %}
○ 참여기업 {{ project.nfirm_list | count:"개 사" }}의 목록은 함께 배포하는 통계 파일의 ‘기업별’ 시트에 있음
{% else %}
○ 정책수단: {% for i in project.instruments %}{% if not loop.first %}, {% endif %}{{ i.mark }} {{ i.name }}{% endfor %}

@unit (단위: {{ unit.label }})
@table No | 기업명 | 소재지 | 업종 | 정책수단 | 지원금액
{% for f in project.firm_list %}
| {{ f.no }} | {{ f.name | cell }} | {{ f.region_short }}{% if f.city %} {{ f.city | cell }}{% endif %} | {{ f.industry | default:"-" | cell }} | {{ f.marks }} | {{ f.amount | unit }} |
{% endfor %}
| 합계 | {{ project.nfirm_list | count:"개 사" }} | | | | {{ project.amount | unit }} |
@end
※ 기업명 가나다순((주)·㈜·(유) 등 법인 표기 제외), 소재지는 기업의 시·도와 시군구
{% endif %}
{% endif %}
