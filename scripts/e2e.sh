#!/usr/bin/env bash
# scripts/e2e.sh [MAVEN OPTIONS...] : runs the e2e test group (JUnit tag "e2e") against a real Ceph RGW.
#
#   With OBITOX_E2E_ENDPOINT set (and OBITOX_E2E_ACCESS_KEY/_SECRET_KEY, _KEY2/_SECRET_KEY2 if they are not
#   the lab defaults), it tests that server and starts nothing.
#   Otherwise it starts a fresh RGW in a temporary folder with scripts/rgw-up.sh, runs the tests, and always
#   stops the RGW and deletes the folder afterwards, on failure and on Ctrl-C too. Ports come from
#   OBITOX_RGW_PORT, OBITOX_RGW_MON_PORT and OBITOX_RGW_MON_V1_PORT (defaults 7480, 3300, 6789).
#   To test against an RGW that already runs on 7480:
#     OBITOX_E2E_ENDPOINT=http://127.0.0.1:7480 scripts/e2e.sh
#   Extra options go to Maven, e.g.: scripts/e2e.sh -Dtest=ProfileTestE2eTest
#
#   The run also includes SecretLeakTest (tag "leak-check"), which proves afterwards that no secret of the run
#   reached a database file or log.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

rgw_dir=
cleanup() {
    if [ -n "$rgw_dir" ]; then
        scripts/rgw-down.sh "$rgw_dir" || true
        rm -rf "$rgw_dir"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "${OBITOX_E2E_ENDPOINT:-}" ]; then
    rgw_dir=$(mktemp -d "${TMPDIR:-/tmp}/obitox-rgw.XXXXXX")
    scripts/rgw-up.sh "$rgw_dir"
    # shellcheck source=/dev/null
    . "$rgw_dir/rgw.env"
else
    echo "[e2e] using the RGW at $OBITOX_E2E_ENDPOINT"
fi
mvn -B test -Pe2e '-Dtest.groups=e2e | leak-check' "$@"
