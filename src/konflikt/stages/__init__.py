"""The pipeline's stages, one module each. Importing this package registers them all.

Order (see ``pipeline.DEFAULT_STAGES``): language -> analysis -> places -> times -> quantities
-> actors -> attribution -> events. Mentions come before records because the events stage
only assembles what the mention stages found; places come before times so that nothing in
times depends on places, and either could move.
"""

from konflikt.stages import (  # noqa: F401  (imported to register)
    actors,
    analysis,
    attribution,
    events,
    language,
    places,
    quantities,
    times,
)
