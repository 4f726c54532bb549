"""Targets: attack and defence lists and seats in jeopardy for a party under a scenario."""

from __future__ import annotations

from hustings.targets.lists import MODES, TargetList, TargetRow, target_list

__all__ = ["MODES", "TargetList", "TargetRow", "target_list"]
