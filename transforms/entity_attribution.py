"""Who each fact is about: the companies named up to and in its sentence, the words
that refer back to them ("der Konzern", "the carrier"), and the fiscal year they keep."""

from __future__ import annotations

from dataclasses import dataclass, field

from transforms.cues import (
    cue_patterns,
)
from transforms.entities import Registry, find_mentions, harmonise_name
from transforms.periods import (
    fiscal_period_near,
    period_bounds,
)
from transforms.report import by_sentence
from transforms.schema import Document, Fact
from transforms.segments import Segments


@dataclass
class EntityState:
    """The companies earlier sentences named, strong (surely a company) or weak."""

    entity_counts: dict[str, int] = field(default_factory=dict)
    weak_counts: dict[str, int] = field(default_factory=dict)
    guess_counts: dict[str, int] = field(default_factory=dict)
    last_entity: str | None = None

    def salient_entity(self, guesses: bool = False) -> str | None:
        """The company the report is about so far: most mentioned, latest on a tie."""
        counts = self.entity_counts or self.weak_counts or (self.guess_counts if guesses else {})
        if not counts:
            return None
        top = max(counts.values())
        # On a tie the company named first: news names its subject first ("Microsoft
        # overtook Apple ... Its shares rose").
        return next(e for e, n in counts.items() if n == top)

    def update(self, mentions: list) -> None:
        for m in mentions:
            counts = (
                self.entity_counts
                if m.strong
                else self.guess_counts
                if m.guess
                else self.weak_counts
            )
            counts[m.name] = counts.get(m.name, 0) + 1
            if m.strong:
                self.last_entity = m.name


def attribute_entities(
    doc: Document,
    lang: str,
    spans: list[tuple[int, int]],
    found: list[tuple[int, Fact]],
    registry: Registry | None,
    fiscal_guesses: dict[int, bool],
    segments: Segments,
) -> list[Fact]:
    """Who each fact is about, from the companies named up to and in its sentence.

    Done only for documents with facts: finding company names is the costliest pass
    over a text, and most documents state no fact.
    """
    # Names after the last fact's sentence cannot matter; the margin lets a name that
    # runs on past that sentence's end be read (and dropped) as in a whole-text pass.
    last = found[-1][0]
    reach = spans[last + 1][1] if last + 1 < len(spans) else len(doc.text)
    mentions = mentions_by_sentence(doc.text, spans[: last + 1], lang, registry, reach)
    entities = EntityState()
    by_sentence: dict[int, list[Fact]] = {}
    for index, fact in found:
        by_sentence.setdefault(index, []).append(fact)
    for index in range(last + 1):
        here = mentions[index]
        floor = -1  # where the sentence's previous figure ended
        facts_here = by_sentence.get(index, ())
        if facts_here and here:
            # "net sales of the Communication Papers business area": a segment, no company
            named = segments.named_in(index)
            here = [m for m in here if not any(c.start <= m.start < c.end for c in named)]
        anaphors = anaphors_in(doc.text, spans[index], lang) if facts_here else []
        for fact in facts_here:
            fact.entity = entity_for(fact.start, here, entities, floor, anaphors)
            floor = fact.end
            if registry is not None and fact.period and fact.period.startswith("FY"):
                year_end = fiscal_end(fact.period, here, entities, registry)
                if id(fact) in fiscal_guesses and year_end is None and doc.published:
                    # a company the registry does not know: news tells of its latest
                    # quarter, of the fiscal year most such years are named after
                    fact.period = f"FY{doc.published[:4]}{fact.period[6:]}"
                elif id(fact) in fiscal_guesses:
                    fact.period = fiscal_period_near(
                        fact.period, doc.published, year_end, fiscal_guesses[id(fact)]
                    )
                fact.period_start, fact.period_end = period_bounds(
                    fact.period, doc.published, year_end or 12
                )
        entities.update(here)
    facts = [fact for _, fact in found]
    # Once per distinct name, not per fact: each lookup scans the whole text.
    known = registry.fiscal_year_end if registry else {}
    written = {
        name: harmonise_name(name, doc.text)
        for name in {f.entity for f in facts if f.entity and f.entity not in known}
    }
    for fact in facts:
        fact.entity = written.get(fact.entity, fact.entity)
    return facts


def mentions_by_sentence(text: str, spans, lang: str, registry, reach: int) -> list[list]:
    """Company mentions found in one pass over text[:reach], handed out per sentence."""
    if not spans:
        return []
    starts = [s for s, _ in spans]
    found = find_mentions(text, starts[0], reach, lang, registry, frozenset(starts))
    return by_sentence(found, spans)


def anaphors_in(text: str, span: tuple[int, int], lang: str) -> list[int]:
    """Where "der Konzern", "the company" stand in a sentence."""
    return [m.start() for m in cue_patterns(lang).anaphora.finditer(text, *span)]


def entity_for(
    position: int, mentions, state: EntityState, floor: int = -1, anaphors: list[int] = ()
) -> str | None:
    strong = [m for m in mentions if m.strong and m.end <= position]
    salient = state.salient_entity(guesses=True)
    if salient and any((strong[-1].end if strong else -1) <= a < position for a in anaphors):
        # "Nach der Übernahme von Vodafone Italia rechnet der Konzern mit ...", "The
        # carrier plans $3 billion ..., mostly for Airbus jets": the company the words
        # refer back to is the report's, not one named in the sentence
        return salient
    named = named_entity(position, [m for m in mentions if not m.guess], state, floor)
    if named is not None:
        return named
    # Nothing surer: an unknown word that opened the sentence or followed "von", "at".
    guesses = [m for m in mentions if m.guess]
    before = [m for m in guesses if m.end <= position]
    if before:
        return before[-1].name
    return state.salient_entity(guesses=True) or (guesses[0].name if guesses else None)


def named_entity(position: int, mentions, state: EntityState, floor: int) -> str | None:
    before = [m for m in mentions if m.end <= position]
    strong_before = [m for m in before if m.strong]
    since = [m for m in strong_before if m.start >= floor]
    if since:
        # The subject comes first: in "Microsoft overtook Apple, with a market value of
        # $2.87 trillion" the figure is Microsoft's. A company named after an earlier
        # figure starts a new clause: "... while Mercedes-Benz posted a 2 % gain".
        return since[0].name
    if strong_before:
        return strong_before[-1].name
    if state.entity_counts:
        return state.salient_entity()
    if any(m.strong for m in mentions):
        return next(m.name for m in mentions if m.strong)
    if before:
        return before[-1].name
    return state.salient_entity() or (mentions[0].name if mentions else None)


def fiscal_end(label, mentions, state: EntityState, registry) -> int | None:
    """The month the company's fiscal year ends in; None where the registry does not say."""
    if not label or not label.startswith("FY") or registry is None:
        return 12
    name = mentions[0].name if mentions else state.salient_entity()
    return registry.fiscal_year_end.get(name or "")
