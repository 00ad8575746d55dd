"""Whether an event mention happened: from morphology (tense, mood, auxiliaries), the verbs
governing the trigger (modal, intention, aspect: status.yaml `control`), negation, failure
words and the modifiers of event nouns.

The default is `occurred`: a past or present report in news prose. The component turns an
`occurred` mention into `planned` when its date lies after the publication date.
"""

from __future__ import annotations

from spacy.tokens import Token

from veille.events.rules import Rules

TEMPORAL_CASES = frozenset({"depuis", "après", "avant", "dès"})
COMPLEMENT_DEPS = frozenset({"xcomp", "obj", "obl:arg", "ccomp", "obl", "obl:mod", "advcl", "acl", "csubj"})


def _children_words(tok: Token) -> list[str]:
    return [c.lower_ for c in tok.children]


def is_negated(verb: Token, rules: Rules) -> bool:
    words = []
    for c in verb.children:
        words.append(c.lower_)
        if c.dep_.startswith("aux"):
            words.extend(_children_words(c))
        elif c.dep_.startswith("nsubj"):  # "aucun président n'a rencontré"
            words.extend(d.lower_ for d in c.children if d.dep_ == "det")
    has_ne = any(w in ("ne", "n'", "n’") for w in words)
    if any(w in ("jamais",) for w in words):
        return True
    if has_ne and any(w in rules.negation or w in ("plus", "guère", "point", "nullement") for w in words):
        return True
    # "sans rencontrer"
    return "Inf" in verb.morph.get("VerbForm", []) and any(
        c.lower_ == "sans" and c.dep_ == "mark" for c in verb.children)


def has_failure(verb: Token, rules: Rules, until: Token | None = None) -> bool:
    """"a tenté, en vain, de ...": failure words between a verb and its complement (or in
    the few words after it)."""
    doc = verb.doc
    end = until.i if until is not None and until.i > verb.i else min(len(doc), verb.i + 8)
    seq = " " + " ".join(doc[i].lower_ for i in range(verb.i + 1, end)) + " "
    return any(" " + " ".join(f) + " " in seq for f in rules.failure)


def happens(verb: Token, rules: Rules) -> bool:
    lemma = verb.lemma_.lower()
    if lemma == "avoir" and any(c.lemma_.lower() == "lieu" for c in verb.children):
        return True
    return lemma in rules.happen and lemma != "lieu"


def verb_lemmas(tok: Token) -> list[str]:
    """The lemma of a verb, plus the -er infinitive when the lemmatiser returned the form
    itself ("cherche", "réclament")."""
    lemma = tok.lemma_.lower()
    out = [lemma]
    word = tok.lower_
    if lemma == word:
        for ending, repl in (("ent", "er"), ("es", "er"), ("e", "er")):
            if word.endswith(ending) and len(word) > len(ending) + 2:
                out.append(word[: -len(ending)] + repl)
                break
    return out


def control_lemma(tok: Token, rules: Rules) -> str | None:
    return next((lemma for lemma in verb_lemmas(tok) if lemma in rules.control), None)


FUTURE_ENDINGS = ("ra", "ront")
CONDITIONAL_ENDINGS = ("rait", "raient")


def tense_mood(tok: Token) -> tuple[bool, bool]:
    """(future, conditional) of a finite verb, from its morphology or, where the tagger
    missed it, from the third-person endings (signeront, tiendra, pourrait)."""
    future = "Fut" in tok.morph.get("Tense", [])
    conditional = "Cnd" in tok.morph.get("Mood", [])
    if not (future or conditional) and "Fin" in tok.morph.get("VerbForm", []) and len(tok.lower_) > 4:
        word = tok.lower_
        conditional = word.endswith(CONDITIONAL_ENDINGS)
        future = not conditional and word.endswith(FUTURE_ENDINGS)
    return future, conditional


def morphology(verb: Token) -> str:
    """Status told by a verb's own tense and mood (with its auxiliaries)."""
    for c in verb.children:
        if c.dep_.startswith("aux"):
            future, conditional = tense_mood(c)
            if future:
                return "planned"
            if conditional:
                return "possible"
    future, conditional = tense_mood(verb)
    if future:
        return "planned"
    if conditional:
        return "possible"
    return "occurred"


