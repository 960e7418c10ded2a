from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from keyprojects.attraction import importer
from keyprojects.core.commandline import acting_user
from keyprojects.core.excel.errors import ExcelRefused, ImportRefused


class Command(BaseCommand):
    help = "从 Excel（.xlsx）导入（新增或更新）招商引资项目；有任何一行出错则整个文件不导入。"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", default="", help="记入变更记录的账号（默认：市级管理员）")

    def handle(self, *args, file: str, user: str, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件：{file}")
        try:
            result = importer.import_attraction(path, by=acting_user(user))
        except ExcelRefused as refusal:
            raise CommandError(refusal.message) from None
        except ImportRefused as refusal:
            for error in refusal.errors:
                self.stderr.write(str(error))
            raise CommandError(refusal.summary) from None
        self.stdout.write(result.summary())
