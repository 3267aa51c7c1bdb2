"""A thread-safe, compute-once cache for expensive module-level values."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["once"]

T = TypeVar("T")

_UNSET = object()


class _Once(Generic[T]):
    """Call a function at most once, even when many threads ask at the same time."""

    def __init__(self, func: Callable[[], T]) -> None:
        self._func = func
        self._lock = threading.Lock()
        self._value: object = _UNSET
        functools.update_wrapper(self, func)

    def __call__(self) -> T:
        value = self._value
        if value is _UNSET:
            with self._lock:
                value = self._value
                if value is _UNSET:
                    value = self._func()
                    self._value = value
        return value  # type: ignore[return-value]

    def clear(self) -> None:
        """Forget the value, so the next call computes it again (for tests)."""
        with self._lock:
            self._value = _UNSET


def once(func: Callable[[], T]) -> _Once[T]:
    """
    Decorate a function of no arguments so that it runs once and its result is kept.

    Unlike :func:`functools.cache`, concurrent first callers wait for the one computation
    instead of running it in parallel. An exception is not cached: the next call retries.
    """
    return _Once(func)
