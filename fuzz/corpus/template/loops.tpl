{% for p in projects %}
{{ loop.index }}. {{ p.title | default:"-" | quote }} {{ p.fields | join:"·" }}
{% if p.grade %}{{ p.grade }}{% elif loop.last %}x{% else %}y{% endif %}
{% endfor %}
{# c #}
