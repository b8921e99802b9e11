# One menu for everyone: `make` lists the targets.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.instalado
CONFIG ?= pelican.conf.py
PRESSROOM := $(PY) -m pressroom --config $(CONFIG)
NAVEGADOR := bash tests/tools/install_browser_deps.sh
export PYTHONPATH := $(CURDIR):$(CURDIR)/plugins
export TIPO TITULO MUNICIPIO CANAL FECHA NOTA TONO EMISORA PROGRAMA PERIODO  # passed through the environment so quotes in a title survive

.DEFAULT_GOAL := help
.PHONY: help html validar serve nuevo publish plan probar sintesis notas tono ficha fichas balance test check lint navegador lighthouse

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

sintesis: $(STAMP) ## Síntesis de prensa del día: descarga los medios, arma la página y la envía (SIN_CORREO=1, FECHA=…)
	@$(PY) -m publish sintesis $(if $(FECHA),--fecha "$$FECHA") $(if $(SIN_CORREO),--sin-correo) $(if $(REENVIAR),--reenviar)

notas: $(STAMP) ## Las notas de la síntesis con su número y tono (FECHA=AAAA-MM-DD para otro día)
	@$(PY) -m publish sintesis notas $(if $(FECHA),--fecha "$$FECHA")

tono: $(STAMP) ## Fija el tono de una nota de la síntesis: make tono NOTA=12 TONO=negativo
	@$(PY) -m publish sintesis tono "$$NOTA" "$$TONO"

ficha: $(STAMP) ## Ficha de monitoreo de radio o TV: make ficha EMISORA="Radio Mexiquense" PROGRAMA="Noticiario"
	@$(PY) -m publish sintesis ficha --emisora "$$EMISORA" --programa "$$PROGRAMA" $(if $(FECHA),--fecha "$$FECHA")

fichas: $(STAMP) ## Revisa la lista de medios y las fichas de monitoreo (sin descargar nada)
	@$(PY) -m publish sintesis revisar

balance: $(STAMP) ## Balance de medios: make balance PERIODO=2026-11 (mes) o PERIODO=2026-T4 (trimestre)
	@$(PY) -m publish sintesis balance "$$PERIODO"

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
