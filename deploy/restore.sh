#!/usr/bin/env bash
# 重点项目建设调度平台 —— 把 backup.sh 的一份备份恢复到一个空数据库。
#
# 用法（以 root 运行，先停止平台：systemctl stop keyprojects keyprojects-tick.timer）：
#   keyprojects-restore /var/backups/keyprojects/keyprojects-20250301-023000
# 步骤（详见 docs/deploy.md 第 7 节）：
#   1. 按 SHA256SUMS 校验备份里的每个文件，有一个不符就停止，什么也不改；
#   2. 目标必须是空的：PostgreSQL 库里没有任何表（事先 createdb 建好空库），SQLite 库文件不存在
#      （事先把原来的库连同 -wal、-shm 移走）。本脚本从不覆盖、不删除现有的数据库；
#   3. 把 data.tar.gz 解包到数据目录：上传文件（media/）、secret_key 等；已有的 security.log、
#      error.log 不覆盖（备份里的旧日志仍在备份中）；
#   4. PostgreSQL：pg_restore 在一个事务里恢复，出错则整库不变（--no-owner：表属于 DATABASE_URL 里的账号）；
#      SQLite：把备份的库文件复制为目标库文件，属主与数据目录相同，权限 0640；
#   5. keyprojects migrate：备份来自旧版本时补齐表结构。
# 中途失败时目标库仍是空的，改正原因后可以原样重跑。
# 恢复到哪里，由环境文件里的 DATABASE_URL 和 KEYPROJECTS_DATA_DIR 决定（与平台、backup.sh 读同一个文件）；
# 演练时让 KEYPROJECTS_ENV_FILE 指向一个写着临时库和临时目录的文件（第 7.4 节）。
# 可用环境变量：KEYPROJECTS_ENV_FILE（默认 /etc/keyprojects/keyprojects.env）、
#   KEYPROJECTS_PYTHON（默认 /opt/keyprojects/venv/bin/python）、PG_BINDIR，含义同 backup.sh。
# 安装：install -m 0750 deploy/restore.sh /usr/local/sbin/keyprojects-restore
set -euo pipefail
PATH=${PG_BINDIR:+$PG_BINDIR:}/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH
trap 'printf "%s 恢复失败：第 %s 行的命令出错，见上面的报错。\n" "$(date "+%F %T")" "$LINENO" >&2' ERR

ENV_FILE=${KEYPROJECTS_ENV_FILE:-/etc/keyprojects/keyprojects.env}
PYTHON=${KEYPROJECTS_PYTHON:-/opt/keyprojects/venv/bin/python}

log() { printf '%s %s\n' "$(date '+%F %T')" "$*"; }
die() { printf '%s 恢复失败：%s\n' "$(date '+%F %T')" "$*" >&2; exit 1; }

