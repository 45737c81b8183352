#!/usr/bin/env bash
# Lints the process models the way Camunda Modeler would complain about them:
# bpmnlint (recommended rules + Camunda 7.24 compatibility, see .bpmnlintrc) on every
# processes/**/*.bpmn, then ../shared/tools/check-models.py (diagram layout, history TTL,
# a form per user task) when that file is there. bpmnlint does not read DMN: DMN files are
# checked by the engine tests that deploy them.
# Fails on any bpmnlint error (warnings are printed, not fatal).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lint_dir="$root/.ci/lint"
cd "$root"

if [[ ! -x "$lint_dir/node_modules/.bin/bpmnlint" ]]; then
  echo "== npm ci (.ci/lint)"
  (cd "$lint_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi

shopt -s globstar nullglob
models=(processes/**/*.bpmn)
shopt -u globstar nullglob
if (( ${#models[@]} == 0 )); then
  echo "lint-models: no BPMN file under processes/" >&2
  exit 1
fi

echo "== bpmnlint: ${#models[@]} BPMN file(s)"
# bpmnlint resolves its plugins from the working directory, so run it where they are installed
args=()
for m in "${models[@]}"; do args+=("$root/$m"); done
(cd "$lint_dir" && ./node_modules/.bin/bpmnlint --config "$root/.bpmnlintrc" "${args[@]}")
echo "bpmnlint: no errors in ${models[*]}"

checker="$root/../shared/tools/check-models.py"
if [[ -f "$checker" ]]; then
  echo "== check-models.py"
  python3 "$checker"
else
  echo "check-models.py not found beside the repository (../shared/tools): skipped"
fi
