#!/bin/sh
# The private cluster's watchdog (server/storage/private_cluster.cpp runs it with /bin/sh -c,
# built into the binary by storage.cmake).
#
# The watchdog. $1 data dir, $2 "remove" (ephemeral) or "keep", $3 the owner's pid; fd 3 is
# our end of a socket pair to the owner, fd 4 the directory lock (held until we are done).
# The owner writes "stop" when it has cleaned up itself. EOF means it died: stop the server
# and, if ephemeral, delete the directory. SIGHUP (PR_SET_PDEATHSIG) is the complement, for
# when EOF cannot come because a forked child of the owner still holds the socket; it also
# comes when merely the spawning thread ends, so we act on it only once we were reparented.
dir=$1 mode=$2 owner=$3
alive() {
  [ -n "$1" ] && [ -r "/proc/$1/stat" ] || return 1
  read -r _ _ st _ < "/proc/$1/stat" 2>/dev/null || return 1
  [ "$st" != Z ]
}
owner_gone() {
  read -r _ _ _ ppid _ < "/proc/$$/stat" || return 0
  [ "$ppid" != "$owner" ]
}
trap : HUP
n=0
while :; do
  if IFS= read -r line <&3; then
    [ "$line" = stop ] && exit 0
  elif owner_gone; then
    break
  else
    # EOF may come while the dying owner is not yet reparented; else only a signal woke us.
    n=$((n+1))
    if [ $n -lt 50 ]; then sleep 0.05; else sleep 1; fi
  fi
done
if [ "$mode" = remove ]; then sig=QUIT; else sig=INT; fi
i=0
while [ -d "$dir" ] && [ ! -s "$dir/postmaster.pid" ] && [ $i -lt 30 ]; do sleep 0.1; i=$((i+1)); done
pid=
[ -r "$dir/postmaster.pid" ] && read -r pid < "$dir/postmaster.pid"
if alive "$pid"; then
  kill -"$sig" "$pid" 2>/dev/null
  i=0
  while alive "$pid" && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done
  alive "$pid" && kill -KILL "$pid" 2>/dev/null
fi
if [ "$mode" = remove ]; then rm -rf -- "$dir"; fi
exit 0
