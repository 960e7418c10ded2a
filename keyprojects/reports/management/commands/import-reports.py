from django.core.management.base import BaseCommand

from keyprojects.core.commandline import city_admin, run_import
from keyprojects.reports import importer


class Command(BaseCommand):
    help = "从 Excel（.xlsx）导入某月的月报，记为已确认；有任何一行出错则整个文件不导入。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="Excel 文件路径（.xlsx）")
        parser.add_argument("--period", required=True, help="月份，如 2026-10")
        parser.add_argument("--user", default="", help="记入变更记录的市级管理员账号（默认：系统）")

    def handle(self, *args, file: str, period: str, user: str, **options):
        by = city_admin(user)
        result, period_obj = run_import(
            self, file, lambda path: importer.import_reports(path, period_code=period, by=by)
        )
        self.stdout.write(result.summary(period_obj))
