import pytest

from portal.personal_numbers import find_personal_numbers, luhn_valid, mask_personal_numbers


@pytest.mark.parametrize(
    "text",
    [
        "811218-9876",  # ten digits with hyphen
        "19811218-9876",  # twelve digits with hyphen
        "198112189876",  # twelve digits
        "8112189876",  # ten digits
        "121212+1212",  # past a hundred years
        "811278-9873",  # samordningsnummer: day + 60
    ],
)
def test_both_forms_are_masked(text):
    masked = mask_personal_numbers(f"Patienten {text} remitterades.")
    assert masked == "Patienten [personnummer dolt] remitterades."
    assert find_personal_numbers(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "811218-9875",  # wrong check digit
        "20170612",  # a date
        "RS/1009/2017",  # diarienummer
        "Belopp 1234567890 kr",  # check digit fails and no possible date
        "tel 070-1234567",
        "811318-9874",  # month 13
        "25811218-9876",  # no such century
    ],
)
def test_other_numbers_are_left_alone(text):
    assert mask_personal_numbers(text) == text


def test_every_occurrence_in_a_longer_text_is_masked():
    text = "Ärendet gäller 811218-9876 och 19121212-1212; dnr RS/1009/2017."
    assert mask_personal_numbers(text) == (
        "Ärendet gäller [personnummer dolt] och [personnummer dolt]; dnr RS/1009/2017."
    )


def test_luhn():
    assert luhn_valid("8112189876")
    assert not luhn_valid("8112189875")
