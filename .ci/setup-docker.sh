#!/usr/bin/env bash
# Makes a Docker engine and the integration tests' base image available on a fresh CI machine.
#
# Idempotent: every step is skipped when what it makes is already there. Needs root (apt-get, dockerd).
# No container registry is reachable from CI, so the base image (Debian bookworm with a Java 17 runtime)
# is built from Debian's packages with mmdebstrap and imported, instead of pulled.
#
# Environment:
#   GRAFT_BASE_IMAGE   name of the base image to build (default graft-java17-base)
#   DOCKERD_LOG        where dockerd writes its log (default /tmp/graft-dockerd.log)
#   DOCKERD_WAIT_SECS  how long to wait for dockerd to answer (default 60)
set -euo pipefail

BASE_IMAGE="${GRAFT_BASE_IMAGE:-graft-java17-base}"
DOCKERD_LOG="${DOCKERD_LOG:-/tmp/graft-dockerd.log}"
DOCKERD_WAIT_SECS="${DOCKERD_WAIT_SECS:-60}"

log() { echo "[setup-docker] $*"; }
die() { echo "[setup-docker] ERROR: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "must run as root (it installs packages and starts dockerd)"

# 1. Packages: the Docker engine and mmdebstrap, from Debian. apt-get update only when something is missing.
missing=()
{ command -v dockerd || [ -x /usr/sbin/dockerd ]; } >/dev/null 2>&1 || missing+=(docker.io)
command -v mmdebstrap >/dev/null 2>&1 || missing+=(mmdebstrap)
if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" iptables ca-certificates >/dev/null
else
    log "docker.io and mmdebstrap already installed"
fi

# 2. The engine: start dockerd in the background unless one already answers.
if docker info >/dev/null 2>&1; then
    log "dockerd already running"
else
    log "starting dockerd (log: $DOCKERD_LOG)"
    nohup "$(command -v dockerd || echo /usr/sbin/dockerd)" >"$DOCKERD_LOG" 2>&1 &
    deadline=$((SECONDS + DOCKERD_WAIT_SECS))
    until docker info >/dev/null 2>&1; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            tail -n 30 "$DOCKERD_LOG" >&2 || true
            die "dockerd did not answer within ${DOCKERD_WAIT_SECS}s; see $DOCKERD_LOG"
        fi
        sleep 1
    done
    log "dockerd is up after $((SECONDS - deadline + DOCKERD_WAIT_SECS))s"
fi

# 3. The base image: Debian bookworm with OpenJDK 17's runtime, built without any registry.
if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    log "base image $BASE_IMAGE already present"
else
    workdir="$(mktemp -d /tmp/graft-base-image.XXXXXX)"
    trap 'rm -rf "$workdir"' EXIT
    log "building base image $BASE_IMAGE with mmdebstrap (about a minute)"
    started=$SECONDS
    mmdebstrap --quiet --variant=apt --include=openjdk-17-jre-headless bookworm "$workdir/base.tar"
    docker import "$workdir/base.tar" "$BASE_IMAGE" >/dev/null
    log "base image $BASE_IMAGE built in $((SECONDS - started))s"
    rm -rf "$workdir"
    trap - EXIT
fi

docker run --rm "$BASE_IMAGE" java -version >/dev/null 2>&1 \
    || die "base image $BASE_IMAGE cannot run 'java -version'; remove it (docker rmi $BASE_IMAGE) and rerun"
log "ready: $(docker version --format 'engine {{.Server.Version}}') with base image $BASE_IMAGE"
