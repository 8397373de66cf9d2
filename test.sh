#!/usr/bin/env bash
# Runs every test: installs Chromium and CJK fonts for the browser tests when missing, starts a throwaway PostgreSQL cluster on a loopback port for the provider tests (installing
# PostgreSQL with apt-get when missing), runs `dotnet test` on the solution, stops the cluster, and prints one
# closing line "N passed, N failed, N skipped". Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"

# Browser tests drive Debian's Chromium through Playwright; Chinese glyphs in screenshots need Noto CJK.
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null; then
  echo "test.sh: installing chromium and fonts-noto-cjk" >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi
# Delivery and mailbox tests talk to real mail servers on loopback: Debian's aiosmtpd for SMTP (a one-process server on
# any port, no system configuration, every message written into a Maildir the test reads) and Debian's dovecot for IMAP
# (started by the tests with a configuration of their own in a temporary folder).
if ! /usr/bin/python3 -c "import aiosmtpd" 2>/dev/null || [ ! -x /usr/sbin/dovecot ]; then
  echo "test.sh: installing python3-aiosmtpd and dovecot-imapd" >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd dovecot-imapd >/dev/null
fi
# The linux-arm64 bundle (Kunpeng, Phytium) is run under Debian's qemu-user-static with the arm64 C/C++ runtime.
if ! command -v qemu-aarch64-static >/dev/null || [ ! -e /lib/ld-linux-aarch64.so.1 ] || ! dpkg -s libicu72:arm64 >/dev/null 2>&1; then
  echo "test.sh: installing qemu-user-static and the arm64 runtime libraries" >&2
  as_root dpkg --add-architecture arm64
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq qemu-user-static libc6:arm64 libstdc++6:arm64 libgcc-s1:arm64 \
    libicu72:arm64 libssl3:arm64 zlib1g:arm64 >/dev/null
fi
# Build the whole solution first: some tests start the web app from its build output (the failover test runs two real
# processes), and `dotnet test` alone builds only the test projects and what they reference.
dotnet build XinchuangFlow.sln -nologo -v:q
LOG="$(mktemp /tmp/xf-test.XXXXXX.log)"
set +e
scripts/with-postgres.sh dotnet test XinchuangFlow.sln --no-build "$@" 2>&1 | tee "$LOG"
status=${PIPESTATUS[0]}
# The bundle tests build the offline bundles (linux-arm64 self-contained, run under qemu; linux-x64 framework-dependent,
# run natively) and use the unpacked apps: they run alone, after the rest (skip with XF_SKIP_BUNDLE=1).
if [ "${XF_SKIP_BUNDLE:-0}" != 1 ] && [ $# -eq 0 ]; then
  dotnet test tests/XinchuangFlow.Bundle.Tests --logger "console;verbosity=normal" 2>&1 | tee -a "$LOG"
  bundle=${PIPESTATUS[0]}
  [ "$bundle" -ne 0 ] && status=$bundle
fi
set -e
awk '/(Passed|Failed)! +- +Failed: /{
  for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
} END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$LOG"
rm -f "$LOG"
exit "$status"
