"""The pre-annotator's frames: lexicon cues, stance (negation, denial, a reporter's refutation), aspect,
holder, the lexicon files and their loader, speed, and the leave-one-out score on the gold.

The sentences here are written for these tests; none is taken from the corpus texts.
"""

from __future__ import annotations

import time

import pytest

from corpus_kz import Entity
from corpus_kz import lexicons
from corpus_kz.scoring.evaluate import leave_one_out, score
from corpus_kz.annotate import build, frames
from corpus_kz.annotate.base import Context, Scope
from corpus_kz.vocab import FRAMES


def found(text: str, scopes: list[tuple[str, str]] = (), entities: dict | None = None) -> list[tuple]:
    """(span, frame, holder, stance, aspect) of each predicted frame; ``scopes`` as (content, agent) pairs."""
    ctx = Context(text=text, entities=entities or {})
    for content, agent in scopes:
        s = text.index(content)
        ctx.scopes.append(Scope(s, s + len(content), agent))
    out = frames.find(ctx)
    for f in out:
        assert text[f.start:f.end] == f.text
    assert [f.id for f in out] == [f"fr{i}" for i in range(1, len(out) + 1)]
    return [(f.text, f.frame, f.holder, f.stance, f.aspect) for f in out]


# -- one sentence per frame --------------------------------------------------------------------------

@pytest.mark.parametrize("text, span, frame", [
    ("Police described the brawl outside the market as a domestic dispute.", "domestic dispute", "domestic"),
    ("Hundreds fled the town after interethnic clashes on Sunday.", "interethnic clashes", "interethnic"),
    ("The governor blamed provocateurs for the unrest in the capital.", "provocateurs", "provocation"),
    ("Young men with no prospects spoke of unemployment in the mining towns.", "unemployment", "socioeconomic"),
    ("Residents accused the district of corruption and pointed at the mayor.", "corruption", "governance"),
    ("The minister praised the friendship of peoples at the spring festival.", "friendship of peoples", "harmony"),
])
def test_one_sentence_per_frame(text, span, frame):
    assert (span, frame, "author", "asserts", None) in found(text)


def test_spans_are_the_cue_phrase_leftmost_longest():
    got = found("Analysts warned of rising fuel prices, and of peace and concord as an empty slogan.")
    assert [(g[0], g[1]) for g in got] == [("rising fuel prices", "socioeconomic"), ("peace and concord", "harmony")]
    # A look-ahead asks for the noun without taking it in, as the codebook's shortest span does.
    assert found("Sacked workers marched on the square.")[0][:2] == ("Sacked", "socioeconomic")


def test_ambiguous_words_are_not_frames_where_the_context_rules_them_out():
    assert found("The new law shows zero tolerance for littering.") == []
    assert [g[:2] for g in found("They vowed to fight against corruption.")] == [("corruption", "governance")]


def test_weak_one_word_cues_have_a_lower_confidence():
    ctx = Context(text="There was a fight. It was an interethnic conflict.")
    by_text = {f.text: f for f in frames.find(ctx)}
    assert by_text["a fight"].confidence < by_text["interethnic conflict"].confidence
    assert by_text["a fight"].origin == "predicted:frame_lexicon"


@pytest.mark.parametrize("text", [
    "The referee silenced the crowd in the second half.",
    "She wanted some peace and quiet after the concert.",
    "The ministry of domestic affairs published its budget.",
    "The club is proud to be multinational.",
    "We live in peace with our neighbours on this street.",
    "The charity offered outside assistance to the flood victims.",
    "The team struggles with usual problems in winter.",
])
def test_everyday_phrases_are_no_frames(text):
    assert found(text) == []


def test_a_cue_span_takes_no_existential_there():
    assert [g[:2] for g in found("There were looters in the harbour district.")] == [("looters", "domestic")]


def test_peace_among_groups_needs_a_group_that_lives_in_it():
    registry = {"serbs": Entity("serbs", "Serbs", "NORP", aliases=("Serbs",))}
    assert [g[:2] for g in found("Officials said ethnic communities live in peace in the province.")] == [
        ("ethnic communities live in peace", "harmony")]
    assert [g[:2] for g in found("The Serbs live in peace with their neighbours.", entities=registry)] == [
        ("The Serbs live in peace", "harmony")]


