#!/usr/bin/env bash
# Installs the Debian packages the tests need besides the browser ones:
#   - rsync, for the test that deploys with the rsync target (the project's own rsync deploy needs it too)
# Called by install_browser_deps.sh, so `make test` (best effort) and CI (strict) both run it.
#
# Usage: bash tests/tools/install_system_deps.sh                 install or fail
#        bash tests/tools/install_system_deps.sh --si-se-puede    best effort, never fails
set -uo pipefail

best_effort=0
[[ "${1:-}" == "--si-se-puede" ]] && best_effort=1
say() { echo "sistema: $*" >&2; }

packages=()
command -v rsync >/dev/null 2>&1 || packages+=(rsync)
((${#packages[@]})) || exit 0

as_root=()
if [[ "$(id -u)" != 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
    as_root=(sudo -n)
  else
    say "faltan ${packages[*]} y no soy root: pide a quien administre la máquina"
    say "  sudo apt-get install ${packages[*]}"
    ((best_effort)) && exit 0
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  say "faltan ${packages[*]} y esta máquina no tiene apt-get: instálalos con su gestor de paquetes"
  ((best_effort)) && exit 0
  exit 1
fi
say "instalando con apt-get: ${packages[*]}"
if "${as_root[@]}" apt-get update -qq \
  && "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null; then
  exit 0
fi
say "NO SE PUDO INSTALAR: ${packages[*]}; vuelve a intentar con: bash tests/tools/install_system_deps.sh"
((best_effort)) && exit 0
exit 1
