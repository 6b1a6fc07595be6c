#!/usr/bin/env bash
# Validation benchmark: ObitoX content detection vs `file --mime-type` (libmagic) on one labelled corpus.
# Not part of the test suite. Usage: bench/validation/run.sh [--files N] [--runs R] [--threads T]
# Writes the "## Validation" section of docs/benchmarks.md and prints it.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v file >/dev/null || { echo "needs file(1): apt-get install file" >&2; exit 1; }

mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=bench/.work/classpath.txt >/dev/null
CP="target/classes:target/test-classes:$(cat bench/.work/classpath.txt)"
mkdir -p bench/.work/classes
javac -nowarn -d bench/.work/classes -cp "$CP" bench/validation/*.java
exec java -Xmx2g -Dlogback.configurationFile=bench/validation/logback-quiet.xml \
  -cp "bench/.work/classes:$CP" ValidationBench \
  --corpus bench/.work/validation-corpus --docs docs/benchmarks.md \
  --cli-classpath "target/classes:$(cat bench/.work/classpath.txt)" "$@"
