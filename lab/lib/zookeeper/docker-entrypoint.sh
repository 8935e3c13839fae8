#!/bin/sh
# Entry point of the lab image local/zookeeper:3.8 (lab/lib/images.sh), following the official
# `zookeeper` image's docker-entrypoint.sh: unless /conf/zoo.cfg exists, write it from ZOO_*
# variables; write ZOO_MY_ID to /data/myid if that is missing; then run the command (by default
# `zkServer.sh start-foreground`). POSIX sh (busybox). Runs as root: a lab image, no gosu.
#   ZOO_MY_ID                    this server's id (default 1)
#   ZOO_SERVERS                  space-separated "server.N=ADDR:2888:3888;[ADDR:]2181" entries
#                                (default: one server on localhost)
#   ZOO_ADMINSERVER_ENABLED      admin.enableServer (default true, as upstream)
#   ZOO_4LW_COMMANDS_WHITELIST   4lw.commands.whitelist (default: ZooKeeper's own, srvr only)
#   ZOO_TICK_TIME, ZOO_INIT_LIMIT, ZOO_SYNC_LIMIT, ZOO_MAX_CLIENT_CNXNS, ZOO_STANDALONE_ENABLED,
#   ZOO_AUTOPURGE_PURGEINTERVAL, ZOO_AUTOPURGE_SNAPRETAINCOUNT  as upstream
set -e
: "${ZOO_CONF_DIR:=/conf}" "${ZOO_DATA_DIR:=/data}" "${ZOO_DATA_LOG_DIR:=/datalog}"
CONFIG="$ZOO_CONF_DIR/zoo.cfg"

if [ ! -f "$CONFIG" ]; then
  mkdir -p "$ZOO_CONF_DIR"
  {
    echo "dataDir=$ZOO_DATA_DIR"
    echo "dataLogDir=$ZOO_DATA_LOG_DIR"
    echo "tickTime=${ZOO_TICK_TIME:-2000}"
    echo "initLimit=${ZOO_INIT_LIMIT:-5}"
    echo "syncLimit=${ZOO_SYNC_LIMIT:-2}"
    echo "autopurge.snapRetainCount=${ZOO_AUTOPURGE_SNAPRETAINCOUNT:-3}"
    echo "autopurge.purgeInterval=${ZOO_AUTOPURGE_PURGEINTERVAL:-0}"
    echo "maxClientCnxns=${ZOO_MAX_CLIENT_CNXNS:-60}"
    echo "standaloneEnabled=${ZOO_STANDALONE_ENABLED:-true}"
    echo "admin.enableServer=${ZOO_ADMINSERVER_ENABLED:-true}"
    if [ -n "${ZOO_4LW_COMMANDS_WHITELIST:-}" ]; then
      echo "4lw.commands.whitelist=$ZOO_4LW_COMMANDS_WHITELIST"
    fi
    if [ -z "${ZOO_SERVERS:-}" ]; then
      echo "server.1=localhost:2888:3888;2181"
    else
      for server in $ZOO_SERVERS; do echo "$server"; done
    fi
  } >"$CONFIG"
fi

mkdir -p "$ZOO_DATA_DIR" "$ZOO_DATA_LOG_DIR"
if [ ! -f "$ZOO_DATA_DIR/myid" ]; then
  echo "${ZOO_MY_ID:-1}" >"$ZOO_DATA_DIR/myid"
fi

exec "$@"
