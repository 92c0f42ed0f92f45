{# a misspelt name is an error, not an empty string #}
@title {{ project.region | sido }}
□ 과제명: {{ project.titel }}
□ 등급: {{ project.grade | default:"없음" }}
