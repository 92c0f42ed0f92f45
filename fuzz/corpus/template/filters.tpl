{{ i.money | money }} {{ i.max | eok }} {{ i.min | num }} {{ r.nan | pct }} {{ s.ko | 은 }} {{ s.rieul | 으로 }}
