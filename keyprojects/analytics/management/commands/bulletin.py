from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from keyprojects.analytics import documents
from keyprojects.analytics.indicators import period_of
from keyprojects.core.commandline import acting_user


class Command(BaseCommand):
    help = "生成某月重点项目建设通报：DIR/通报-YYYY-MM.docx 和 .xlsx，并打印摘要段落。"

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help="月份，如 2026-10")
        parser.add_argument("--out", required=True, help="输出目录")
        parser.add_argument("--user", default="", help="按该账号的权限范围生成（默认：系统，即全市通报）")

    def handle(self, *args, period: str, out: str, user: str, **options):
        try:
            year, month = period_of(period)
        except ValueError as error:
            raise CommandError(str(error)) from None
        directory = Path(out)
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(f"输出目录 {out} 无法创建：{error.strerror}") from None
        context = documents.bulletin_context(acting_user(user), year, month)
        name = f"通报-{year}-{month:02d}"
        (directory / f"{name}.docx").write_bytes(documents.bulletin_docx(context))
        (directory / f"{name}.xlsx").write_bytes(documents.bulletin_xlsx(context))
        self.stdout.write(context["summary"])
