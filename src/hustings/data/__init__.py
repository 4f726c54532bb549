"""The election data layer: the registry, the embedded store and lookups on it."""

from hustings.data.api import Store
from hustings.data.geo import (
    PostcodeLocation,
    SeatCentroid,
    SeatShare,
    distance_km,
    locate_postcode,
    locate_postcodes,
    parse_postcode,
    seat_centroid,
    seat_centroids,
    to_wgs84,
)

__all__ = [
    "PostcodeLocation",
    "SeatCentroid",
    "SeatShare",
    "Store",
    "distance_km",
    "locate_postcode",
    "locate_postcodes",
    "parse_postcode",
    "seat_centroid",
    "seat_centroids",
    "to_wgs84",
]
