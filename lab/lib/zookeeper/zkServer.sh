#!/bin/sh
# zkServer.sh of the lab image local/zookeeper:3.8: only `start-foreground`, the command the
# official image runs. ZooKeeper's own zkServer.sh needs bash; this runs the same Java main class
# with the same options in busybox sh. Logs go to stderr (slf4j-simple), i.e. `docker logs`.
#   ZOOCFG (default /conf/zoo.cfg), ZK_SERVER_HEAP in MB (default 1000, as upstream), JVMFLAGS
case ${1:-} in
  start-foreground) ;;
  *) echo "usage: zkServer.sh start-foreground (the only command of this image)" >&2; exit 2 ;;
esac
ZOOCFG=${ZOOCFG:-${ZOO_CONF_DIR:-/conf}/zoo.cfg}
CLASSPATH=$(ls /usr/share/java/*.jar | tr '\n' ':')
# shellcheck disable=SC2086 # JVMFLAGS is a list of options, as in upstream's script
exec java "-Xmx${ZK_SERVER_HEAP:-1000}m" -XX:+HeapDumpOnOutOfMemoryError -XX:OnOutOfMemoryError='kill -9 %p' \
  -cp "$CLASSPATH" $JVMFLAGS org.apache.zookeeper.server.quorum.QuorumPeerMain "$ZOOCFG"
