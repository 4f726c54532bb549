"""Where things are: 2024 seats by code or name, and postcodes to seats, from the data store."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from hustings.errors import InvalidInputError, NotFoundError
from hustings.field.people import Located

if TYPE_CHECKING:
    from hustings.data.api import Store

BOUNDARIES = "2024"


class Places:
    """The 2024 seats of the data store, and postcode lookups through it."""

    def __init__(self, store: Store) -> None:
        from hustings.data.lookup import SeatIndex

        self._store = store
        self._seats = SeatIndex(store, BOUNDARIES)
        self._located: dict[str, Located] = {}

    def seat(self, text: str) -> str:
        """The GSS code of a 2024 seat given by code or name (one-line error otherwise)."""
        return self._seats(text)

    def name(self, gss: str) -> str:
        """A seat's name (its code when the store does not know it)."""
        return self._seats.name(gss)

    def prefetch(self, postcodes: Iterable[str]) -> None:
        """Locate many postcodes in one query, so that :meth:`locate` answers them from memory
        (those the query cannot place are left for :meth:`locate` to explain)."""
        from hustings.data.geo import locate_postcodes

        for text, found in locate_postcodes(self._store, postcodes).items():
            if found.seats and found.easting is not None and found.northing is not None:
                self._located[text] = Located(
                    found.query, found.seats[0].gss, round(found.easting), round(found.northing)
                )

    def locate(self, postcode: str) -> Located:
        """The seat (largest share) and grid point of a full postcode."""
        if postcode in self._located:
            return self._located[postcode]
        from hustings.data import locate_postcode

        found = locate_postcode(self._store, postcode)
        if found.kind != "postcode" or not found.seats:
            raise InvalidInputError(f"'{postcode}' is not a full postcode")
        if found.easting is None or found.northing is None:
            raise NotFoundError(f"postcode '{postcode}' has no grid reference")
        return Located(found.query, found.seats[0].gss, round(found.easting), round(found.northing))


def places(store: Store) -> Places:
    """Seat and postcode lookups over ``store``."""
    return Places(store)


__all__ = ["Places", "places"]