def test_a_quote_mark_after_a_cue_stays_out_of_the_span():
    got = found('The minister blamed "foreign-funded radicals" for the riots in the capital.')
    assert [g[:2] for g in got] == [("foreign-funded radicals", "provocation")]


def test_demands_and_grounds_mark_a_root_cause_only_as_phrases():
    assert [(g[0], g[4]) for g in found("Strikers issued demands for better wages.")] == [("better wages", "root_cause")]
    assert [(g[0], g[4]) for g in found("Strikers demanded better wages.")] == [("better wages", None)]
    assert [(g[0], g[4]) for g in found("Police detained rioters on ethnic grounds, a lawyer said.")] == [
        ("ethnic grounds", "root_cause")]


def test_group_names_come_from_the_registry():
    text = "Observers noted tension between the Uzbeks and the Tajiks in the valley."
    registry = {"uzbeks": Entity("uzbeks", "Uzbeks", "NORP", aliases=("Uzbeks", "Uzbek")),
                "tajiks": Entity("tajiks", "Tajiks", "NORP", aliases=("Tajiks",))}
    assert found(text, entities=registry) == [("tension between the Uzbeks and the Tajiks", "interethnic", "author",
                                               "asserts", None)]
    assert found(text) == []   # without the names, "tension" alone frames nothing


# -- stance --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, span, stance", [
    ("This was not an interethnic conflict.", "interethnic conflict", "denies"),
    ("Officers said no provocations were recorded overnight.", "provocations", "denies"),
    ("The Serbian minister did not believe any provocateurs took part.", "provocateurs", "denies"),
    ("The commission denied that the violence had an ethnic dimension.", "ethnic dimension", "denies"),
    ("The Belgrade police chief doesn't deny there was a provocation.", "provocation", "asserts"),  # two negations
    ("Organisers urged the fans not to respond to provocations.", "provocations", "asserts"),  # "not" negates "respond"
    ("It was not calm, but the interethnic clashes had stopped.", "interethnic clashes", "asserts"),  # another clause
])
def test_negation_and_denial_govern_the_span_from_its_left_in_its_clause(text, span, stance):
    got = {g[0]: g for g in found(text)}
    assert got[span][3] == stance


@pytest.mark.parametrize("text, span", [
    # issue 17: a denial whose frame cue is not followed by a conflict noun was not read at all
    ("The Latvian minister said the brawl had nothing to do with ethnicity.", "ethnicity"),
    ("The prefect said the riot in Nantes was not about ethnicity.", "ethnicity"),
    ("The prosecutor rejected claims that the killing in Varna was ethnic.", "ethnic"),
    ("Police in Split rejected claims that the attack was ethnically motivated.", "ethnically motivated"),
    ("The mayor of Mostar said the fight was not ethnic in nature.", "ethnic in nature"),
    ("The governor said the quarrel in Osh was in no way ethnic.", "ethnic"),
    ("Officials in Skopje denied that ethnicity played a role.", "ethnicity"),
    ("The ombudsman said the scuffle had no ethnic or religious component.", "ethnic or religious component"),
    ("It would be wrong to call the clashes in Osijek ethnic, the governor said.", "ethnic"),
    ("The commission said ethnicity played no role in the brawl.", "ethnicity"),
    ("Prosecutors in Brno said ethnicity was not a factor.", "ethnicity"),
])
def test_denials_of_the_interethnic_frame_without_a_conflict_noun(text, span):
    assert (span, "interethnic", "author", "denies", None) in found(text)


def test_ethnicity_as_a_plain_attribute_frames_nothing():
    assert found("Residents of Roma ethnicity live on the hill, and the census records each citizen's ethnicity. "
                 "Ethnic Hungarians run the local press.") == []
    assert found("The activist said the violence in Subotica was ethnic, not economic.") == [
        ("ethnic", "interethnic", "author", "asserts", None)]
    assert found("The report said ethnicity played a role in the riot.") == [
        ("ethnicity", "interethnic", "author", "asserts", None)]


def test_negation_flips_the_stance_of_the_attribution_that_holds_the_frame():
    text = "The mayor insisted that this was not an interethnic conflict."
    assert found(text, [("this was not an interethnic conflict", "a1")]) == [
        ("interethnic conflict", "interethnic", "a1", "denies", None)]


