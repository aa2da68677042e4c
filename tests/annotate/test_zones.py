"""The pre-annotator's zones: each rule on a hand-written page, and the leave-one-out score on the gold."""

from __future__ import annotations

import corpus_kz
from corpus_kz.scoring.evaluate import leave_one_out, score
from corpus_kz.annotate import build

PAGE = """Skip to main content
Mayor Resigns After Week Of Protests In Riverside
By Jane Roe
Protesters filled the central square of Riverside for a seventh day on Monday, and the mayor resigned in the evening.
Protesters gather in Riverside on Monday. Photo: J. Smith
"We will not leave until the council goes too," said one organiser, Anna Lee.
What Comes Next
The council meets again on Friday to choose an acting mayor, officials said.
Watch the crowd on the square tonight https://t.co/abc123 pic.twitter.com/xyz (@annalee)
© 2024 Example News. All rights reserved.
Leave a Reply
"""


def zones(text: str) -> list[tuple[str, str]]:
    doc = corpus_kz.annotate(text, {"event": "qantar_2022"})
    return [(z.zone, z.text) for z in doc.zones]


def test_each_kind_of_line():
    assert zones(PAGE) == [
        ("boilerplate", "Skip to main content"),
        ("headline", "Mayor Resigns After Week Of Protests In Riverside"),
        ("byline", "By Jane Roe"),
        ("caption", "Protesters gather in Riverside on Monday. Photo: J. Smith"),
        ("subheading", "What Comes Next"),
        ("boilerplate", "https://t.co/abc123 pic.twitter.com/xyz"),
        ("boilerplate", "(@annalee)"),
        ("boilerplate", "© 2024 Example News. All rights reserved."),
        ("boilerplate", "Leave a Reply"),
    ]


def test_a_caption_printed_twice_is_two_captions():
    line = "Residents walk past a burned car in the town centre."
    text = f"Town Counts The Cost Of Riots\n{line}\n{line}\nThe riots lasted two nights, police said.\n"
    assert zones(text) == [("headline", "Town Counts The Cost Of Riots"), ("caption", line), ("caption", line)]


def test_interviewer_lines_are_questions_and_nothing_is_annotated_in_furniture():
    text = ("Reporter: What happened?\n\nJane Doe: The police left the streets on Monday.\n\n"
            "Reporter: And then?\n\nDoe: We waited for 200 soldiers.\n\n"
            "© 2024 Jane Doe for Example News, Lima, 3 pages\n")
    doc = corpus_kz.annotate(text, {"event": "qantar_2022"})
    assert [(z.zone, z.text) for z in doc.zones] == [
        ("question", "Reporter: What happened?"), ("question", "Reporter: And then?"),
        ("boilerplate", "© 2024 Jane Doe for Example News, Lima, 3 pages")]
    furniture = [z for z in doc.zones if z.zone == "boilerplate"]
    for layer in ("mentions", "quotes", "figures", "frames"):
        assert not any(r.overlaps(z) for r in getattr(doc, layer) for z in furniture), layer


def test_furniture_words_in_a_sentence_and_by_with_a_date_are_body():
    assert zones("Officials said 300 volunteers had come forward to sign up for the clean-up.") == []
    assert zones("By Monday, police said 20 people had been detained.") == []
    assert zones("The minister, pictured above, said the curfew would end.") == []


def test_leave_one_out_score():
    docs = list(corpus_kz.load())
    result = score(docs, leave_one_out(docs, build), layers=("zones",))["layers"]["zones"]
    # Measured when this bound was set: P 1.000, R 0.859, F1 0.924 (exact).
    assert result["exact"]["f1"] >= 0.88 and result["exact"]["precision"] >= 0.95


def test_a_sentence_case_headline():
    text = "Farmers block motorways in protest over fuel taxes\n\nThousands of farmers drove tractors onto motorways.\n"
    assert zones(text) == [("headline", "Farmers block motorways in protest over fuel taxes")]