def verb_status(verb: Token, rules: Rules, depth: int = 0) -> str:
    """Status of the event a verb reports, walking up through the verbs governing it."""
    if has_failure(verb, rules):
        return "failed"
    if is_negated(verb, rules):
        return "negated"
    head = verb.head
    # an infinitive, or a participle with an infinitive auxiliary: "devraient être reçus" (passive),
    # "pourrait avoir rencontré" (perfect)
    inf = "Inf" in verb.morph.get("VerbForm", []) or any(
        c.dep_ in ("aux:pass", "aux:tense") and "Inf" in c.morph.get("VerbForm", []) for c in verb.children)
    if inf and head.pos_ == "NOUN" and head.head.pos_ in ("VERB", "AUX") and head.head.i != head.i \
            and any(c.dep_ == "mark" and c.lower_ in ("de", "d'", "d’", "à") for c in verb.children):
        head = head.head  # "a tenté sans succès de rencontrer": the infinitive hung on "succès"
    if depth < 4 and head.i != verb.i and inf and (verb.dep_ in COMPLEMENT_DEPS or head.i != verb.head.i):
        marks = [c.lower_ for c in verb.children if c.dep_ == "mark"]
        lemma = control_lemma(head, rules) or head.lemma_.lower()
        if any(m in ("avant", "après", "sans", "pour", "afin") for m in marks) and lemma not in rules.control:
            return morphology(verb)
        if lemma in rules.control:
            status, negated_status, _prep = rules.control[lemma]
            if has_failure(head, rules, until=verb):
                return "failed"
            if is_negated(head, rules):
                if tense_mood(head)[1] or morphology(head) != "occurred":
                    return "negated"  # "ne pourrait pas": not a failed attempt
                return negated_status or "negated"
            if lemma == "pouvoir" and happens(verb, rules):
                return "planned"
            if lemma == "devoir" and not tense_mood(head)[1] and morphology(head) == "occurred" \
                    and any(c.dep_.startswith("aux") for c in head.children):
                return "occurred"  # "a dû rencontrer"
            return status
        if head.pos_ in ("VERB", "AUX"):
            return verb_status(head, rules, depth + 1)
    return morphology(verb)


def noun_status(noun: Token, rules: Rules, governing: Token | None) -> str:
    """Status of an event noun: its modifiers, a clause saying it takes place, else the verb
    it depends on (proposer une rencontre, lors d'une réunion qui ...)."""
    for c in noun.children:
        if c.dep_ not in ("amod", "acl", "det", "nmod") and abs(c.i - noun.i) > 1:
            continue
        word = c.lower_
        forms = {c.lemma_.lower(), word, word.rstrip("s"), word.rstrip("s")[:-1] if word.rstrip("s").endswith("e")
                 else word}
        hit = next((f for f in forms if f in rules.noun_modifiers), None)
        if hit:
            return rules.noun_modifiers[hit]
        if c.dep_ == "det" and c.lower_ in ("aucun", "aucune", "nul", "nulle"):
            return "negated"
    for c in noun.children:
        if c.dep_ == "acl:relcl":
            if happens(c, rules):
                return verb_status(c, rules)
            for x in c.children:
                if x.dep_ == "xcomp" and happens(x, rules):
                    return verb_status(x, rules)
    cases = [c.lower_ for c in noun.children if c.dep_ == "case"]
    if any(w in TEMPORAL_CASES for w in cases):
        return "occurred"
    if governing is None:
        # "a proposé l'ouverture de négociations": a control verb one noun further up
        head = noun.head
        if head.i != noun.i and head.pos_ == "NOUN" and head.head.pos_ in ("VERB", "AUX") and head.head.i != head.i:
            lemma = control_lemma(head.head, rules)
            if lemma is not None and head.dep_ not in ("nsubj", "nsubj:pass"):
                status, negated_status, _prep = rules.control[lemma]
                return (negated_status or "negated") if is_negated(head.head, rules) else status
        return "occurred"
    lemma = control_lemma(governing, rules) or governing.lemma_.lower()
    for x in governing.children:  # "une rencontre pourrait avoir lieu"
        if x.dep_ == "xcomp" and happens(x, rules):
            return verb_status(x, rules)
    if noun.dep_ in ("nsubj", "nsubj:pass") and lemma in rules.noun_modifiers and lemma != "tout":
        # "la rencontre est prévue", "le sommet a été annulé"
        return "negated" if is_negated(governing, rules) else rules.noun_modifiers[lemma]
    if lemma in rules.control and noun.dep_ not in ("nsubj", "nsubj:pass"):
        status, negated_status, _prep = rules.control[lemma]
        if is_negated(governing, rules):
            return negated_status or "negated"
        if lemma == "pouvoir":
            return verb_status(governing, rules)
        if has_failure(governing, rules):
            return "failed"
        # "a proposé une rencontre" is proposed; "a préparé le sommet" keeps the verb's tense
        return status
    if governing.pos_ == "ADJ":  # "la réunion est prévue": a copula clause
        return rules.noun_modifiers.get(lemma, "occurred")
    return verb_status(governing, rules)


def mention_status(tok: Token, rules: Rules, governing: Token | None = None, is_verb: bool | None = None) -> str:
    if is_verb if is_verb is not None else tok.pos_ == "VERB":
        return verb_status(tok, rules)
    return noun_status(tok, rules, governing)
