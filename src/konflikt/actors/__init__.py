"""The actor registry: canonical names, ACLED inter codes and aliases, as data (issue 6)."""

from konflikt.actors.registry import ActorEntry, ActorMatch, Registry, load_registry

__all__ = ["ActorEntry", "ActorMatch", "Registry", "load_registry"]