def test_a_refutation_from_outside_the_claim_records_both_holders():
    text = "The governor's claim that provocateurs started the riots is not true, the activist said."
    claim = "provocateurs started the riots"
    answer = "The governor's claim that provocateurs started the riots is not true"
    assert found(text, [(answer, "a1"), (claim, "a2")]) == [
        ("provocateurs", "provocation", "a2", "asserts", "trigger"),
        ("provocateurs", "provocation", "a1", "denies", "trigger")]
    # Without the nested attribution the comment is inside the holder's own content: one record, denied.
    assert found(text, [(answer, "a1")]) == [("provocateurs", "provocation", "a1", "denies", "trigger")]
    assert found(text) == [("provocateurs", "provocation", "author", "denies", "trigger")]


def test_despite_the_claims_contests_the_claim_it_introduces():
    text = "Despite official claims of ethnic harmony, the villages remain divided."
    assert found(text) == [("ethnic harmony", "harmony", "author", "denies", None)]
    assert found(text, [("ethnic harmony", "a1")]) == [("ethnic harmony", "harmony", "a1", "asserts", None),
                                                       ("ethnic harmony", "harmony", "author", "denies", None)]


# -- aspect and holder -----------------------------------------------------------------------------------

def test_aspect_comes_from_the_nearest_cue_in_the_sentence():
    got = found("The protests were sparked by rising fuel prices. Their root causes are poverty and corruption. "
                "Interethnic clashes were reported.")
    assert [(g[0], g[4]) for g in got] == [("rising fuel prices", "trigger"), ("poverty", "root_cause"),
                                           ("corruption", "root_cause"), ("Interethnic clashes", None)]


def test_the_holder_is_the_attribution_whose_content_holds_the_span():
    text = "Locals blamed hooligans, but the minister said provocateurs had planned it."
    got = found(text, [("provocateurs had planned it", "a2")])
    assert [(g[0], g[2]) for g in got] == [("hooligans", "author"), ("provocateurs", "a2")]
    # The innermost content holds it; two attributions of the same content both hold it.
    got = found(text, [("the minister said provocateurs had planned it", "a1"), ("provocateurs had planned it", "a2"),
                       ("provocateurs had planned it", "a3")])
    assert [(g[0], g[2]) for g in got] == [("hooligans", "author"), ("provocateurs", "a2"), ("provocateurs", "a3")]


def test_no_text_no_frames():
    assert found("") == []
    assert found("The weather in the capital was mild on Tuesday.") == []


# -- the lexicon files -------------------------------------------------------------------------------------

def test_the_lexicons_load_with_known_frames_and_kinds():
    cues = lexicons.frame_cues()
    assert {r["frame"] for r in cues.values()} == set(FRAMES)
    assert set(lexicons.frame_modifiers().values()) == set(lexicons.FRAME_MODIFIER_KINDS)
    assert all("{" not in p or "{norp}" in p for p in cues)   # file classes are filled in, the run-time one kept
    for pattern in [*cues, *lexicons.frame_modifiers()]:
        assert frames._first_words(pattern)                      # every cue can be found by its first word


@pytest.fixture
def lexicon_text(monkeypatch):
    """Replace the frame lexicon files' text for one test, with the caches cleared around it."""
    files = {}
    real = lexicons._text
    monkeypatch.setattr(lexicons, "_text", lambda name: files[name] if name in files else real(name))
    for fn in (lexicons.frame_cues, lexicons.frame_modifiers):
        fn.cache_clear()
    yield files
    for fn in (lexicons.frame_cues, lexicons.frame_modifiers):
        fn.cache_clear()


