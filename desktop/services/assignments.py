"""Lead and coordinating units of tasks and indicators (one table serves both)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Literal

from desktop.domain.model import Unit
from desktop.errors import InvalidInput
from desktop.services.base import Service
from desktop.services.units import UnitRef, unit_from_row

Owner = Literal["task_id", "indicator_id"]
Roles = tuple[tuple[Unit, ...], tuple[Unit, ...]]
_BATCH = 500  # ids per query, well under SQLite's bound-parameter limit


def write(
    service: Service,
    owner: Owner,
    owner_id: int,
    leads: Sequence[UnitRef],
    coordinators: Sequence[UnitRef],
) -> None:
    """Replace the owner's assignments; call inside the caller's change()."""
    lead_units = [service.ws.units.resolve(ref) for ref in leads]
    coordinator_units = [service.ws.units.resolve(ref) for ref in coordinators]
    if not lead_units:
        raise InvalidInput("Cần ít nhất một cơ quan chủ trì.")
    service.db.execute(f"DELETE FROM assignments WHERE {owner} = ?", [owner_id])
    records = []
    for role, units in (("lead", lead_units), ("coordinate", coordinator_units)):
        seen: set[int] = set()
        for position, unit in enumerate(units, start=1):
            if unit.id in seen:
                continue
            seen.add(unit.id)
            records.append(
                {owner: owner_id, "unit_id": unit.id, "role": role, "position": position}
            )
    service.db["assignments"].insert_all(records)


def load(service: Service, owner: Owner, owner_ids: Iterable[int]) -> dict[int, Roles]:
    """Units per owner id, leads and coordinators each in their printed order."""
    ids = list(owner_ids)
    found: dict[int, tuple[list[Unit], list[Unit]]] = defaultdict(lambda: ([], []))
    for chunk in (ids[i : i + _BATCH] for i in range(0, len(ids), _BATCH)):
        owned = f"{owner} IN ({', '.join('?' * len(chunk))})"
        # Each unit is built once, however many rows name it.
        units = {
            row["id"]: unit_from_row(row)
            for row in service._rows(
                f"SELECT * FROM units WHERE id IN (SELECT unit_id FROM assignments WHERE {owned})",
                chunk,
            )
        }
        cursor = service.db.execute(
            f"SELECT {owner}, role, unit_id FROM assignments WHERE {owned} ORDER BY position",
            chunk,
        )
        for owner_id, role, unit_id in cursor:
            found[owner_id][0 if role == "lead" else 1].append(units[unit_id])
    return {key: (tuple(leads), tuple(others)) for key, (leads, others) in found.items()}
