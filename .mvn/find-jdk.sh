# Sourced by ./mvnw and ./gatewatch: finds a JDK >= 21 and exports JAVA_HOME.
# Order: $JAVA_HOME, then the usual install locations, then the java on PATH.
# On failure prints one line saying what is missing and returns 1.

gw_jdk_major() {
  # Major version of the JDK at $1, or nothing when $1 is not a JDK.
  local home=$1 v
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 1
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  fi
  if [ -z "${v:-}" ]; then
    v=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
  fi
  [ -n "${v:-}" ] && echo "$v"
}

gw_find_jdk() {
  local min=${GW_MIN_JDK:-21} candidate major from_path
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(gw_jdk_major "$JAVA_HOME") || major=0
    if [ "${major:-0}" -ge "$min" ]; then return 0; fi
  fi
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /opt/*jdk* \
                   "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
                   /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$candidate" ] || continue
    major=$(gw_jdk_major "$candidate") || continue
    if [ "${major:-0}" -ge "$min" ]; then JAVA_HOME=$candidate; export JAVA_HOME; return 0; fi
  done
  if command -v javac >/dev/null 2>&1; then
    from_path=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(gw_jdk_major "$from_path") || major=0
    if [ "${major:-0}" -ge "$min" ]; then JAVA_HOME=$from_path; export JAVA_HOME; return 0; fi
  fi
  echo "gatewatch: no JDK >= $min found (looked at JAVA_HOME, /usr/lib/jvm, /usr/java, /opt, ~/.sdkman, ~/.jdks and PATH); install one, e.g. 'apt-get install openjdk-21-jdk-headless', or set JAVA_HOME" >&2
  return 1
}
