"""Time expressions: find, type and normalise them to TIMEX3 values (the "veille_timex" stage).

Modules, from data to component:
  resources/fr/*.yaml  the French vocabulary and the rules that name it (each rule with a tested example)
  vocab.py             reads the vocabulary (veille.resources.load_resource), builds regex alternations
  rules.py             compiles rules.yaml: placeholders become named groups
  dates.py             calendar arithmetic on TIMEX values of any precision
  normalize.py         one function per rule `norm:`: match -> (type, value, mod, anchor)
  tense.py             past / future of the clause, from the parser's morphology
  tagger.py            tag(text, published, oracle) -> [Timex]: pure, no spaCy needed
  component.py         the spaCy factory "veille_timex" writing doc._.timexes
  infer.py             corpus step: publication dates of undated articles (origin "inferred")
"""
