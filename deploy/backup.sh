#!/usr/bin/env bash
# 重点项目建设调度平台 —— 每日备份。
#
# 备份内容（每次一个目录 BACKUP_DIR/keyprojects-日期-时间/）：
#   keyprojects.dump      PostgreSQL：pg_dump -Fc（自定义格式，用 pg_restore 恢复）
#   keyprojects.sqlite3   SQLite：用在线备份（.backup）得到的一致副本，从不直接复制运行中的库文件
#   data.tar.gz           数据目录中除数据库文件和 static/ 以外的全部内容：media/（上传文件）、
#                         secret_key、security.log 等
#   keyprojects.env       环境文件副本（含数据库密码）
#   SHA256SUMS            以上文件的校验和
# 成功后删除 RETENTION_DAYS 天以前的备份。备份目录 0700、文件 0600，仅 root 可读：其中有密钥和口令。
#
# 安装与定时（以 root 运行）：
#   install -m 0750 deploy/backup.sh /usr/local/sbin/keyprojects-backup
#   echo '30 2 * * * root /usr/local/sbin/keyprojects-backup 2>&1 | logger -t keyprojects-backup' >> /etc/cron.d/keyprojects
# 可用环境变量覆盖：KEYPROJECTS_ENV_FILE（默认 /etc/keyprojects/keyprojects.env）、
#   BACKUP_DIR（默认 /var/backups/keyprojects）、RETENTION_DAYS（默认 30）、
#   KEYPROJECTS_PYTHON（默认 /opt/keyprojects/venv/bin/python，用来按平台同样的规则解析 DATABASE_URL）、
#   PG_BINDIR（pg_dump 所在目录，PGDG 的 RPM 包装在 /usr/pgsql-版本号/bin，不在默认 PATH 中）。
# 需要：PostgreSQL 时 pg_dump/pg_restore（主版本不低于数据库服务器）；SQLite 时最好装有 sqlite3 命令。
set -euo pipefail
PATH=${PG_BINDIR:+$PG_BINDIR:}/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin   # cron 的 PATH 很短
export PATH
trap 'printf "%s 备份失败：第 %s 行的命令出错，见上面的报错。\n" "$(date "+%F %T")" "$LINENO" >&2' ERR

ENV_FILE=${KEYPROJECTS_ENV_FILE:-/etc/keyprojects/keyprojects.env}
BACKUP_DIR=${BACKUP_DIR:-/var/backups/keyprojects}
RETENTION_DAYS=${RETENTION_DAYS:-30}
PYTHON=${KEYPROJECTS_PYTHON:-/opt/keyprojects/venv/bin/python}

log() { printf '%s %s\n' "$(date '+%F %T')" "$*"; }
die() { printf '%s 备份失败：%s\n' "$(date '+%F %T')" "$*" >&2; exit 1; }

[[ $RETENTION_DAYS =~ ^[0-9]+$ ]] || die "RETENTION_DAYS 应为天数，现为 $RETENTION_DAYS"
if [[ -f $ENV_FILE ]]; then
  set -a
  # shellcheck source=/dev/null
  . "$ENV_FILE"
  set +a
