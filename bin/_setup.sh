# Sourced by bin/demo and bin/test: a virtualenv with the pinned dependencies, and the
# system packages the browser tests and PDF reports need. Safe to run again and again.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Frirum needs Python 3.11 or newer as '$PYTHON' (set PYTHON=/path/to/python3.11)." >&2
  exit 1
fi

apt_install() {
  # $1: a command or file to look for; the rest: Debian packages that provide it.
  local probe="$1"; shift
  if command -v "$probe" >/dev/null 2>&1 || [ -e "$probe" ]; then return 0; fi
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages: $*" >&2
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "Please install the system packages: $* (e.g. sudo apt-get install $*)" >&2
    return 1
  fi
}

setup_python() {
  if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
  fi
  local stamp=.venv/.frirum-installed
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "Installing Python packages into .venv ..." >&2
    if ! PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 .venv/bin/python -m pip install -q -e ".[dev]" >.venv/pip.log 2>&1; then
      cat .venv/pip.log >&2
      echo "pip install failed (log above, also in .venv/pip.log)." >&2
      exit 1
    fi
    touch "$stamp"
  fi
}

setup_system() {
  # WeasyPrint renders PDFs with Pango; the browser tests drive Debian's Chromium;
  # the PDF tests read pages back with poppler.
  apt_install /usr/lib/x86_64-linux-gnu/libpango-1.0.so.0 libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core || \
    apt_install /usr/lib/aarch64-linux-gnu/libpango-1.0.so.0 libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core || true
  apt_install "${FRIRUM_CHROMIUM:-/usr/bin/chromium}" chromium
  apt_install pdftoppm poppler-utils
}

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