@pytest.mark.parametrize("table, message", [
    ("cue\tframe\tstrength\nethnic violence\tinterethnic\tstrong\nmob rule\tchaos\tweak\n",
     ["frames.tsv line 3", "'mob rule'", "frame 'chaos'", "domestic, interethnic"]),
    ("cue\tframe\tstrength\nmob rule\tdomestic\tmild\n", ["line 2", "strength 'mild'"]),
    ("cue\tframe\tstrength\n{unrest} riots\tdomestic\tstrong\n", ["line 2", "word class {unrest}"]),
    ("cue\tframe\tstrength\nmob (rule\tdomestic\tstrong\n", ["line 2", "not a valid pattern"]),
    ("cue\tframe\tstrength\nmob rule\tdomestic\n", ["line 2", "2 cells, expected 3"]),
    ("cue\tframe\nmob rule\tdomestic\n", ["line 1", "header"]),
    ("cue\tframe\tstrength\nmob rule\tdomestic\tweak\nmob rule\tdomestic\tstrong\n",
     ["line 3", "the same cue as line 2"]),
])
def test_the_loader_names_the_bad_row(lexicon_text, table, message):
    lexicon_text["frames.tsv"] = table
    with pytest.raises(ValueError) as err:
        lexicons.frame_cues()
    assert all(m in str(err.value) for m in message), str(err.value)


def test_the_loader_fills_word_classes_and_rejects_a_bad_modifier_kind(lexicon_text):
    lexicon_text["frames.tsv"] = ("# a comment\n@unrest = riots?|unrest\n"
                                  "cue\tframe\tstrength\nmob {unrest}\tdomestic\tweak\n")
    assert lexicons.frame_cues() == {"mob (?:riots?|unrest)": {"frame": "domestic", "strength": "weak"}}
    lexicon_text["frame_modifiers.tsv"] = "cue\tkind\nnot\tnegation\nperhaps\thedge\n"
    with pytest.raises(ValueError, match=r"frame_modifiers.tsv line 3 \('perhaps'\): kind 'hedge'"):
        lexicons.frame_modifiers()


def test_a_tie_goes_to_the_earlier_row_and_a_longer_match_wins(lexicon_text):
    lexicon_text["frames.tsv"] = ("cue\tframe\tstrength\n"
                                  "street (clashes|protests)\tdomestic\tweak\n"
                                  "street clashes\tinterethnic\tstrong\n"
                                  "street clashes over wages\tsocioeconomic\tstrong\n")
    frames._lexicon.cache_clear()
    try:
        assert [g[:2] for g in found("There were street clashes in the port.")] == [("street clashes", "domestic")]
        assert [g[:2] for g in found("There were street clashes over wages.")] == [
            ("street clashes over wages", "socioeconomic")]
    finally:
        frames._lexicon.cache_clear()


def test_a_cue_without_a_first_word_is_refused():
    with pytest.raises(ValueError, match="first word"):
        frames._first_words(r"\w+ violence")


# -- speed and the gold ----------------------------------------------------------------------------------

def test_time_grows_with_the_text_not_faster(corpus):
    """CPU time at two sizes, with a wide margin: a rule gone quadratic fails, a busy machine does not.

    Speed itself is measured in benchmarks/bench_preannotate.py, never asserted here.
    """
    one = "\n\n".join(d.text for d in corpus)

    def run(copies: int) -> tuple[float, int]:
        text = "\n\n".join([one] * copies)
        ctx = Context(text=text, entities=corpus[0].registry)
        ctx.sentences  # shared with the other layers: not this module's time
        pos = 0
        while (pos := text.find(" said ", pos + 1)) != -1:   # many scopes, as the attributions leave them
            ctx.scopes.append(Scope(pos + 6, min(len(text), pos + 200), f"a{len(ctx.scopes) + 1}"))
        start = time.process_time()
        out = frames.find(ctx)
        return time.process_time() - start, len(out)

    run(1)  # warm the caches
    (small, n_small), (large, n_large) = run(3), run(24)
    assert n_large == 8 * n_small > 800
    # Eight times the text may cost up to ~8 times as much; a quadratic path would cost 64 times as much.
    assert large < 24 * small + 0.5, (small, large)


def test_leave_one_out_frames_on_the_gold(corpus):
    result = score(corpus, leave_one_out(corpus, build), layers=("frames",))["layers"]["frames"]
    # Measured after the rows copied from single gold texts were taken out of the lexicon: F1 0.626 exact,
    # 0.634 at 0.8, 0.732 at 0.3 (P 0.909, R 0.612; 99 predicted, 147 gold). Lower bounds only: a better
    # general lexicon may raise them.
    floors = {"exact": 0.61, "0.8": 0.62, "0.3": 0.72}
    for level, f1 in floors.items():
        assert result[level]["f1"] >= f1, (level, result[level])
    assert result["0.3"]["precision"] >= 0.89
