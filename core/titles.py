"""Titles and ranks that stand before a person's name and are not part of it.

No spaCy here: extraction, resolution (``graph/``) and the evaluation's
matcher share this list, and ``graph/`` must not import spaCy. Each adds the
few words its own job needs (see their modules).

>>> "mr" in PERSON_TITLES, "zelenskyy" in PERSON_TITLES
(True, False)
"""
PERSON_TITLES = frozenset(
    """mr mrs ms miss dr sir dame lord lady prof president prime minister general gen major maj
    colonel col lieutenant lt captain capt sergeant sgt admiral king queen prince princess pope
    senator sen rep governor gov mayor chancellor secretary spokesman spokeswoman spokesperson""".split()
)
