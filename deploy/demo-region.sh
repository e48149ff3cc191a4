#!/usr/bin/env bash
# The one-command demo region: builds what it needs, then starts a province, 2 cities and 4
# counties, loads the synthetic region into them, prints the node table, and runs until Ctrl-C.
# Options (passed through): --persons N --seed S --store auto|postgres|embedded --base-port P --exit-when-loaded
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
./mvnw -B -q -ntp -DskipTests -pl deploy -am package
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -jar deploy/target/rhix-deploy.jar "$@"
