from django.core.management.base import BaseCommand

from keyprojects.coordination.reminders import tick


class Command(BaseCommand):
    help = (
        "发送即将到期和已逾期问题、超时审批手续的提醒（站内消息，配置后另发邮件和群机器人）；可反复运行，不会重复发送。"
    )

    def handle(self, *args, **options):
        result = tick()
        self.stdout.write(f"已发送站内提醒 {result.notifications} 条，邮件 {result.emails} 封。")
