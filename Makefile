# One menu for everyone: `make` lists the targets.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.instalado
CONFIG ?= pelican.conf.py
PRESSROOM := $(PY) -m pressroom --config $(CONFIG)
NAVEGADOR := bash tests/tools/install_browser_deps.sh
PUBLICAR := $(PY) -m publish
SELECCION = $(foreach id,$(SOLO),--solo $(id)) $(if $(MAX),--max $(MAX))
export PYTHONPATH := $(CURDIR):$(CURDIR)/plugins
# PUERTO=n picks the port: the preview defaults to 8000, the web editor to 8001
NODE_STAMP := node_modules/.package-lock.json
# passed through the environment so quotes in a title (or a URL) survive
export TIPO TITULO MUNICIPIO CANAL CORREO ID DESTINATARIO ENVIADO NO_ENVIADO PERIODO DESDE FECHA NOTA TONO EMISORA \
	PROGRAMA

.DEFAULT_GOAL := help
.PHONY: help html validar serve nuevo editor publish plan estado init resolver reenviar reintentar probar \
	directorio baja informe agenda sintesis notas tono ficha fichas balance bench-correo test check lint \
	navegador lighthouse bench bench-perfil medir-fotos recorrido

help: ## Muestra este menú
	@echo "Comandos disponibles:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-12s %s\n", $$1, $$2}'
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

serve: $(STAMP) ## Vista previa (con borradores) en http://localhost:8000; se reconstruye al guardar
	$(PRESSROOM) serve --port $(or $(PUERTO),8000)

nuevo: $(STAMP) ## Crea una nota: make nuevo TIPO=boletin TITULO="..." MUNICIPIO=texcoco
	@$(PRESSROOM) new --tipo "$$TIPO" --titulo "$$TITULO" --municipio "$$MUNICIPIO"

editor: $(STAMP) $(NODE_STAMP) ## Editor web (sin git) en http://127.0.0.1:8001/admin/ sobre este repositorio
	@$(PRESSROOM) editor --puerto "$(or $(PUERTO),8001)"

# npm packages (Decap CMS and its local server; the browser-test tools): again when the lock changes
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "Falta npm (Node.js): sudo apt-get install nodejs npm"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error

publish: html ## Construye, pone el sitio en línea y anuncia lo nuevo (una vez); SOLO=ID, MAX=N, BORRAR_RETIRADAS=1
	$(PUBLICAR) run $(SELECCION) $(if $(BORRAR_RETIRADAS),--borrar-retiradas)

plan: html ## Muestra qué se desplegaría y anunciaría, sin hacer nada; SOLO=ID, MAX=N
	$(PUBLICAR) plan $(SELECCION)

estado: $(STAMP) ## Registro de envíos; con ID=… los envíos de una nota
	@$(PUBLICAR) estado $(if $(ID),"$$ID")

init: html ## Marca como anunciado lo que ya está en línea (sitio existente o registro perdido)
	$(PUBLICAR) init

resolver: $(STAMP) ## Asienta un envío desconocido: make resolver ID=… CANAL=… ENVIADO=URL (o NO_ENVIADO=1)
	@test -n "$$ID" -a -n "$$CANAL" -a -n "$$ENVIADO$$NO_ENVIADO" || { echo "Uso: make resolver ID=… CANAL=… ENVIADO=URL (o NO_ENVIADO=1) [DESTINATARIO=…]" >&2; exit 2; }
	@$(PUBLICAR) resolver "$$ID" "$$CANAL" $(if $(DESTINATARIO),--destinatario "$$DESTINATARIO") \
		$(if $(ENVIADO),--enviado "$$ENVIADO",--no-enviado)

reenviar: html ## Vuelve a anunciar una nota en todos sus canales: make reenviar ID=…
	@test -n "$$ID" || { echo "Uso: make reenviar ID=…" >&2; exit 2; }
	$(PUBLICAR) run --reenviar "$$ID"

reintentar: html ## Envía otra vez solo lo que falló de una nota (ya corregida): make reintentar ID=…
	@test -n "$$ID" || { echo "Uso: make reintentar ID=…" >&2; exit 2; }
	$(PUBLICAR) run --reintentar "$$ID"

probar: $(STAMP) ## Revisa las credenciales de un canal sin publicar: make probar CANAL=x
	@$(PUBLICAR) probar "$$CANAL"

directorio: $(STAMP) ## Revisa el directorio de contactos y exporta una copia privada para revisarlo
	@$(PUBLICAR) directorio

