"""Golden renderings: what each network gets for a bulletin with accents, a conference, and a
crowded note (very long title, emoji, many municipalities); and the outbox writing exactly what
each real adapter would send."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from socialkit import CONFERENCE, ITEM, sample

from publish.channels import posts, textfit
from publish.channels.http import Patience
from publish.channels.outbox import OutboxChannel
from publish.channels.social import SocialChannel

GOLDEN = Path(__file__).parent / "golden" / "publicaciones.json"
CROWDED = sample(
    id="2026-11-25-llena",
    titulo=(
        "¡Histórico! 🎉 Presidentas y presidentes municipales de la región oriente firmaron en Valle de Chalco "
        "el convenio de coordinación metropolitana para agua potable, drenaje y transporte 🚍 con el Estado"
    ),
    resumen="Participaron 12 municipios; la inversión conjunta será de 1,200 millones de pesos en tres años. "
    * 3,
    municipios=(
        "Valle de Chalco Solidaridad",
        "Chalco",
        "Ixtapaluca",
        "La Paz",
        "Nezahualcóyotl",
        "Chimalhuacán",
        "Chicoloapan",
        "Texcoco",
        "Atenco",
        "Tlalmanalco",
        "Amecameca",
        "Acambay de Ruíz Castañeda",
    ),
)
SAMPLES = {"boletin": ITEM, "conferencia": CONFERENCE, "llena": CROWDED}
SETTINGS = {"chat": "@ptedomex"}


def rendered() -> dict[str, dict[str, object]]:
    return {
        name: {network: posts.request(item, network, SETTINGS, network) for network in posts.NETWORKS}
        for name, item in SAMPLES.items()
    }


def test_golden_posts() -> None:
    text = json.dumps(rendered(), ensure_ascii=False, indent=2) + "\n"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.exists(), f"falta {GOLDEN}; créalo con UPDATE_GOLDEN=1 y revísalo antes de aceptarlo"
    assert text == GOLDEN.read_text(encoding="utf-8"), (
        "las publicaciones cambiaron; si es a propósito: UPDATE_GOLDEN=1"
    )


def test_the_crowded_note_fits_everywhere() -> None:
    found = rendered()["llena"]
    assert textfit.x_weight(str(found["x"]["text"])) <= 280  # type: ignore[index]
    assert textfit.graphemes(str(found["bluesky"]["text"])) <= 300  # type: ignore[index]
    assert textfit.mastodon_length(str(found["mastodon"]["status"])) <= 500  # type: ignore[index]
    assert len(str(found["instagram"]["caption"])) <= 2200  # type: ignore[index]
    assert str(found["instagram"]["caption"]).count("#") == 13  # type: ignore[index]  # the site's and 12
    assert str(found["x"]["text"]).split("\n")[0] == CROWDED.titulo  # a link weighs 23 on X: it fits
    assert str(found["bluesky"]["text"]).split("\n")[0].endswith("drenaje…")  # type: ignore[index]


class Twin(SocialChannel):
    """A real adapter's rendering path with no network behind it."""

    def __init__(self, network: str) -> None:
        self.network = network
        super().__init__(network, "@ptedomex", SETTINGS, Path("/nonexistent"), Patience())


@pytest.mark.parametrize("network", posts.NETWORKS)
def test_the_outbox_writes_what_the_adapter_sends(network: str, tmp_path: Path) -> None:
    outbox = OutboxChannel(network, "@ptedomex", tmp_path, tmp_path, True, SETTINGS)
    for item in SAMPLES.values():
        assert outbox.render(item, "@ptedomex").body == Twin(network).render(item, "@ptedomex").body
