"""The shared cache: Django's Redis backend, careful of the broker's keys.

With Redis configured, the default cache holds the API's throttle counts
(shared by every gunicorn worker, so a limit means the same with three
workers as with one), the pages' aggregates and the assessment tables
computed as of a date. Two choices differ from Django's ``RedisCache``:

- ``clear()`` deletes only the keys under this cache's ``KEY_PREFIX``.
  Django's empties the whole Redis database (``FLUSHDB``), which may also
  hold Celery's queue or another portal's cache.
- A Redis that does not answer is a miss, not an error: reads return the
  default and writes are dropped, with a warning. Pages are then computed
  for every request and throttles let requests through until Redis is
  back, rather than every page and API call failing.
"""

import logging
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

T = TypeVar("T")
DELETE_BATCH = 500


class PortalRedisCache(RedisCache):
    def clear(self) -> None:
        if not self.key_prefix:
            raise ValueError("the shared cache needs a KEY_PREFIX to clear by")
        client = self._cache.get_client(write=True)
        pattern = f"{self.key_prefix}:*"
        batch: list[bytes] = []
        for key in client.scan_iter(match=pattern, count=DELETE_BATCH):
            batch.append(key)
            if len(batch) == DELETE_BATCH:
                client.delete(*batch)
                batch = []
        if batch:
            client.delete(*batch)

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        return _unless_down(
            lambda: super(PortalRedisCache, self).get(key, default, version), default
        )

    def get_many(self, keys: Iterable[Any], version: Any = None) -> dict[Any, Any]:
        return _unless_down(
            lambda: super(PortalRedisCache, self).get_many(keys, version), {}
        )

    def set(
        self,
        key: Any,
        value: Any,
        timeout: Any = DEFAULT_TIMEOUT,
        version: Any = None,
    ) -> None:
        _unless_down(
            lambda: super(PortalRedisCache, self).set(key, value, timeout, version),
            None,
        )

    def add(
        self,
        key: Any,
        value: Any,
        timeout: Any = DEFAULT_TIMEOUT,
        version: Any = None,
    ) -> bool:
        return _unless_down(
            lambda: super(PortalRedisCache, self).add(key, value, timeout, version),
            False,
        )

    def delete(self, key: Any, version: Any = None) -> bool:
        return _unless_down(
            lambda: super(PortalRedisCache, self).delete(key, version), False
        )


def _unless_down(operation: Callable[[], T], fallback: T) -> T:
    try:
        return operation()
    except RedisError as error:
        logger.warning("cache: Redis does not answer (%s); treated as a miss", error)
        return fallback
