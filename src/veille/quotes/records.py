"""Records shared by the quotes modules: cues, quote candidates, the speaker history."""

from __future__ import annotations

from dataclasses import dataclass, field

from veille.model import QuoteKind, Speaker
from veille.quotes.lexicon import CueEntry
from veille.quotes.phrases import Phrase

AUX_LEMMAS = {"avoir", "être"}
REFLEXIVE = {"se", "s'", "s’"}
NEGATION = {"ne", "n'", "n’", "pas", "jamais", "plus", "guère"}
END_PUNCT = {".", "!", "?", "…", "...", "?!", "!!"}
QUE = {"que", "qu'", "qu’"}
DASHES = {",", "-", "–", "—"}
MEDIUM_PREPS = {"dans", "lors", "en", "sur", "via", "par"}
OBJECT_CLITICS = {"-t", "l'", "l’", "le", "la", "les", "lui", "leur", "me", "m'", "te", "t'", "se", "s'", "y", "en"}
SHORT_TOKENS = 5  # an unattributed quote this short, without a finite verb, is a term, not speech
NAME_TOKENS = 6


@dataclass
class Cue:
    """A speech cue in the text and what it says about its speaker."""

    start: int  # first token of the cue group (auxiliary, reflexive, preposition)
    end: int  # one past the last token of the group (verb, clitic, preposition words)
    verb: int  # the cue verb (or first preposition word)
    entry: CueEntry
    text: str
    inverted: bool = False  # `», a déclaré X` / `, a-t-il dit`: the subject follows
    sentence: int = 0
    speaker: Phrase | None = None
    pronoun: str | None = None  # number ("Sing"/"Plur") when the subject is a pronoun
    pronoun_tok: int | None = None
    region: tuple[int, int] | None = None  # tokens of the reported content
    passive: bool = False
    participle: str | None = None
    medium: str | None = None
    relative: bool = False  # `X, selon qui ...`: the speaker is the antecedent X  # "dans un communiqué"


@dataclass
class Said:
    """Who spoke last: the history that pronouns and cue-less quotes refer back to."""

    para: int
    speaker: Speaker
    number: str
    gender: str | None
    cue: str | None = None


@dataclass
class Candidate:
    start: int  # chars
    end: int
    kind: QuoteKind
    cue: Cue | None
    para: int
    continuation: bool = False  # continues the previous speaker (no cue)
    phrase: Phrase | None = None  # a speaker named without a cue (`« ... » : X a ...`)
    cue_text: str | None = None
    speaker: Speaker | None = field(default=None)
