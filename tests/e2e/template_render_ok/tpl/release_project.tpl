{# A small release: particles after data, standalone tag lines, a table. #}
@title {{ project.region | sido }}, {{ project.title | quote }}
{% if project.grade %}
@subtitle 수행평가 ‘{{ project.grade }}’ 등급
{% endif %}
□ {{ project.lead_agency | 은 }} 참여기업 {{ project.firms | count:"개 사" | 와 }} 함께 {{ project.amount | eok | 을 }} 집행했다.
@table 정책수단 | 금액
{% for i in project.instruments %}
| {{ i.name | cell }} | {{ i.amount | num }} |
{% endfor %}
@end
