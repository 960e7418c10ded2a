from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from keyprojects.accounts.choices import UserRole
from keyprojects.accounts.models import User
from keyprojects.core.excel.errors import ExcelRefused, ImportRefused
from keyprojects.reports import importer


class Command(BaseCommand):
    help = "从 Excel（.xlsx）导入某月的月报，记为已确认；有任何一行出错则整个文件不导入。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="Excel 文件路径（.xlsx）")
        parser.add_argument("--period", required=True, help="月份，如 2026-10")
        parser.add_argument("--user", default="", help="记入变更记录的市级管理员账号（默认：第一个市级管理员）")

    def handle(self, *args, file: str, period: str, user: str, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件：{file}")
        admins = User.objects.filter(role=UserRole.CITY_ADMIN, is_active=True).order_by("pk")
        by = admins.filter(username=user).first() if user else admins.first()
        if by is None:
            raise CommandError("没有可用的市级管理员账号，请先建立。")
        try:
            result, period_obj = importer.import_reports(path, period_code=period, by=by)
        except ExcelRefused as refusal:
            raise CommandError(refusal.message) from None
        except ImportRefused as refusal:
            for error in refusal.errors:
                self.stderr.write(str(error))
            raise CommandError(refusal.summary) from None
        self.stdout.write(result.summary(period_obj))
