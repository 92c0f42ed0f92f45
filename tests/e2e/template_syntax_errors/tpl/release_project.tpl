@title {{ project.title | monney }}
□ {{ project.firms | count }}
{% endfor %}
{% iff project.grade %}
