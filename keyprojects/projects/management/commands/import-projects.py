from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from keyprojects.accounts.choices import UserRole
from keyprojects.accounts.models import User
from keyprojects.core.excel.errors import ExcelRefused, ImportRefused
from keyprojects.projects import importer


class Command(BaseCommand):
    help = "从 Excel（.xlsx）导入（新增或更新）某年度的重点项目名单；有任何一行出错则整个文件不导入。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="Excel 文件路径（.xlsx）")
        parser.add_argument("--year", type=int, required=True, help="名单年度，如 2024")
        parser.add_argument("--user", default="", help="记入变更记录的市级管理员账号（默认：第一个市级管理员）")

    def handle(self, *args, file: str, year: int, user: str, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件：{file}")
        admins = User.objects.filter(role=UserRole.CITY_ADMIN, is_active=True).order_by("pk")
        by = admins.filter(username=user).first() if user else admins.first()
        if by is None:
            raise CommandError(f"没有可用的市级管理员账号{('“' + user + '”') if user else ''}，请先建立。")
        try:
            result = importer.import_projects(path, year=year, by=by, filename=path.name)
        except ExcelRefused as refusal:
            raise CommandError(refusal.message) from None
        except ImportRefused as refusal:
            for error in refusal.errors:
                self.stderr.write(str(error))
            raise CommandError(refusal.summary) from None
        self.stdout.write(result.summary(year))
