"""Actor resolution: a curated dictionary of countries, organisations, outlets and people with
time-bounded roles, and the rules that turn an actor phrase as written into a canonical actor.

>>> from datetime import date
>>> from eventbuilder.resolve.actors import load_dictionary, resolve_actor
>>> load_dictionary().person_by_title("NATO Secretary General", date(2014, 8, 7)).name
'Anders Fogh Rasmussen'
>>> resolve_actor("the Kiev government", date(2014, 8, 7)).country
'UKR'
"""

from eventbuilder.resolve.actors.dictionary import (
    ActorDictionary,
    ActorEntry,
    is_person,
    load_dictionary,
)
from eventbuilder.resolve.actors.normalize import normalize
from eventbuilder.resolve.actors.resolution import ResolvedActor, resolve_actor

__all__ = [
    "ActorDictionary",
    "ActorEntry",
    "ResolvedActor",
    "is_person",
    "load_dictionary",
    "normalize",
    "resolve_actor",
]
