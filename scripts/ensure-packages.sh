#!/usr/bin/env bash
# Installs the Debian packages a make target needs, when they are missing.
# As root it runs apt-get; otherwise it prints the exact command to run and fails.
# Usage: scripts/ensure-packages.sh build|test|demo
set -euo pipefail
need=()
have_pkg() { pkg-config --exists "$1" 2>/dev/null; }
case "${1:-build}" in
  build|test|demo)
    command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
    have_pkg libxml-2.0 || need+=(libxml2-dev)
    have_pkg libzip || need+=(libzip-dev)
    ;;
esac
case "${1:-build}" in
  test|demo)
    command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
    # Calc: the spec tests have LibreOffice save CSV orders as XLSX.
    [ -e /usr/lib/libreoffice/program/libsclo.so ] || need+=(libreoffice-calc-nogui)
    # The UNO bridge: PDF through LibreOffice kept running (Debian's python3 with the uno module).
    /usr/bin/python3 -c "import uno" >/dev/null 2>&1 || need+=(python3-uno)
    # jemalloc, preloaded into the pool's LibreOffice: conversions spend less time in malloc.
    [ -n "$(ls /usr/lib/*/libjemalloc.so.2 /usr/lib64/libjemalloc.so.2 2>/dev/null)" ] || need+=(libjemalloc2)
    command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
    # Times New Roman metrics: Liberation Serif.
    fc-list 2>/dev/null | grep -qi "Liberation Serif" || need+=(fonts-liberation)
    # The browser tests (Tests/browser): headless Chromium and its WebDriver, python3-venv for Selenium
    # (not needed when they are skipped on purpose with SHABLON_SKIP_BROWSER=1).
    if [ "${SHABLON_SKIP_BROWSER:-}" != 1 ]; then
      command -v chromium >/dev/null 2>&1 || need+=(chromium)
      command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
      python3 -c "import ensurepip, venv" >/dev/null 2>&1 || need+=(python3-venv)
    fi
    ;;
esac
[ ${#need[@]} -eq 0 ] && exit 0
echo "Не хватает пакетов / missing packages: ${need[*]}"
if [ "$(id -u)" -eq 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}"
else
  echo "Установите их и повторите / install them and run again:"
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${need[*]}"
  exit 1
fi