baja: $(STAMP) ## Da de baja una dirección de correo: make baja CORREO=nombre@example.org
	@$(PUBLICAR) baja "$$CORREO"

informe: $(STAMP) ## Informe contra las metas: make informe PERIODO=2026-T4 (o 2026, o 2026-11)
	@$(PUBLICAR) informe "$$PERIODO" --ajustes $(CONFIG)

agenda: $(STAMP) ## Agenda de la semana: conferencias y notas programadas (DESDE=AAAA-MM-DD)
	@$(PUBLICAR) agenda --desde "$$DESDE" --ajustes $(CONFIG)

sintesis: $(STAMP) ## Síntesis de prensa del día: descarga los medios, arma la página y la envía (SIN_CORREO=1, FECHA=…)
	@$(PUBLICAR) sintesis $(if $(FECHA),--fecha "$$FECHA") $(if $(SIN_CORREO),--sin-correo) $(if $(REENVIAR),--reenviar)

notas: $(STAMP) ## Las notas de la síntesis con su número y tono (FECHA=AAAA-MM-DD para otro día)
	@$(PUBLICAR) sintesis notas $(if $(FECHA),--fecha "$$FECHA")

tono: $(STAMP) ## Fija el tono de una nota de la síntesis: make tono NOTA=12 TONO=negativo
	@test -n "$$NOTA" -a -n "$$TONO" || { echo "Uso: make tono NOTA=12 TONO=negativo (positivo, neutral o negativo; el número lo da make notas)" >&2; exit 2; }
	@$(PUBLICAR) sintesis tono "$$NOTA" "$$TONO"

ficha: $(STAMP) ## Ficha de monitoreo de radio o TV: make ficha EMISORA="Radio Mexiquense" PROGRAMA="Noticiario"
	@$(PUBLICAR) sintesis ficha --emisora "$$EMISORA" --programa "$$PROGRAMA" $(if $(FECHA),--fecha "$$FECHA")

fichas: $(STAMP) ## Revisa la lista de medios y las fichas de monitoreo (sin descargar nada)
	@$(PUBLICAR) sintesis revisar

balance: $(STAMP) ## Balance de medios: make balance PERIODO=2026-11 (mes), 2026-T4 (trimestre) o 2026 (año)
	@$(PUBLICAR) sintesis balance "$$PERIODO"

test: $(STAMP) ## Corre las pruebas automáticas
	@$(NAVEGADOR) --si-se-puede
	$(PY) -m pytest

navegador: ## Instala lo que usan las pruebas de navegador (Chromium, Java, paquetes npm)
	$(NAVEGADOR)

lighthouse: $(STAMP) ## Mide con Lighthouse la portada y una nota (rendimiento, accesibilidad, …)
	$(NAVEGADOR)
	$(PY) tests/tools/lighthouse.py

recorrido: ## Clona el repositorio y corre cada comando que muestra el README (lento)
	$(PYTHON) tests/tools/readme_walk.py

bench-correo: $(STAMP) ## Mide el envío de correo por SMTP contra smtplib solo (1,000 mensajes, servidor local)
	$(PY) benchmarks/bench_smtp.py

medir-fotos: $(STAMP) ## Mide la memoria y el tiempo de procesar las fotos más grandes que se aceptan
	$(PY) tests/bench/photo_memory.py

lint: $(STAMP) ## Revisa estilo y tipos (ruff, mypy)
	$(PY) -m ruff check plugins publish tests benchmarks
	$(PY) -m ruff format --check plugins publish tests benchmarks
	$(PY) -m mypy

check: lint test ## Revisión completa: ruff, mypy y pruebas

TAMANOS ?= 1000
RONDAS ?= 3
N ?= 1000
ETIQUETA ?= actual
BENCH_DEPS := $(VENV)/.bench-instalado

$(BENCH_DEPS): benchmarks/requirements.txt $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -r benchmarks/requirements.txt
	@touch $@

bench: $(BENCH_DEPS) ## Mide construir y publicar contra Pelican y Hugo; escribe BENCHMARKS.md (TAMANOS="1000 5000 20000")
	$(PY) -m benchmarks medir --tamanos "$(TAMANOS)" --rondas $(RONDAS)

bench-perfil: $(BENCH_DEPS) ## Perfil de la construcción (N=1000 ETIQUETA=antes); se agrega a BENCHMARKS.md
	$(PY) -m benchmarks perfil --n $(N) --etiqueta "$(ETIQUETA)"
