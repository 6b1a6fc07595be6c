#!/usr/bin/env bash
# Webhook dispatcher benchmark: deliveries per second to a local receiver, and the time from a transfer's completion
# to the delivery of its upload.completed event (real uploads to an in-process S3Proxy).
# Not part of the test suite. Usage: bench/webhooks/run.sh [--events N] [--uploads N] [--burst N] [--runs N]
# Writes the webhooks section of docs/benchmarks.md (between its webhooks:start/end markers) and prints it.
set -euo pipefail
cd "$(dirname "$0")/../.."

mvn -B -q test-compile
mkdir -p bench/.work/classes
mvn -B -q dependency:build-classpath -Dmdep.outputFile=bench/.work/classpath.txt >/dev/null
CP="target/classes:target/test-classes:$(cat bench/.work/classpath.txt)"
javac -nowarn -d bench/.work/classes -cp "$CP" bench/webhooks/*.java
exec java -Xmx1g -Dlogback.configurationFile=bench/webhooks/logback-quiet.xml \
  -cp "bench/.work/classes:$CP" WebhookBench --work bench/.work/webhooks --docs docs/benchmarks.md "$@"
