"""The link stage run by extract_text on one article."""
import eventbuilder


def test_an_article_with_places_but_no_claims_links_nothing_and_does_not_fail():
    # A PLOVER sentence crashed extract_text: with no claims, the claims table had no chunks, and
    # joining its place ids with the place mentions' ids inferred type null and failed.
    text = ("The Red Cross operating in Iraq said US and British forces must ensure security to allow "
            "emergency water, food, and medical supplies to reach the needy.")
    assert eventbuilder.extract_text(text, None) == []
