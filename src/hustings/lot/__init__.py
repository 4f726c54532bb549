"""Selection by lot: fair, verifiable panels drawn from a pool with quotas and exclusions.

``read_pool``/``read_quotas`` read the inputs, ``build_instance`` checks them and applies
exclusions and one-per-household, ``select`` computes a lottery (LEXIMIN, MAXIMIN or LEGACY)
and draws one panel from it with a public seed, ``audit_result`` re-checks a published result.
"""

from hustings.lot.draw import draw
from hustings.lot.feasibility import Relaxation, diagnose
from hustings.lot.instance import build_instance
from hustings.lot.model import (
    Distribution,
    Draw,
    Exclusions,
    Instance,
    Person,
    Pool,
    Quota,
    Quotas,
    SelectionResult,
)
from hustings.lot.readers import exclusions, read_exclusions, read_pool, read_quotas
from hustings.lot.select import METHODS, Audit, audit_result, panel_problems, select

__all__ = [
    "METHODS",
    "Audit",
    "Distribution",
    "Draw",
    "Exclusions",
    "Instance",
    "Person",
    "Pool",
    "Quota",
    "Quotas",
    "Relaxation",
    "SelectionResult",
    "audit_result",
    "build_instance",
    "diagnose",
    "draw",
    "exclusions",
    "panel_problems",
    "read_exclusions",
    "read_pool",
    "read_quotas",
    "select",
]
