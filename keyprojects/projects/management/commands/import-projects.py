import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from keyprojects.core.commandline import city_admin, run_import
from keyprojects.projects import importer


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--added-on “{text}”应写成 YYYY-MM-DD，如 2026-01-01。") from None


class Command(BaseCommand):
    help = "从 Excel（.xlsx）导入（新增或更新）某年度的重点项目名单；有任何一行出错则整个文件不导入。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="Excel 文件路径（.xlsx）")
        parser.add_argument("--year", type=int, required=True, help="名单年度，如 2024")
        parser.add_argument(
            "--added-on",
            default="",
            help="新列入项目的列入日期 YYYY-MM-DD（默认：该年尚无锁定月份时1月1日，否则今天）；须在已锁定月份之后",
        )
        parser.add_argument("--user", default="", help="记入变更记录的市级管理员账号（默认：系统）")

    def handle(self, *args, file: str, year: int, added_on: str, user: str, **options):
        by = city_admin(user)
        day = _day(added_on) if added_on else None
        try:
            result = run_import(
                self,
                file,
                lambda path: importer.import_projects(path, year=year, by=by, filename=path.name, added_on=day),
            )
        except ValidationError as error:
            raise CommandError("；".join(error.messages)) from None
        self.stdout.write(result.summary(year))
