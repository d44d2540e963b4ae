#!/bin/sh
# Install the Debian packages that provide commands the build or the tests
# need, where a command is missing. Arguments are COMMAND=PACKAGE pairs, for
# example msgfmt=gettext. "compose" stands for Docker Compose: either the
# `docker compose` plugin or the standalone docker-compose satisfies it.
#
# apt-get needs root: without it (a developer's machine) this says what to
# install and carries on; the tests that need the command then skip, except
# under CI=true, where they fail.
set -eu

have() {
    if [ "$1" = compose ]; then
        docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null 2>&1
    else
        command -v "$1" >/dev/null 2>&1
    fi
}

missing=""
for pair in "$@"; do
    if ! have "${pair%%=*}"; then
        missing="$missing ${pair#*=}"
    fi
done
[ -n "$missing" ] || exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "debian-packages: not root or no apt-get; skipping. Please install:$missing" >&2
    exit 0
fi

echo "debian-packages: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
install() {
    # shellcheck disable=SC2086 # one word per package
    apt-get install -y -q --no-install-recommends $missing >"$log" 2>&1
}
# The package lists may be missing or stale on a new machine: update once.
if ! install && ! { apt-get update -q >"$log" 2>&1 && install; }; then
    cat "$log" >&2
    echo "debian-packages: could not install$missing" >&2
    rm -f "$log"
    exit 1
fi
rm -f "$log"
