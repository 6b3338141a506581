"""The guard measured on a corpus: identifying strings refused, ordinary notes accepted."""

import time
from collections import Counter
from pathlib import Path

from frirum.lib.anonymity import code_kind, find_identifiers
from frirum.lib.codes import new_record_code

CORPUS = Path(__file__).parent / "anonymity_corpus"


def _lines(name: str) -> list[str]:
    text = (CORPUS / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _identifying() -> list[tuple[str, str]]:
    return [tuple(line.split(": ", 1)) for line in _lines("identifying.txt")]


def test_it_has_a_corpus_of_the_promised_size():
    kinds = Counter(kind for kind, _text in _identifying())
    assert sum(kinds.values()) >= 300
    assert set(kinds) == {"cpr", "phone", "email", "social", "address", "name"}
    assert len(_lines("ordinary.txt")) >= 300


def test_it_refuses_at_least_99_percent_of_identifying_strings():
    samples = _identifying()
    missed = [(kind, text) for kind, text in samples if not find_identifiers(text)]
    per_kind = Counter(kind for kind, _text in samples)
    missed_per_kind = Counter(kind for kind, _text in missed)
    rate = 1 - len(missed) / len(samples)
    print(f"\nidentifying strings refused: {rate:.1%} of {len(samples)}")
    for kind, total in sorted(per_kind.items()):
        print(f"  {kind}: {1 - missed_per_kind[kind] / total:.1%} of {total}")
    assert rate >= 0.99, missed


def test_it_refuses_at_most_2_percent_of_ordinary_notes():
    notes = _lines("ordinary.txt")
    refused = [(note, find_identifiers(note)) for note in notes]
    refused = [(note, found) for note, found in refused if found]
    rate = len(refused) / len(notes)
    print(f"\nordinary notes refused: {rate:.1%} of {len(notes)}")
    assert rate <= 0.02, refused


def test_it_names_the_kind_it_found():
    wrong = [
        (kind, text)
        for kind, text in _identifying()
        if (found := find_identifiers(text)) and kind not in {f.kind for f in found}
    ]
    assert len(wrong) <= len(_identifying()) // 100, wrong


def test_it_is_fast_enough_for_a_large_import():
    # A figure to watch, not a timed assertion: the machine may be busy.
    notes = _lines("ordinary.txt") * 30
    started = time.perf_counter()
    for note in notes:
        find_identifiers(note)
    elapsed = time.perf_counter() - started
    print(f"\n{len(notes)} ordinary notes checked in {elapsed:.2f} s")
    codes = [new_record_code("U") for _ in range(20000)]
    started = time.perf_counter()
    refused = [code for code in codes if code_kind(code)]
    print(f"{len(codes)} generated codes checked in {time.perf_counter() - started:.2f} s")
    assert elapsed < 60
    assert refused == []
