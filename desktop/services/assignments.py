"""Lead and coordinating units of tasks and indicators (one table serves both)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Literal

from desktop.errors import InvalidInput
from desktop.model import Unit
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


def load(
    service: Service, owner: Owner, owner_ids: Iterable[int] | None = None
) -> dict[int, Roles]:
    """Units per owner id, leads and coordinators each in their printed order."""
    sql = (
        f"SELECT a.{owner} AS owner, a.role, u.* FROM assignments a "
        f"JOIN units u ON u.id = a.unit_id WHERE a.{owner} IS NOT NULL"
    )
    if owner_ids is None:
        batches: list[tuple[str, list[int]]] = [(sql, [])]
    else:
        ids = list(owner_ids)
        batches = [
            (f"{sql} AND a.{owner} IN ({', '.join('?' * len(chunk))})", chunk)
            for chunk in (ids[i : i + _BATCH] for i in range(0, len(ids), _BATCH))
        ]
    found: dict[int, dict[str, list[Unit]]] = defaultdict(lambda: {"lead": [], "coordinate": []})
    for batch_sql, params in batches:
        for row in service._rows(batch_sql + " ORDER BY a.position", params):
            owner_id, role = row.pop("owner"), row.pop("role")
            found[owner_id][role].append(unit_from_row(row))
    return {key: (tuple(v["lead"]), tuple(v["coordinate"])) for key, v in found.items()}
