#!/usr/bin/env bash
# Installs what the browser, accessibility, HTML, web-editor and Lighthouse checks need (and,
# through install_system_deps.sh, the other Debian packages the tests use: rsync):
#   - Chromium from Debian's packages (/usr/bin/chromium; never a browser downloaded by a tool)
#   - Java, for the Nu HTML Checker
#   - Node.js and the npm packages of package.json, locally in node_modules/: Decap CMS and
#     decap-server (the web editor, `make editor`), axe-core, vnu-jar, lighthouse
# The Python side (playwright, pagefind) comes from requirements*.txt with the .venv.
#
# Usage: bash tests/tools/install_browser_deps.sh            install or fail (CI, make navegador)
#        bash tests/tools/install_browser_deps.sh --si-se-puede   best effort, never fails (make test)
set -uo pipefail
cd "$(dirname "$0")/../.."

best_effort=0
[[ "${1:-}" == "--si-se-puede" ]] && best_effort=1
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()

say() { echo "navegador: $*" >&2; }

if ! bash tests/tools/install_system_deps.sh "${1:-}"; then
  missing+=("paquetes del sistema (rsync)")
fi

apt_packages=()
[[ -x "$CHROMIUM" ]] || apt_packages+=(chromium)
command -v java >/dev/null 2>&1 || apt_packages+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || apt_packages+=(nodejs npm)

if ((${#apt_packages[@]})); then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    say "instalando con apt-get: ${apt_packages[*]}"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_packages[@]}" >/dev/null; }; then
      missing+=("${apt_packages[@]}")
    fi
  else
    say "faltan ${apt_packages[*]} y no soy root: pide a quien administre la máquina"
    say "  sudo apt-get install ${apt_packages[*]}"
    missing+=("${apt_packages[@]}")
  fi
fi

# npm packages: reinstall only when package-lock.json changed since the last install
if command -v npm >/dev/null 2>&1; then
  if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
    say "instalando paquetes npm (Decap CMS, decap-server, axe-core, vnu-jar, lighthouse) en node_modules/"
    if ! npm ci --no-audit --no-fund --loglevel=error >&2; then
      missing+=("paquetes npm")
    fi
  fi
else
  missing+=("npm")
fi

if ((${#missing[@]})); then
  say "NO SE PUDO INSTALAR: ${missing[*]}"
  say "las pruebas de navegador se omitirán (en CI fallarán); vuelve a intentar con:"
  say "  bash tests/tools/install_browser_deps.sh"
  ((best_effort)) && exit 0
  exit 1
fi
exit 0
