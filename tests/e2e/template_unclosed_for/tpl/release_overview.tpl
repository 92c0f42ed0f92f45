@title 개요
@table 정책수단 | 금액
  {% for i in instruments %}
| {{ i.name }} | {{ i.amount | unit }} |
@end
