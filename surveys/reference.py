"""The municipality registry shipped with the portal, loaded by ``load_reference``.

The national code list and the dated change list (see
``surveys.registry_files``) are combined and every municipality the
database lacks is added; rows staff have edited are never overwritten.
"""

import logging

from indicators.reference_data import reference_loader
from surveys import records
from surveys.registry_files import (
    CHANGE_LIST,
    NATIONAL_LIST,
    read_change_list,
    read_national_list,
    with_changes,
)

logger = logging.getLogger(__name__)


@reference_loader("municipalities")
def load_municipalities() -> int:
    registry = with_changes(
        read_national_list(NATIONAL_LIST), read_change_list(CHANGE_LIST)
    )
    added = records.add_missing_municipalities(registry)
    logger.info("municipality registry: %d of %d rows added", added, len(registry))
    return added
