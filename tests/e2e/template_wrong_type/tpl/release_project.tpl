@title {{ project.region | sido }}, {{ project.title | quote }}
□ {{ project.lead_agency | 은 }} {{ project.firms | count:"개 사" }}에 {{ project.amount | eok | 을 }} 지원했다.
