"""Short codes: the alphabet without look-alikes, case-insensitive reading, collision retry."""

import pytest

from dialogues import codes
from dialogues.models import Dialogue, new_short_code
from tests.dialogues.factories import DialogueFactory


def test_alphabet_has_no_look_alikes() -> None:
    for look_alike in "0O1IL":
        assert look_alike not in codes.ALPHABET
    assert codes.ALPHABET == codes.ALPHABET.upper()
    assert len(set(codes.ALPHABET)) == len(codes.ALPHABET)


def test_random_codes_are_six_characters_of_the_alphabet() -> None:
    for _ in range(200):
        code = codes.random_code()
        assert len(code) == codes.LENGTH == 6
        assert codes.is_well_formed(code)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("k7mq2p", "K7MQ2P"),
        ("K7M Q2P", "K7MQ2P"),
        ("  k7m-q2p ", "K7MQ2P"),
        ("K7M–Q2P", "K7MQ2P"),
        ("k 7 m q 2 p", "K7MQ2P"),
    ],
)
def test_typed_codes_are_read_case_insensitively_and_without_separators(
    typed: str, stored: str
) -> None:
    assert codes.normalize_code(typed) == stored
    assert codes.is_well_formed(codes.normalize_code(typed))


@pytest.mark.parametrize("typed", ["", "K7MQ2", "K7MQ2PX", "K7MQ2O", "K7MQ21", "K7MQ2L", "K7MQ2!"])
def test_malformed_codes_are_not_well_formed(typed: str) -> None:
    assert not codes.is_well_formed(codes.normalize_code(typed))


def test_unique_code_retries_on_a_collision(monkeypatch: pytest.MonkeyPatch) -> None:
    offered = iter(["AAAAAA", "BBBBBB", "CCCCCC"])
    monkeypatch.setattr(codes, "random_code", lambda: next(offered))
    taken = {"AAAAAA", "BBBBBB"}
    assert codes.unique_code(lambda code: code in taken) == "CCCCCC"


def test_unique_code_gives_up_when_every_try_is_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(codes, "random_code", lambda: "AAAAAA")
    with pytest.raises(codes.CodeSpaceExhausted):
        codes.unique_code(lambda code: True)


@pytest.mark.django_db
def test_new_short_code_skips_a_code_a_dialogue_has(monkeypatch: pytest.MonkeyPatch) -> None:
    existing = DialogueFactory()
    offered = iter([existing.short_code, "ZZZZZZ"])
    monkeypatch.setattr(codes, "random_code", lambda: next(offered))
    assert new_short_code() == "ZZZZZZ"
    assert Dialogue.objects.filter(short_code="ZZZZZZ").count() == 0
