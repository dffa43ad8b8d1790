#!/usr/bin/env bash
# Bootstrapper: the only prerequisite is the .NET SDK. Restores the pinned local tools
# (.config/dotnet-tools.json: Cake) and hands every argument to build.cake, so
# `./build.sh --target=Test` works on a fresh clone.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet tool restore >/dev/null
exec dotnet cake build.cake "$@"
