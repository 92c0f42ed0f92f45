{{ 
{% for %}
{% endif %}
{{ a | }}
{{ "x }}