"""What projections learn from past elections, read and fitted once into one object.

A :class:`History` wraps the store and keeps, for its life, every base election it has read,
the seat features of each base, the ``ours`` settings and the simulation's error sizes fitted
for each cut-off: with ``before`` set to an election, only the elections before it are used
(the back-tests); with ``before=None``, all of them (the next election). Projections take a
History (or a store, whose one History is then used); everything it fits comes from the
store it was made with.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

import numpy as np
import numpy.typing as npt

from hustings.projection.base import Base, aligned_actual, load_base, stands, targets
from hustings.projection.central import ProjectionResult, project_central
from hustings.projection.features import fit, seat_features, training_pairs
from hustings.projection.finals import POLL_YEARS, actual_shares, poll_error_k
from hustings.projection.models import ModelContext
from hustings.projection.uncertainty import ErrorModel, residual_k

if TYPE_CHECKING:
    from hustings.data.api import Store

Array = npt.NDArray[np.float64]


class History:
    """Base elections, seat features, fitted settings and error sizes of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._bases: dict[str, Base] = {}
        self._features: dict[str, Array] = {}
        self._coefficients: dict[str | None, Array] = {}
        self._errors: dict[tuple[str, str | None], ErrorModel] = {}

    @classmethod
    def of(cls, source: Store | History) -> History:
        """``source`` itself when it is a History, else the store's one History (made on
        first use and kept while the store lives, so a store is fitted once)."""
        if isinstance(source, History):
            return source
        found = _OF_STORE.get(source)
        if found is None:
            # a weak proxy, so that the History kept for a store does not keep the store alive
            found = _OF_STORE[source] = cls(cast("Store", weakref.proxy(source)))
        return found

    def base(self, election: str) -> Base:
        """The base election's GB vote matrix."""
        key = self.store.election(election).id
        if key not in self._bases:
            self._bases[key] = load_base(self.store, key)
        return self._bases[key]

    def features(self, b: Base) -> Array:
        """Standardised seat features of the base's seats."""
        if b.election not in self._features:
            self._features[b.election] = seat_features(self.store, b)
        return self._features[b.election]

    def coefficients(self, before: str | None) -> Array:
        """The ``ours`` settings ``(w, t, v)`` fitted on the back-test pairs whose target
        precedes ``before`` (all pairs when None)."""
        if before not in self._coefficients:
            cases = []
            for base_id, target_id in training_pairs(before):
                b = self.base(base_id)
                base_area, target_area, _ = targets(b, actual_shares(self.store, target_id), None)
                context = ModelContext(features=self.features(b), stands=stands(b))
                actual = aligned_actual(self.store, b, target_id)
                cases.append((b.shares, base_area, target_area, context, actual))
            self._coefficients[before] = fit(cases)
        return self._coefficients[before]

    def context(self, b: Base, model: str, before: str | None) -> ModelContext:
        """What ``model`` knows about ``b``: where each party can win votes and, for
        ``ours``, seat features and settings fitted before ``before``."""
        if model != "ours":
            return ModelContext(stands=stands(b))
        return ModelContext(
            features=self.features(b), coefficients=self.coefficients(before), stands=stands(b)
        )

    def central(
        self,
        b: Base,
        shares: Mapping[str, float] | None,
        by: Mapping[str, Mapping[str, float]] | None = None,
        *,
        model: str,
        before: str | None,
        normalise: bool = False,
    ) -> ProjectionResult:
        """The central projection of ``b`` with the model fitted before ``before``."""
        context = self.context(b, model, before)
        return project_central(b, shares, by, model=model, context=context, normalise=normalise)

    def errors(self, model: str, before: str | None) -> ErrorModel:
        """The simulation's error sizes for ``model`` from elections before ``before`` only:
        national from earlier final polls, regional and seat from ``model``'s back-tests on
        the earlier pairs with the actual GB shares as input."""
        key = (model, before)
        if key not in self._errors:
            years = tuple(y for y in POLL_YEARS if before is None or int(y) < int(before[:4]))
            cases = []
            pairs = tuple(training_pairs(before))
            for base_id, target_id in pairs:
                b = self.base(base_id)
                shares = actual_shares(self.store, target_id)
                central = self.central(b, shares, model=model, before=target_id).shares
                cases.append((b.regions, central, aligned_actual(self.store, b, target_id)))
            regional, seat = residual_k(cases)
            national = poll_error_k(self.store, years)
            used = tuple(target for _, target in pairs)
            self._errors[key] = ErrorModel(national, regional, seat, years, used)
        return self._errors[key]


_OF_STORE: weakref.WeakKeyDictionary[Store, History] = weakref.WeakKeyDictionary()
