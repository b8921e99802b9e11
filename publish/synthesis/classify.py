"""Classification of a story: its topics (party, people, municipalities) and a suggested tone.

Stored with the fingerprint of the rules that made it; `refresh` redoes the stories classified
under older rules (a person added to the people file, a word added to the lexicon).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from pressroom.model.refdata import RefData

from .store import Store
from .story import Story
from .tone import Lexicon, Suggestion, load_lexicon
from .topics import Matcher, Matches, load_rules


@dataclass(frozen=True)
class Classification:
    temas: Matches
    sugerencia: Suggestion


class Classifier:
    def __init__(self, matcher: Matcher, lexicon: Lexicon) -> None:
        self.matcher = matcher
        self.lexicon = lexicon
        self.fingerprint = f"{matcher.fingerprint}-{lexicon.fingerprint}"

    def classify(self, *texts: str) -> Classification:
        return Classification(self.matcher.match(*texts), self.lexicon.suggest(*texts))


def classifier_for(ref: RefData) -> Classifier:
    return Classifier(Matcher(ref, load_rules()), load_lexicon())


def refresh(store: Store, stories: Iterable[Story], classifier: Classifier) -> list[Story]:
    """The stories, those classified under other rules classified again (and saved). Cards are
    classified when their file is read (they add what the editor declared)."""
    current = []
    for story in stories:
        if story.huella != classifier.fingerprint and story.ficha is None:
            found = classifier.classify(*story.texts())
            store.rematched(story, found.temas, found.sugerencia, classifier.fingerprint)
            story = replace(
                story, temas=found.temas, sugerencia=found.sugerencia, huella=classifier.fingerprint
            )
        current.append(story)
    return current
