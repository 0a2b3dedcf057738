#!/bin/sh
# Check the Coq development in proofs/coq (run by `make -C proofs/coq check`,
# after the build):
#   1. no proof is left unfinished and nothing is postulated: the .v files
#      contain none of the commands Admitted, admit, Axiom(s), Parameter(s),
#      Conjecture, give_up (anywhere, comments included);
#   2. every theorem named in theorems.json has a line
#      `Print Assumptions <name>.` in Assumptions.v, and vice versa;
#   3. coqc Assumptions.v prints "Closed under the global context" once per
#      theorem and lists no axiom outside ALLOWED_AXIOMS.
#
# ALLOWED_AXIOMS is empty: with Coq 8.16 / MathComp 1.15 / algebra-tactics
# 1.0.0 the main theorems use no axiom at all (MathComp's ssreflect, algebra
# and the `ring` tactic are axiom-free; no classical logic, functional
# extensionality or proof irrelevance axiom is used).  If a library ever
# needed one, name it here (qualified, as Print Assumptions prints it, e.g.
# Coq.Logic.FunctionalExtensionality.functional_extensionality_dep) with a
# justification.
ALLOWED_AXIOMS=""

set -u
cd "$(dirname "$0")" || exit 1
COQC="${COQC:-coqc}"
fail=0

# 1. forbidden commands
if grep -nE '\b(Admitted|admit|Axiom|Axioms|Parameter|Parameters|Conjecture|give_up)\b' ./*.v; then
  echo "check-assumptions: FAIL: a .v file contains Admitted/admit/Axiom/Parameter/Conjecture/give_up" >&2
  fail=1
fi

# 2. the manifest and Assumptions.v list the same theorems
names=$(grep -oE '"name"[[:space:]]*:[[:space:]]*"[^"]+"' theorems.json | sed -E 's/.*"([^"]+)"$/\1/')
if [ -z "$names" ]; then
  echo "check-assumptions: FAIL: no theorem names in theorems.json" >&2
  exit 1
fi
printed=$(sed -nE 's/^[[:space:]]*Print Assumptions[[:space:]]+([A-Za-z0-9_.'"'"']+)[[:space:]]*\.[[:space:]]*$/\1/p' Assumptions.v)
for n in $names; do
  echo "$printed" | grep -qx "$n" || { echo "check-assumptions: FAIL: $n (theorems.json) is not printed in Assumptions.v" >&2; fail=1; }
done
for n in $printed; do
  echo "$names" | grep -qx "$n" || { echo "check-assumptions: FAIL: $n (Assumptions.v) is not in theorems.json" >&2; fail=1; }
done
expected=$(echo "$printed" | grep -c .)

# 3. Print Assumptions
out=$("$COQC" -w -notation-overridden,-ambiguous-paths -Q . Heatbound Assumptions.v 2>&1)
rc=$?
echo "$out"
if [ $rc -ne 0 ]; then
  echo "check-assumptions: FAIL: coqc Assumptions.v exited with $rc (did you run make first?)" >&2
  exit 1
fi
closed=$(echo "$out" | grep -c '^Closed under the global context$')
# names of the axioms listed after an "Axioms:" header (one per line, at column 0)
axioms=$(echo "$out" | awk '/^Axioms:/ {inax=1; next}
                            /^Closed under the global context/ {inax=0; next}
                            /^[^ \t]/ && inax && / : / {split($0, a, " : "); print a[1]}
                            /^$/ {inax=0}' | sort -u)
for a in $axioms; do
  case " $ALLOWED_AXIOMS " in
    *" $a "*) echo "check-assumptions: allowed library axiom: $a" ;;
    *) echo "check-assumptions: FAIL: axiom $a is not allowed" >&2; fail=1 ;;
  esac
done
# each Print Assumptions answers either "Closed ..." or "Axioms: ..."
headers=$(echo "$out" | grep -c '^Axioms:$')
if [ $((closed + headers)) -ne "$expected" ]; then
  echo "check-assumptions: FAIL: $((closed + headers)) answers for $expected Print Assumptions" >&2
  fail=1
fi
if [ -z "$ALLOWED_AXIOMS" ] && [ "$closed" -ne "$expected" ]; then
  echo "check-assumptions: FAIL: only $closed of $expected theorems closed under the global context" >&2
  fail=1
fi

if [ $fail -ne 0 ]; then
  echo "check-assumptions: FAILED" >&2
  exit 1
fi
echo "check-assumptions: OK: $expected main theorems, no admitted proof, no axiom"
exit 0
