"""Spanish words for the synthetic archive: invented people, plausible municipal news sentences.

Every person is fictitious; sentences are assembled from parts, so no text is attributed to anyone.
"""

from __future__ import annotations

import random
import re
import unicodedata

NAMES = (
    "Ana", "Beatriz", "Carmen", "Daniela", "Elena", "Fernanda", "Gabriela", "Isabel", "Julia", "Laura",
    "Mariana", "Norma", "Patricia", "Rocío", "Sofía", "Teresa", "Verónica", "Ximena", "Alberto", "Bruno",
    "Carlos", "Diego", "Eduardo", "Felipe", "Gerardo", "Héctor", "Ignacio", "Jorge", "Luis", "Manuel",
    "Nicolás", "Óscar", "Pablo", "Ramón", "Sergio", "Tomás", "Víctor",
)  # fmt: skip
SURNAMES = (
    "Álvarez", "Benítez", "Castañeda", "Domínguez", "Escobar", "Flores", "García", "Hernández", "Ibáñez",
    "Jiménez", "López", "Martínez", "Núñez", "Ortiz", "Peña", "Quiroz", "Ramírez", "Sánchez", "Torres",
    "Urbina", "Vázquez", "Zúñiga", "Mendoza", "Rosales", "Cervantes", "Villanueva",
)  # fmt: skip
OFFICES = ("presidenta municipal", "presidente municipal", "regidora", "regidor", "síndica", "síndico",
           "diputada", "diputado", "dirigente")  # fmt: skip
SUBJECTS = ("Alcaldesa", "Alcalde", "Cabildo", "Regidora", "Gobierno municipal", "Diputada", "Comité vecinal",
            "Dirección de Obras", "DIF municipal", "Coordinación de Salud")  # fmt: skip
ACTIONS = ("inaugura", "presenta", "entrega", "pone en marcha", "anuncia", "supervisa", "amplía",
           "rehabilita", "impulsa", "concluye")  # fmt: skip
TOPICS = (
    "clínica comunitaria", "programa de bacheo", "becas para estudiantes", "red de agua potable",
    "mercado público", "alumbrado en colonias", "centro de salud", "jornada de vacunación",
    "parque lineal", "biblioteca digital", "comedor comunitario", "ruta de transporte escolar",
    "cancha deportiva", "programa de reforestación", "taller de oficios", "feria del empleo",
    "unidad deportiva", "drenaje pluvial", "apoyo a productores", "casa de cultura",
)  # fmt: skip
TAGS = ("salud", "educación", "obra pública", "agua", "seguridad", "cultura", "deporte", "empleo",
        "medio ambiente", "movilidad", "mujeres", "juventud", "campo", "vivienda", "transparencia",
        "participación ciudadana", "economía local", "protección civil")  # fmt: skip
VENUES = ("Salón de cabildos", "Auditorio municipal", "Casa de cultura", "Sala de prensa", "Explanada")

_OPENINGS = (
    "Durante la jornada", "Ante vecinas y vecinos", "En un recorrido por las colonias", "Como parte del plan anual",
    "Con la participación de la comunidad", "Tras meses de trabajo", "En coordinación con el gobierno estatal",
    "Por acuerdo del cabildo", "En respuesta a las solicitudes ciudadanas", "Desde temprano",
)  # fmt: skip
_VERBS = ("se informó que", "se dio a conocer que", "se explicó que", "se destacó que", "se confirmó que")
_CLAUSES = (
    "las obras beneficiarán a más de {n} familias de la zona",
    "el proyecto contó con una inversión de {n} mil pesos",
    "los trabajos concluirán en las próximas {k} semanas",
    "la atención será gratuita y abierta a toda la población",
    "se instalarán {k} módulos de atención en las delegaciones",
    "las escuelas de la región recibirán material y mobiliario nuevo",
    "el programa incluye capacitación para {n} personas",
    "las calles rehabilitadas mejorarán la movilidad de quienes viajan al trabajo",
    "la comunidad participó en asambleas para definir las prioridades",
    "se dará seguimiento mensual con informes públicos",
    "el comité vecinal vigilará el avance de cada etapa",
    "el servicio funcionará de lunes a sábado en horario extendido",
)  # fmt: skip
_ENDINGS = (
    "", " y se invitó a la población a participar", " con el respaldo de las autoridades auxiliares",
    " según el calendario acordado", " en beneficio de las familias trabajadoras",
)  # fmt: skip


def sentence(rng: random.Random) -> str:
    clause = rng.choice(_CLAUSES).format(n=rng.randint(2, 90) * 50, k=rng.randint(2, 12))
    return f"{rng.choice(_OPENINGS)}, {rng.choice(_VERBS)} {clause}{rng.choice(_ENDINGS)}."


def slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", folded))
