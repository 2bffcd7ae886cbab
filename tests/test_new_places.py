"""US states and regions named "New ..." stay themselves: the actor dictionary's ruler knows the
country or territory the name ends with (Jersey, Mexico, England) and must not cut the name."""
import pytest

from eventbuilder.analyse import pipeline
from eventbuilder.options import DEFAULT_MODEL
from eventbuilder.resolve.places import geoparse


@pytest.mark.parametrize("text, expected", [
    ("Police in Newark, New Jersey, arrested two men on Monday.",
     [("Newark", "USA"), ("New Jersey", "USA")]),
    ("The governor of New Mexico met officials from Mexico on Friday.", [("New Mexico", "USA"), ("Mexico", "MEX")]),
    ("Jersey's government said on Monday that the ferry would resume.", [("Jersey", "JEY")]),
])
def test_a_new_place_name_is_not_its_tail(nlp, text, expected):
    doc = pipeline(DEFAULT_MODEL)(text)  # the product's pipeline, with the dictionary's ruler
    assert [(m.text, m.place.country if m.place else None) for m in geoparse(text, doc)] == expected

