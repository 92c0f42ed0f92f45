@title {{ programme.name | money }}
{% for r in totals %}
{{ r }}
{% endfor %}
□ {{ instruments }}
