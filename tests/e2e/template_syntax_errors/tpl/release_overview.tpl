@title {{ programme.name
□ {{ totals.firms | }}
