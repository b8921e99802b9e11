"""The contact directory's model: contacts, their coverage, lists and roles. No I/O.

A contact is personal data. Nothing here formats a contact for logs: callers print the address
(the contact's identity, already in the ledger) and never the name or the phone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pressroom.model.item import TYPES, District, Municipality

STATEWIDE = "estatal"

# Lists a contact subscribes to: each published type by its section name, `todo` for every type,
# and `interno` for the office's own mailings (e.g. the daily press synthesis), which no published
# item goes to by itself.
LISTS: dict[str, tuple[str, ...]] = {
    "todo": tuple(TYPES),
    **{t.section: (t.key,) for t in TYPES.values()},
    "interno": (),
}
DEFAULT_LISTS = ("todo",)

# Roles, canonical form first; the other spellings (feminine forms) mean the same role.
ROLES: dict[str, tuple[str, ...]] = {
    "coordinador distrital": ("coordinadora distrital", "coordinación distrital"),
    "enlace municipal": (),
    "periodista": (),
    "medio": (),
    "equipo interno": ("interno",),
    "otro": (),
}


@dataclass(frozen=True)
class Contact:
    """One person or newsroom in the directory.

    `correo` is the contact's identity: lowercased, unique in the directory, the recipient key of
    every delivery to this contact (email and WhatsApp alike), so the ledger never holds a phone.
    """

    nombre: str
    correo: str
    telefono: str | None = None  # E.164, "+525500000001"
    rol: str | None = None  # a key of ROLES
    medio: str = ""
    distritos: tuple[str, ...] = ()  # district ids
    municipios: tuple[str, ...] = ()  # municipality slugs
    estatal: bool = False  # covers the whole state
    listas: tuple[str, ...] = DEFAULT_LISTS
    activo: bool = True
    verificado: dt.date | None = None  # last time someone confirmed these details
    whatsapp: dt.date | None = None  # date the contact agreed to receive WhatsApp messages
    fuente: str = ""  # directory file, for messages
    linea: int = 0

    @property
    def where(self) -> str:
        """`file:line` of this contact, the only way messages point at it."""
        return f"{self.fuente}:{self.linea}"

    @property
    def on_whatsapp(self) -> bool:
        return self.activo and self.whatsapp is not None and self.telefono is not None

    def wants(self, tipo: str) -> bool:
        return any(tipo in LISTS[name] for name in self.listas)

    def covers(self, distritos: tuple[str, ...], municipios: tuple[str, ...]) -> bool:
        """Whether an item in these districts and municipalities (slugs) is in this contact's area."""
        return self.estatal or bool(
            set(self.distritos) & set(distritos) or set(self.municipios) & set(municipios)
        )

    def stale(self, today: dt.date, months: int = 6) -> bool:
        """Not verified in the last `months` months (or never)."""
        return self.verificado is None or self.verificado < months_before(today, months)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` months earlier (the month's last day when it has fewer days)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass(frozen=True)
class Directory:
    """Every contact of every directory file, with the reference data they were checked against."""

    contacts: tuple[Contact, ...]
    districts: tuple[District, ...] = ()
    municipalities: tuple[Municipality, ...] = ()
    sources: tuple[str, ...] = ()  # the files read, as messages name them
    _by_address: dict[str, Contact] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for contact in self.contacts:
            self._by_address.setdefault(contact.correo, contact)

    def active(self) -> tuple[Contact, ...]:
        return tuple(c for c in self.contacts if c.activo)

    def by_address(self, address: str) -> Contact | None:
        return self._by_address.get(address.strip().lower())

    def on_list(self, name: str) -> tuple[Contact, ...]:
        """Active contacts subscribed to a list (`todo` does not include `interno`)."""
        if name not in LISTS:
            raise KeyError(name)
        return tuple(c for c in self.active() if name in c.listas)

    def district_of(self, slug: str) -> District | None:
        return next((d for d in self.districts if any(m.slug == slug for m in d.municipios)), None)
