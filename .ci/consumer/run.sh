#!/usr/bin/env bash
# Checks Graft as its users receive it. Deploys the reactor into a temporary file repository (as a release
# deploys to Central: what is not for users must be missing), checks what landed there (every artifact with
# sources, javadoc, a licence and a module name; no package in two jars; the BOM listing exactly what was
# published), then builds the consumer project beside this script against that repository only, with a local
# repository of its own, and runs it on the class path and on the module path.
#
# Usage: .ci/consumer/run.sh [Maven options for both builds, e.g. -o where every third-party artifact is cached]
# Third-party artifacts come from ~/.m2/repository (read only) or, where missing, from Maven Central; Graft's own
# come only from the temporary repository.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/graft-consumer.XXXXXX")"
trap 'rm -rf "$work"' EXIT
staging="$work/staging"
passed=0

pass() {
    passed=$((passed + 1))
    echo "consumer check: $*"
}

fail() {
    echo "consumer check FAILED: $*" >&2
    echo "consumer checks: $passed passed, 1 failed" >&2
    exit 1
}

# The version the reactor builds: the parent POM's own <version>, the first at two spaces' indentation.
version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$root/pom.xml" | head -n 1)"
[[ -n "$version" ]] || fail "no <version> in $root/pom.xml"

# Both builds use local repositories of their own, with ~/.m2/repository behind them read only (for third-party
# artifacts): `deploy` also installs, and nothing of this check may land in ~/.m2 for later builds to pick up.
tail_repo=()
if [[ -d "$HOME/.m2/repository" ]]; then
    tail_repo=(-Dmaven.repo.local.tail="$HOME/.m2/repository")
fi
# maven-deploy-plugin refuses to run offline, even to a file repository; the reactor's plug-ins and dependencies
# are in ~/.m2 after ./mvnw verify, so it downloads nothing.
deploy_options=()
for option in "$@"; do
    [[ "$option" == "-o" || "$option" == "--offline" ]] || deploy_options+=("$option")
done
echo "consumer check: deploying Graft $version into $staging"
"$root/mvnw" -B -q -f "$root/pom.xml" -DskipTests deploy -DaltDeploymentRepository="staging::file://$staging" \
    -Dmaven.repo.local="$work/reactor-m2" ${tail_repo[@]+"${tail_repo[@]}"} \
    ${deploy_options[@]+"${deploy_options[@]}"} \
    || fail "the reactor does not deploy"

# --- What was published ------------------------------------------------------------------------------------
declare -A module_names=(
    [graft-api]=io.graft.api
    [graft-core]=io.graft.core
    [graft-transport-inmemory]=io.graft.transport.inmemory
    [graft-transport-zeromq]=io.graft.transport.zeromq
    [graft-codec-kryo]=io.graft.codec.kryo
    [graft-metrics-micrometer]=io.graft.metrics.micrometer
    [graft-testkit]=io.graft.testkit
    [graft-examples]=io.graft.examples
    [graft-node]=io.graft.node
)
expected="$(printf '%s\n' graft-parent graft-bom "${!module_names[@]}" | sort)"
published="$(ls "$staging/io/graft" | sort)"
[[ "$published" == "$expected" ]] \
    || fail "published artifacts differ from the expected ones (benchmarks and integration-tests stay out):
$(diff <(echo "$expected") <(echo "$published") || true)"
pass "published exactly: $(echo $published)"

# The newest file of an artifact with the given suffix (snapshots are deployed with a timestamp).
newest() {
    ls -1 "$staging/io/graft/$1/$version/"*"$2" 2>/dev/null | grep -v -- "-sources.jar$\|-javadoc.jar$" \
        | sort | tail -n 1 || true
}
newest_attached() {
    ls -1 "$staging/io/graft/$1/$version/"*"-$2.jar" 2>/dev/null | sort | tail -n 1 || true
}

bom="$(newest graft-bom .pom)"
bom_entries="$(sed -n 's:.*<artifactId>\(graft-[a-z-]*\)</artifactId>.*:\1:p' "$bom" | grep -vx graft-bom | sort)"
[[ "$bom_entries" == "$(printf '%s\n' "${!module_names[@]}" | sort)" ]] \
    || fail "graft-bom does not manage exactly the published jars:
$(diff <(printf '%s\n' "${!module_names[@]}" | sort) <(echo "$bom_entries") || true)"
pass "graft-bom manages every published jar"

