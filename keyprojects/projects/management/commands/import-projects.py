from django.core.management.base import BaseCommand

from keyprojects.core.commandline import city_admin, run_import
from keyprojects.projects import importer


class Command(BaseCommand):
    help = "从 Excel（.xlsx）导入（新增或更新）某年度的重点项目名单；有任何一行出错则整个文件不导入。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="Excel 文件路径（.xlsx）")
        parser.add_argument("--year", type=int, required=True, help="名单年度，如 2024")
        parser.add_argument("--user", default="", help="记入变更记录的市级管理员账号（默认：系统）")

    def handle(self, *args, file: str, year: int, user: str, **options):
        by = city_admin(user)
        result = run_import(
            self, file, lambda path: importer.import_projects(path, year=year, by=by, filename=path.name)
        )
        self.stdout.write(result.summary(year))
