#!/usr/bin/env bash
# N app servers on one PostgreSQL with a streaming-replication standby (decision 028-replica).
#
#   sudo bash bench/replica.sh            # set up, run bench/replica.ts, tear down (always, via trap)
#   sudo bash bench/replica.sh teardown   # only clean up what an interrupted run left
#
# Needs root (or the postgres OS user's rights) on a Debian/Ubuntu PostgreSQL 15 with the primary as
# cluster 15/main on port 5432. It
#   1. appends one marked line "host replication all 127.0.0.1/32 trust" to the primary's pg_hba.conf
#      and reloads (streaming replication connects as a replication client, which "all" does not match);
#   2. creates cluster 15/xfreplica on port 5433, replaces its data directory with
#      `pg_basebackup -R -X stream` of the primary and starts it as a hot standby;
#   3. runs `npx tsx bench/replica.ts` (its own database on the primary, dropped at the end);
#   4. drops the cluster (pg_dropcluster --stop), its replication slot on the primary, and the pg_hba
#      line again, even on failure.
# Not run by `npm run bench`: it changes the machine's PostgreSQL configuration and needs root.
set -euo pipefail

VERSION=15
PRIMARY=main
CLUSTER=${XF_REPLICA_CLUSTER:-xfreplica}
PORT=${XF_REPLICA_PORT:-5433}
HBA=/etc/postgresql/$VERSION/$PRIMARY/pg_hba.conf
MARK='# xianfeng-bench-replica'
DATA=/var/lib/postgresql/$VERSION/$CLUSTER
SLOT=${CLUSTER}_slot

as_postgres() { runuser -u postgres -- "$@"; }

teardown() {
  if pg_lsclusters -h | awk '{print $1"/"$2}' | grep -qx "$VERSION/$CLUSTER"; then
    pg_dropcluster "$VERSION" "$CLUSTER" --stop || true
  fi
  # The driver drops its database itself; an interrupted driver leaves it for this.
  for db in $(psql -h 127.0.0.1 -U postgres -Atc "select datname from pg_database where datname like 'xf_replica_bench_%'"); do
    psql -h 127.0.0.1 -U postgres -qc "drop database if exists $db with (force)" || true
  done
  # A replication slot left behind would make the primary keep its WAL forever.
  psql -h 127.0.0.1 -U postgres -Atc "select pg_drop_replication_slot('$SLOT') from pg_replication_slots where slot_name = '$SLOT'" >/dev/null || true
  if grep -q "$MARK" "$HBA"; then
    sed -i "/$MARK/d" "$HBA"
    pg_ctlcluster "$VERSION" "$PRIMARY" reload
  fi
  echo "teardown: cluster $VERSION/$CLUSTER gone, pg_hba.conf restored"
}

if [[ "${1:-}" == teardown ]]; then
  teardown
  exit 0
fi

if pg_lsclusters -h | awk '{print $1"/"$2}' | grep -qx "$VERSION/$CLUSTER"; then
  echo "cluster $VERSION/$CLUSTER exists already: run '$0 teardown' first" >&2
  exit 2
fi
trap teardown EXIT

grep -q "$MARK" "$HBA" || echo "host replication all 127.0.0.1/32 trust $MARK" >>"$HBA"
pg_ctlcluster "$VERSION" "$PRIMARY" reload

pg_createcluster "$VERSION" "$CLUSTER" --port "$PORT" >/dev/null
rm -rf "${DATA:?}"/*
# A replication slot (-C -S): without one the busy primary recycled the WAL the standby still needed
# while the 3 GB base backup was copied ("requested WAL segment … has already been removed").
as_postgres pg_basebackup -h 127.0.0.1 -p 5432 -U postgres -D "$DATA" -R -X stream -c fast -C -S "$SLOT"
# The standby answers the bench like the primary does (the same client rules: trust on 127.0.0.1 here).
cp "$HBA" "/etc/postgresql/$VERSION/$CLUSTER/pg_hba.conf"
pg_ctlcluster "$VERSION" "$CLUSTER" start
echo "standby $VERSION/$CLUSTER on port $PORT: in recovery = $(psql -h 127.0.0.1 -p "$PORT" -U postgres -Atc 'select pg_is_in_recovery()')"

cd "$(dirname "$0")/.."
BENCH_REPLICA_URL="postgres://postgres@127.0.0.1:$PORT/postgres" BENCH_REPLICA_APP="$VERSION/$CLUSTER" \
  npx tsx bench/replica.ts
