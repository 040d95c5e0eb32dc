#!/usr/bin/env bash
# Checks the subjects of commits against the commit style (CONTRIBUTING.md, "Commits"): at most 72 characters, no
# trailing period, and a blank line between subject and body. Merge commits are skipped.
# Usage: bash scripts/check-commits.sh [base]
#   base: check the commits after it (`origin/main` for a branch's own commits). Without it, every commit since the
#   one that added this script: older history predates the rule and is left as it is.
# Prints each offending commit and a closing "N passed, N failed" line; exits non-zero on any failure.
set -uo pipefail
export LC_ALL=C.UTF-8 # subject length in characters, not bytes
cd "$(dirname "$0")/.."
max=72

base=${1-}
if [[ -z $base ]]; then
  added=$(git log --diff-filter=A --format=%H -- scripts/check-commits.sh | tail -n 1)
  if [[ -z $added ]]; then
    echo "check-commits: the commit that added this script is not in this clone (shallow?): give a base" >&2
    exit 2
  fi
  base=$(git rev-parse --verify --quiet "$added^") || base=$added # the root commit: check the rest
fi
git rev-parse --verify --quiet "$base^{commit}" >/dev/null || {
  echo "check-commits: unknown base '$base'" >&2
  exit 2
}

passed=0 failed=0
while read -r commit; do
  [[ -n $commit ]] || continue
  subject=$(git log -1 --format=%s "$commit")
  second=$(git log -1 --format=%B "$commit" | sed -n 2p)
  problems=()
  ((${#subject} <= max)) || problems+=("subject is ${#subject} characters (at most $max)")
  [[ -n $subject ]] || problems+=("empty subject")
  [[ $subject != *. ]] || problems+=("subject ends with a period")
  [[ -z $second ]] || problems+=("no blank line between subject and body")
  if ((${#problems[@]})); then
    failed=$((failed + 1))
    printf '%s %s\n' "$(git rev-parse --short "$commit")" "$subject"
    printf '  - %s\n' "${problems[@]}"
  else
    passed=$((passed + 1))
  fi
done < <(git rev-list --no-merges "$base..HEAD")

echo "${passed} passed, ${failed} failed"
[[ $failed -eq 0 ]]
