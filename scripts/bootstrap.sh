#!/usr/bin/env bash
# Idempotent set-up: Debian packages (as root), a Python >= 3.12 interpreter, .venv with the
# project and its dev dependencies, and node_modules (ical.js, for the tests). Prints nothing
# much when everything is already in place.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[bootstrap] %s\n' "$*" >&2; }

# --- Debian packages -------------------------------------------------------------------
apt_install() {
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        say "installing Debian packages: $*"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
    else
        say "missing Debian packages: $* (run as root, or: sudo apt-get install $*)"
        exit 1
    fi
}
wanted=$(grep -vE '^\s*(#|$)' deps/apt-packages.txt | tr '\n' ' ')
missing=()
for pkg in $wanted; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
    apt_install "${missing[@]}"
fi
# Debian's nodejs comes without npm; NodeSource's nodejs includes it (and conflicts with the
# Debian package), so npm is installed only when the command is missing.
command -v npm >/dev/null || apt_install npm

# --- Python >= 3.12 ----------------------------------------------------------------------
is_suitable() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; }
find_python() {
    local candidates=()
    [[ -n ${PYTHON:-} ]] && candidates+=("$PYTHON")
    candidates+=(python3.13 python3.12 python3)
    # pyenv installs (its shims only work with PYENV_VERSION set, so use the real binaries)
    for p in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3; do
        [[ -x $p ]] && candidates+=("$p")
    done
    for c in "${candidates[@]}"; do
        local path
        path=$(command -v "$c" 2>/dev/null) || continue
        if is_suitable "$path"; then echo "$path"; return 0; fi
    done
    return 1
}

venv=.venv
if [[ ! -x $venv/bin/python ]] || ! is_suitable "$venv/bin/python"; then
    python=$(find_python) || {
        say "no Python >= 3.12 found (tried \$PYTHON, python3.13, python3.12, python3, ~/.pyenv)."
        say "install Python 3.12 or newer (e.g. pyenv install 3.12), or point \$PYTHON at one, and retry."
        exit 1
    }
    say "creating $venv with $python ($("$python" --version))"
    rm -rf "$venv"
    "$python" -m venv "$venv"
fi

# --- Python packages (re-installed only when pyproject.toml changes) -------------------------
stamp=$venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [[ ! -e $stamp ]]; then
    say "installing Python packages into $venv"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check -e ".[dev]" 2> >(grep -v "is ignored: it is neither" >&2)
    rm -f "$venv"/.installed-*
    touch "$stamp"
fi

# --- Node packages for the tests (ical.js), re-installed only when the lock file changes ----
node_stamp=node_modules/.installed-$(sha256sum package-lock.json | cut -c1-16)
if [[ ! -e $node_stamp ]]; then
    say "installing Node packages (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
    touch "$node_stamp"
fi

# --- Interface translations: compiled from locale/*/django.po when they change --------------
mo_stamp=locale/.compiled-$(cat locale/*/LC_MESSAGES/django.po | sha256sum | cut -c1-16)
if [[ ! -e $mo_stamp ]]; then
    say "compiling the interface translations"
    DEBUG=1 "$venv/bin/python" manage.py compilemessages --ignore=.venv --ignore=node_modules -v0
    rm -f locale/.compiled-*
    touch "$mo_stamp"
fi