fi
: "${KEYPROJECTS_DATA_DIR:?未设置 KEYPROJECTS_DATA_DIR（应写在 $ENV_FILE 中）}"
DATA_DIR=$KEYPROJECTS_DATA_DIR
[[ -d $DATA_DIR ]] || die "数据目录 $DATA_DIR 不存在"
[[ -x $PYTHON ]] || die "找不到 $PYTHON（平台的虚拟环境），可用 KEYPROJECTS_PYTHON 指定"
DB_URL=${DATABASE_URL:-}
[[ -n ${DB_URL// /} ]] || DB_URL="sqlite:///$DATA_DIR/keyprojects.sqlite3"

umask 077
mkdir -p "$BACKUP_DIR"
chmod 700 "$BACKUP_DIR"
exec 9>"$BACKUP_DIR/.lock"
flock -n 9 || die "另一个备份正在运行"

stamp=$(date +%Y%m%d-%H%M%S)
work="$BACKUP_DIR/.keyprojects-$stamp.partial"
final="$BACKUP_DIR/keyprojects-$stamp"
sqlite_tmp=""
cleanup() {
  rm -rf -- "$work"
  if [[ -n $sqlite_tmp ]]; then rm -f -- "$sqlite_tmp"; fi
}
trap cleanup EXIT
mkdir "$work"

# 用平台自己的 dj-database-url 解析 DATABASE_URL，输出 NUL 分隔的 键=值：
# ENGINE、NAME，PostgreSQL 另有 PGHOST 等。口令经环境变量交给 pg_dump，不出现在命令行（ps）里。
parse_database_url() {  # the platform's own reading of DATABASE_URL (keyprojects/database_env.py)
  DB_URL=$DB_URL "$PYTHON" -m keyprojects.database_env
}

declare -A db=()
parse_database_url >"$work/.database" || die "无法解析 DATABASE_URL"
while IFS= read -r -d '' pair; do
  db[${pair%%=*}]=${pair#*=}
done <"$work/.database"
rm -f -- "$work/.database"
[[ -n ${db[ENGINE]:-} ]] || die "无法解析 DATABASE_URL"

# 以数据库文件属主的身份运行（root 打开 WAL 模式的库可能留下 root 所有的 -wal/-shm 文件）。
as_owner() {
  local owner=$1
  shift
  if [[ $(id -un) == "$owner" ]]; then "$@"; else runuser -u "$owner" -- "$@"; fi
}

case ${db[ENGINE]} in
  *postgresql*)
    for var in PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE PGSSLMODE; do
      if [[ -n ${db[$var]} ]]; then export "$var=${db[$var]}"; else unset "$var"; fi
    done
    log "备份 PostgreSQL 数据库 ${PGDATABASE}（${PGHOST:-本机套接字}）"
    pg_dump --format=custom --file="$work/keyprojects.dump"
    pg_restore --list "$work/keyprojects.dump" >/dev/null   # 确认备份文件可读
    unset PGPASSWORD
    ;;
  *sqlite3*)
    src=${db[NAME]}
    [[ $src == /* ]] || die "SQLite 路径 $src 应为绝对路径（DATABASE_URL=sqlite:////绝对路径）"
    [[ -f $src ]] || die "SQLite 数据库 $src 不存在"
    owner=$(stat -c %U "$src")
    sqlite_tmp="$(dirname "$src")/.keyprojects-backup-$stamp.sqlite3"
    log "在线备份 SQLite 数据库 $src"
    if command -v sqlite3 >/dev/null; then
      as_owner "$owner" sqlite3 "$src" ".timeout 20000" ".backup '$sqlite_tmp'"
    else
      as_owner "$owner" "$PYTHON" -c 'import sqlite3, sys
src = sqlite3.connect(sys.argv[1], timeout=20)
dst = sqlite3.connect(sys.argv[2])
src.backup(dst)
dst.close()
src.close()' "$src" "$sqlite_tmp"
    fi
    mv -- "$sqlite_tmp" "$work/keyprojects.sqlite3"
    sqlite_tmp=""
    chown root: "$work/keyprojects.sqlite3" 2>/dev/null || true
    chmod 600 "$work/keyprojects.sqlite3"
    # integrity_check 也检查 CHECK 约束，其中用到 Django 注册的 REGEXP 函数，这里同样注册一个。
    check=$("$PYTHON" -c 'import re, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
con.create_function("REGEXP", 2, lambda pattern, value: value is not None and re.search(pattern, str(value)) is not None)
print(con.execute("PRAGMA integrity_check").fetchone()[0])
con.close()' "$work/keyprojects.sqlite3")
    [[ $check == ok ]] || die "SQLite 备份完整性检查未通过：$check"
    ;;
  *)
    die "不认识的数据库类型：${db[ENGINE]}"
    ;;
esac

log "打包数据目录 $DATA_DIR（media/、secret_key 等，不含数据库文件和 static/）"
set +e
tar -C "$DATA_DIR" --warning=no-file-changed \
  --exclude=./static --exclude='./keyprojects.sqlite3*' --exclude='./.keyprojects-backup-*' \
  -czf "$work/data.tar.gz" .
status=$?
set -e
# tar 返回 1 表示有文件在读取时被修改（例如正在写的 security.log），备份仍然可用。
(( status <= 1 )) || die "tar 打包数据目录失败（退出码 $status）"

if [[ -f $ENV_FILE ]]; then cp -- "$ENV_FILE" "$work/keyprojects.env"; fi
(cd "$work" && sha256sum -- * >SHA256SUMS)
mv -- "$work" "$final"
log "备份完成：$final（$(du -sh "$final" | cut -f1)）"

find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name 'keyprojects-*' -mtime "+$RETENTION_DAYS" -print0 |
  while IFS= read -r -d '' old; do
    rm -rf -- "$old"
    log "删除过期备份 $old"
  done
find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name '.keyprojects-*.partial' -mtime +0 -exec rm -rf -- {} +
