#!/usr/bin/env bash
# Prints a bearer token for the demo region's FHIR API, signed with the region key the demo made
# (target/demo-region/security/). Only the token goes to standard output:
#   TOKEN=$(./deploy/demo-token.sh --sub dr-li --scope 'user/*.rs' --purpose TREAT)
#   curl -H "Authorization: Bearer $TOKEN" 'http://127.0.0.1:18283/fhir/Observation?code=1005&_count=5'
# Options: --sub S --scope 'user/*.rs' [--purpose TREAT] [--patient ID] [--client ID] [--audience A]
#          [--lifetime 1h] [--work-dir target/demo-region]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
if [ ! -f deploy/target/rhix-deploy.jar ]; then
  ./mvnw -B -q -ntp -DskipTests -pl deploy -am package >&2
fi
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp deploy/target/rhix-deploy.jar rhix.deploy.demo.DemoToken "$@"