packages="$work/packages.txt"
: > "$packages"
for artifact in "${!module_names[@]}"; do
    jar_file="$(newest "$artifact" .jar)"
    [[ -n "$jar_file" ]] || fail "$artifact has no jar"
    for classifier in sources javadoc; do
        [[ -n "$(newest_attached "$artifact" "$classifier")" ]] || fail "$artifact has no $classifier jar"
    done
    # The licence, the project's URL, SCM and developers come from graft-parent (checked below).
    grep -q '<artifactId>graft-parent</artifactId>' "$(newest "$artifact" .pom)" \
        || fail "$artifact's POM does not inherit graft-parent"
    manifest="$(unzip -p "$jar_file" META-INF/MANIFEST.MF | tr -d '\r')"
    grep -qx "Automatic-Module-Name: ${module_names[$artifact]}" <<< "$manifest" \
        || fail "$artifact's manifest has no Automatic-Module-Name: ${module_names[$artifact]}"
    grep -qx "Implementation-Version: $version" <<< "$manifest" \
        || fail "$artifact's manifest has no Implementation-Version: $version"
    unzip -l "$jar_file" META-INF/LICENSE > /dev/null || fail "$artifact's jar carries no META-INF/LICENSE"
    # Packages holding classes, one line each: "<package> <artifact>".
    unzip -Z1 "$jar_file" | sed -n 's:^\(.*\)/[^/]*\.class$:\1:p' | grep -v '^META-INF' | sort -u | tr / . \
        | sed "s/\$/ $artifact/" >> "$packages"
done
for pom in "$(newest graft-parent .pom)" "$bom"; do
    for element in '<name>Apache License, Version 2.0</name>' '<url>https://github.com/graft-raft/graft</url>' \
        '<developerConnection>' '<developers>' '<issueManagement>' '<description>'; do
        grep -qF "$element" "$pom" || fail "$(basename "$pom") has no $element"
    done
done
pass "graft-parent and graft-bom carry the licence, URL, SCM, developers and issue tracker"
pass "every published jar has sources, javadoc, a licence, its Automatic-Module-Name and Implementation-Version"

split="$(cut -d' ' -f1 "$packages" | sort | uniq -d)"
[[ -z "$split" ]] || fail "packages split across jars: $(awk 'NR == FNR { split_[$1]; next } $1 in split_' \
    <(echo "$split") "$packages" | sort | tr '\n' ';')"
pass "no package is split across jars ($(wc -l < "$packages") packages)"

# --- The consumer, built against the temporary repository only ---------------------------------------------
cp -r "$root/.ci/consumer" "$work/consumer"
rm -rf "$work/consumer/target"
cat > "$work/settings.xml" <<EOF
<settings>
  <profiles>
    <profile>
      <id>graft-staging</id>
      <repositories>
        <repository>
          <id>graft-staging</id>
          <url>file://$staging</url>
          <releases><enabled>true</enabled></releases>
          <snapshots><enabled>true</enabled></snapshots>
        </repository>
      </repositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>graft-staging</activeProfile></activeProfiles>
</settings>
EOF
# A fresh local repository again, so that nothing comes from the reactor's; the file repository stays reachable
# with -o.
"$root/mvnw" -B -q -f "$work/consumer/pom.xml" -s "$work/settings.xml" -Dmaven.repo.local="$work/consumer-m2" \
    ${tail_repo[@]+"${tail_repo[@]}"} -Daether.offline.protocols=file -Dgraft.version="$version" package "$@" \
    || fail "the consumer project does not build against the published artifacts"
pass "the consumer builds with graft-bom imported and graft-core, graft-transport-inmemory, graft-codec-kryo"

# Every Graft jar the consumer got is one that was just deployed (not a stale one from another repository).
lib="$work/consumer/target/lib"
find "$staging/io/graft" -name '*.jar' -exec sha256sum {} + | cut -d' ' -f1 > "$work/deployed.sha256"
for jar_file in "$lib"/graft-*.jar; do
    grep -qx "$(sha256sum < "$jar_file" | cut -d' ' -f1)" "$work/deployed.sha256" \
        || fail "$(basename "$jar_file") did not come from the deployed artifacts"
done
for artifact in graft-bom graft-parent graft-api graft-core graft-transport-inmemory graft-codec-kryo; do
    [[ -d "$work/consumer-m2/io/graft/$artifact/$version" ]] \
        || fail "$artifact was not taken from the temporary repository (a stale copy in ~/.m2/repository?)"
done
pass "the consumer's Graft jars and POMs are the deployed ones: $(cd "$lib" && echo graft-*.jar)"

quiet=(-Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
app="$work/consumer/target/graft-consumer.jar"
java "${quiet[@]}" -cp "$app:$lib/*" com.example.consumer.ConsumerCheck \
    || fail "the consumer fails on the class path"
pass "the consumer runs on the class path"
java "${quiet[@]}" --module-path "$app:$lib" --add-modules ALL-MODULE-PATH \
    -m com.example.consumer/com.example.consumer.ConsumerCheck --module-path \
    || fail "the consumer fails on the module path"
pass "the consumer runs on the module path"

echo "consumer checks: $passed passed, 0 failed"
