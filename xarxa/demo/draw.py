"""Small seeded draws shared by the demo generators."""

import random
import uuid
from collections.abc import Sequence


def pick(rng: random.Random, weighted: Sequence[tuple[str, float]]) -> str:
    """One value of ``[(value, weight), ...]``."""
    return rng.choices([v for v, _w in weighted], weights=[w for _v, w in weighted])[0]


def uuid_from(rng: random.Random) -> uuid.UUID:
    """A version-4 UUID drawn from the seeded generator (the same for a seed)."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)
