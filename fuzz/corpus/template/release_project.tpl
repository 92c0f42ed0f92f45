{#
  release_project.tpl — one project's 보도자료 (the context is the programme
  model plus `project`, see docs/template-model.md).

  Renders to the release markup of docs/release-markup.md; the language is
  described in docs/templates.md. Names are followed by particle filters
  (| 은, | 과, | 을 …) so that every sentence agrees whatever the region,
  agency or project is called. Optional fields (grade, budget, years) are
  written only when present.
#}
@title {{ project.region | sido }}, {{ project.title | quote }}
{% if project.amount > 0 %}
@title 참여기업 {{ project.firms | count:"개 사" }}에 {{ project.amount | eok }} 지원
{% else %}
@title 사업 시작 이후 참여기업 {{ project.cum.firms | count:"개 사" }}에 {{ project.cum.amount | eok }} 지원
{% endif %}
@subtitle {{ project.lead_agency }} 주관으로 {{ project.ninstruments | count:"개" }} 정책수단을 지역 핵심기업에 집중 연계
{% if project.budget %}
@subtitle 사업비 {{ project.budget | eok }} 대비 집행률 {{ project.exec_rate | pct | default:"-" }}{% if not period.all %}, 사업 시작 이후 누적 {{ project.cum.amount | eok }} 지원{% endif %}
{% elif not period.all %}
@subtitle 사업 시작 이후 누적 {{ project.cum.firms | count:"개 사" }}에 {{ project.cum.amount | eok }} 지원
{% endif %}

□ {{ release.ministry }}(이하 중기부)와 {{ project.region | 은 }} {% if period.all %}사업 시작 이후 {{ period.to | date }}까지{% else %}{{ period.text }} 동안{% endif %} {{ programme.name | quote }} 지역특화 프로젝트인 {{ project.title | quote | 을 }} 통해 지역 중소기업 {{ project.firms | count:"개 사" }}에 {{ project.amount | eok | 을 }} 지원했다고 밝혔다.

○ 이 프로젝트는 {{ project.lead_agency | 이 }} 주관하고{% if project.start_year %} {{ project.start_year }}년부터{% if project.end_year %} {{ project.end_year }}년까지{% endif %}{% endif %} 추진하는 사업으로{% if project.fields %}, {{ project.fields | join:", " }}{% if project.nfields > 1 %} {{ project.nfields | count:"개" }}{% endif %} 특화분야를 중심으로{% endif %} 지역을 대표할 핵심기업을 집중 육성한다.
{% if project.instruments %}

○ 참여기업에는 {% for i in project.instruments %}{% if not loop.first %}·{% endif %}{{ i.name }}{% endfor %} {{ project.ninstruments | count:"개 분야" }}의 정책수단이 연계되었다.

- 정책수단별로는 {% for i in project.instruments %}{% if loop.index <= 3 %}{% if not loop.first %}, {% endif %}{{ i.name }} {{ i.amount | eok }}({{ i.firms | count:"개 사" }}){% endif %}{% endfor %} 순으로 지원 규모가 컸다.
{% endif %}

○ 지원 금액 가운데 집행이 완료된 금액은 {{ project.executed | eok | 이며 }}, 지원 대상으로 선정되어 집행을 앞둔 금액은 {{ project.selected | eok | 이다 }}.
{% if project.budget %}

- 프로젝트 사업비 {{ project.budget | eok }} 대비 집행률은 {{ project.exec_rate | pct | default:"-" }} 수준이다.
{% endif %}
{% if not period.all %}

○ 사업 시작 이후 {{ period.to | date }}까지의 누적 실적은 참여기업 {{ project.cum.firms | count:"개 사" }}, 지원 {{ project.cum.allocs | count:"건" }}, {{ project.cum.amount | eok }}에 이른다.
{% endif %}
{% if project.grade %}

○ 아울러 이 프로젝트는 중기부의 수행평가에서 ‘{{ project.grade }}’ 등급을 받아 사업 추진 성과를 인정받았다.
{% endif %}

□ 중기부 관계자는 "{{ project.title | quote | 는 }} {{ project.region_short }} 지역이 강점을 가진 산업을 중심으로 핵심기업을 키우는 {{ programme.name | quote }}의 대표 사례"라며, "참여기업이 지역 경제를 이끄는 핵심기업으로 성장할 수 있도록 {{ project.region | 과 }} 함께 성과를 꼼꼼히 점검하고 지원을 이어 가겠다"고 밝혔다.
{% if project.instruments %}

@unit (단위: 개 사, 건, {{ unit.label }}, %)
@table 정책수단 | 지원기업 | 지원건수 | 지원금액 | 비중
{% for i in project.instruments %}
| {{ i.name | cell }} | {{ i.firms | num }} | {{ i.allocs | num }} | {{ i.amount | unit }} | {{ i.share | pct | default:"-" }} |
{% endfor %}
| 합계 | {{ project.firms | num }} | {{ project.allocs | num }} | {{ project.amount | unit }} | {% if project.amount > 0 %}100.0%{% else %}-{% endif %} |
@end
※ 지원기업 합계는 둘 이상의 정책수단을 지원받은 기업을 한 번만 센 수

@chart 정책수단별 지원금액
{% for i in project.instruments %}
| {{ i.name | cell }} | {{ i.amount }} | {{ i.amount | eok }} |
{% endfor %}
@end
{% endif %}

※ 지원 실적은 {% if period.all %}사업 시작 이후 {{ period.to | date }}까지{% else %}{{ period.text }}({{ period.from | date }} ~ {{ period.to | date }}){% endif %} 중 선정·집행된 지원 건 기준이며, 취소된 지원 건은 제외
{% if project.budget %}
※ 집행률은 사업비 대비 집행이 완료된 금액의 비율(선정 후 집행 전인 금액 제외)
{% endif %}

@contacts
| 담당 부서 | {{ release.department | cell }} |
{% for c in release.contacts %}
| {{ c.role | cell }} | {{ c.title | cell }} {{ c.name | cell }}{% if c.phone %} ({{ c.phone | cell }}){% endif %} |
{% endfor %}
@end
{% if project.firm_groups %}

@attachment 붙임 1 | 참여기업 목록
{% for g in project.firm_groups %}
@group {{ g.name }} ({{ g.count | num }})
@table No | 기업명 | 시군구 | 업종
{% for f in g.firms %}
| {{ f.no }} | {{ f.name | cell }} | {{ f.city | default:"-" | cell }} | {{ f.industry | default:"-" | cell }} |
{% endfor %}
@end
{% endfor %}
※ 둘 이상의 정책수단을 지원받은 기업은 해당하는 정책수단마다 적음
{% endif %}
