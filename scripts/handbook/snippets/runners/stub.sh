# shellcheck shell=sh
# The body of every stub the bash runner writes, under the stubbed command's name, after a
# `#!/bin/sh` line and `subs="..."`: the sub-commands to stub, or "" for every call.
# A stubbed call is recorded in $HB_STUB_LOG and succeeds, touching nothing outside; any other
# call goes to the real command.
name=${0##*/}
if [ -n "$subs" ]; then
  case " $subs " in
    *" $1 "*) ;;
    *) PATH="$HB_REAL_PATH" exec "$name" "$@" ;;
  esac
fi
printf '%s' "$name" >> "$HB_STUB_LOG"
for arg in "$@"; do printf ' %s' "$arg" >> "$HB_STUB_LOG"; done
printf '\n' >> "$HB_STUB_LOG"
exit 0
