from django.core.management.base import BaseCommand

from keyprojects.attraction import importer
from keyprojects.core.commandline import acting_user, run_import


class Command(BaseCommand):
    help = "从 Excel（.xlsx）导入（新增或更新）招商引资项目；有任何一行出错则整个文件不导入；缺阶段日期的行导入后列出。"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", default="", help="记入变更记录的账号（默认：系统）")

    def handle(self, *args, file: str, user: str, **options):
        by = acting_user(user)
        result = run_import(self, file, lambda path: importer.import_attraction(path, by=by))
        self.stdout.write(result.summary())
        if result.notice():
            self.stdout.write(result.notice())
