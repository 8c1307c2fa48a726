#!/usr/bin/env bash
# Moderation engine benchmark: detection/false-positive quality, then JMH throughput against
# com.github.houbb:sensitive-word on the same deterministic corpus. Run from the repository root:
#   bench/community/run.sh            # full run (quality at 5,000 entries, JMH at 5,000 and 50,000)
#   bench/community/run.sh -f 1 -wi 1 -i 1   # extra arguments go to JMH
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -o -pl community-service test-compile
./mvnw -B -q -o -pl community-service dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/community-service/target/bench.classpath"
# Copy the compiled classes aside, so a build of the module during the run cannot pull them away.
SNAPSHOT=$(mktemp -d)
trap 'rm -rf "$SNAPSHOT"' EXIT
cp -r community-service/target/classes "$SNAPSHOT/classes"
cp -r community-service/target/test-classes "$SNAPSHOT/test-classes"
CP="$SNAPSHOT/test-classes:$SNAPSHOT/classes:$(cat community-service/target/bench.classpath)"
echo "== quality (5,000 entries)"
java -Xmx2g -cp "$CP" io.yunying.community.moderation.bench.ModerationQuality 5000
echo "== throughput"
java -cp "$CP" org.openjdk.jmh.Main ModerationBenchmark "$@"