(( $# == 1 )) || die "用法：$0 备份目录（如 /var/backups/keyprojects/keyprojects-20250301-023000）"
B=$(cd -- "$1" 2>/dev/null && pwd) || die "备份目录 $1 不存在"
[[ -f $B/SHA256SUMS ]] || die "$B 中没有 SHA256SUMS，不是 backup.sh 生成的完整备份"
if [[ -f $ENV_FILE ]]; then
  set -a
  # shellcheck source=/dev/null
  . "$ENV_FILE"
  set +a
fi
: "${KEYPROJECTS_DATA_DIR:?未设置 KEYPROJECTS_DATA_DIR（应写在 $ENV_FILE 中）}"
DATA_DIR=$KEYPROJECTS_DATA_DIR
[[ -d $DATA_DIR ]] || die "数据目录 $DATA_DIR 不存在：请先按第 5 节建好（属主为运行平台的账号）"
[[ -x $PYTHON ]] || die "找不到 $PYTHON（平台的虚拟环境），可用 KEYPROJECTS_PYTHON 指定"
DB_URL=${DATABASE_URL:-}
[[ -n ${DB_URL// /} ]] || DB_URL="sqlite:///$DATA_DIR/keyprojects.sqlite3"
owner=$(stat -c %U "$DATA_DIR")
group=$(stat -c %G "$DATA_DIR")

log "校验备份 $B"
(cd "$B" && sha256sum --quiet --strict -c SHA256SUMS) || die "备份文件与 SHA256SUMS 不符（损坏或被改动），未做任何恢复"

# 与 backup.sh 相同：用平台自己的 dj-database-url 解析 DATABASE_URL，口令只经环境变量交给 PostgreSQL 工具。
parse_database_url() {  # the platform's own reading of DATABASE_URL (keyprojects/database_env.py)
  DB_URL=$DB_URL "$PYTHON" -m keyprojects.database_env
}

declare -A db=()
while IFS= read -r -d '' pair; do
  db[${pair%%=*}]=${pair#*=}
done < <(parse_database_url)
[[ -n ${db[ENGINE]:-} ]] || die "无法解析 DATABASE_URL"

# 以数据目录属主的身份运行平台命令（root 运行 migrate 会在 SQLite 旁留下 root 所有的 -wal/-shm 文件）。
as_owner() {
  if [[ $(id -un) == "$owner" ]]; then "$@"; else runuser -u "$owner" -- "$@"; fi
}

case ${db[ENGINE]} in
  *postgresql*)
    [[ -f $B/keyprojects.dump ]] || die "$B 中没有 keyprojects.dump（这是 SQLite 的备份？）"
    for var in PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE PGSSLMODE; do
      if [[ -n ${db[$var]} ]]; then export "$var=${db[$var]}"; else unset "$var"; fi
    done
    tables=$(psql -X -A -t -v ON_ERROR_STOP=1 -c \
      "select count(*) from pg_catalog.pg_tables where schemaname not in ('pg_catalog', 'information_schema')") ||
      die "连不上目标数据库 ${PGDATABASE}（${PGHOST:-本机套接字}）：请先 createdb 建好空库"
    (( tables == 0 )) || die "目标数据库 $PGDATABASE 不是空的（有 $tables 张表）：本脚本只恢复到空库，请先建一个新的空库"
    ;;
  *sqlite3*)
    [[ -f $B/keyprojects.sqlite3 ]] || die "$B 中没有 keyprojects.sqlite3（这是 PostgreSQL 的备份？）"
    target=${db[NAME]}
    [[ $target == /* ]] || die "SQLite 路径 $target 应为绝对路径（DATABASE_URL=sqlite:////绝对路径）"
    for file in "$target" "$target-wal" "$target-shm"; do
      [[ ! -e $file ]] || die "$file 已存在：本脚本不覆盖现有的库，请先把它连同 -wal、-shm 移走"
    done
    ;;
  *)
    die "不认识的数据库类型：${db[ENGINE]}"
    ;;
esac

if [[ -f $B/data.tar.gz ]]; then
  log "解包上传文件和密钥到 $DATA_DIR"
  tar -C "$DATA_DIR" --exclude='./security.log*' --exclude='./error.log*' -xzf "$B/data.tar.gz"
fi

case ${db[ENGINE]} in
  *postgresql*)
    log "恢复 PostgreSQL 数据库 ${PGDATABASE}（${PGHOST:-本机套接字}）"
    pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$PGDATABASE" \
      "$B/keyprojects.dump"
    unset PGPASSWORD
    ;;
  *sqlite3*)
    log "恢复 SQLite 数据库 $target"
    install -m 0640 -o "$owner" -g "$group" -- "$B/keyprojects.sqlite3" "$target"
    ;;
esac

log "补齐表结构（keyprojects migrate）"
as_owner "$PYTHON" -m keyprojects.cli migrate --no-input -v 1
log "恢复完成。启动平台前可用 keyprojects stats --period 上月 --json 与备份前的数字核对。"
