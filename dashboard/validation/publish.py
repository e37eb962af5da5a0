"""The one way a checked upload reaches the shared data: `publish_checked` refuses a table with any problem, so
a bad file can never change the active version, whatever page or script calls it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dashboard.store import PublishRequest
from dashboard.validation.pipeline import Prepared
from dashboard.validation.problems import UploadError

if TYPE_CHECKING:
    from dashboard.registry import DatasetMeta, Registry


class NotPublished(UploadError):
    """The upload has problems; `problems` lists them all (`problem` is the first)."""

    def __init__(self, prepared: Prepared) -> None:
        super().__init__(prepared.problems[0])
        self.problems = prepared.problems


def publish_checked(registry: Registry, prepared: Prepared, **provenance: str) -> DatasetMeta:
    """Publish `prepared` as the new active version of its dataset, or raise NotPublished listing its problems.

    `provenance` holds the PublishRequest fields the analyst entered (title, publisher, citation, ...).
    """
    if not prepared.ok:
        raise NotPublished(prepared)
    return registry.publish(PublishRequest(dataset_id=prepared.kind, frame=prepared.frame, **provenance))
