# One menu for everyone: `make` lists the targets.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.instalado
CONFIG ?= pelican.conf.py
PRESSROOM := $(PY) -m pressroom --config $(CONFIG)
NAVEGADOR := bash tests/tools/install_browser_deps.sh
export PYTHONPATH := $(CURDIR):$(CURDIR)/plugins
export TIPO TITULO MUNICIPIO CANAL PERIODO DESDE  # passed through the environment so quotes in a title survive

.DEFAULT_GOAL := help
.PHONY: help html validar serve nuevo publish plan probar informe agenda test check lint navegador lighthouse

help: ## Muestra este menú
	@echo "Comandos disponibles:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'
	@echo
	@echo 'Ejemplo: make nuevo TIPO=boletin TITULO="Alcaldesa inaugura clínica" MUNICIPIO=texcoco'

$(STAMP): requirements.txt requirements-dev.txt
	@echo "Preparando el entorno .venv (solo la primera vez)…"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

html: $(STAMP) ## Revisa el contenido y construye el sitio en output/
	$(PRESSROOM) build

validar: $(STAMP) ## Solo revisa el contenido (errores con archivo y línea)
	$(PRESSROOM) validate

serve: $(STAMP) ## Vista previa en http://localhost:8000 que se reconstruye al guardar
	$(PRESSROOM) serve

nuevo: $(STAMP) ## Crea una nota: make nuevo TIPO=boletin TITULO="..." MUNICIPIO=texcoco
	@$(PRESSROOM) new --tipo "$$TIPO" --titulo "$$TITULO" --municipio "$$MUNICIPIO"

publish: html ## Construye, pone el sitio en línea y anuncia lo nuevo (BORRAR_RETIRADAS=1 borra lo retirado)
	$(PY) -m publish run $(if $(BORRAR_RETIRADAS),--borrar-retiradas)

plan: html ## Muestra qué se desplegaría y anunciaría, sin hacer nada
	$(PY) -m publish plan

probar: $(STAMP) ## Revisa las credenciales de un canal sin publicar: make probar CANAL=x
	@$(PY) -m publish probar "$$CANAL"

informe: $(STAMP) ## Informe contra las metas: make informe PERIODO=2026-T4 (o 2026, o 2026-11)
	@$(PY) -m publish informe "$$PERIODO" --ajustes $(CONFIG)

agenda: $(STAMP) ## Agenda de la semana: conferencias y notas programadas (DESDE=AAAA-MM-DD)
	@$(PY) -m publish agenda --desde "$$DESDE" --ajustes $(CONFIG)

test: $(STAMP) ## Corre las pruebas automáticas
	@$(NAVEGADOR) --si-se-puede
	$(PY) -m pytest

navegador: ## Instala lo que usan las pruebas de navegador (Chromium, Java, paquetes npm)
	$(NAVEGADOR)

lighthouse: $(STAMP) ## Mide con Lighthouse la portada y una nota (rendimiento, accesibilidad, …)
	$(NAVEGADOR)
	$(PY) tests/tools/lighthouse.py

lint: $(STAMP) ## Revisa estilo y tipos (ruff, mypy)
	$(PY) -m ruff check plugins publish tests
	$(PY) -m ruff format --check plugins publish tests
	$(PY) -m mypy

check: lint test ## Revisión completa: ruff, mypy y pruebas
