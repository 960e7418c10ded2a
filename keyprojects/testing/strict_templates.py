"""Templates that fail the test on a name the view never passed (README › 测试).

Django renders a missing variable as an empty string, and `{% for %}` / `{% if %}` over a missing
name as nothing at all: a page that loops over a list the view forgot says 暂无 and the test stays
green. In tests, a variable of one of our own templates whose *first* name is in no context layer
raises instead. Deeper lookups (`project.owner.name` with no owner) stay lenient: those are data,
not a view that forgot something, and `|default` handles them.
"""

from pathlib import Path

from django.template.base import Variable

PACKAGE = str(Path(__file__).resolve().parents[1])
_original = Variable._resolve_lookup


class MissingTemplateVariable(Exception):
    pass


def _ours(context) -> bool:
    template = getattr(context, "template", None)
    origin = getattr(template, "origin", None)
    return bool(origin and str(origin.name).startswith(PACKAGE))


def _strict_resolve_lookup(self, context):
    if self.lookups and self.lookups[0] not in context and _ours(context):
        raise MissingTemplateVariable(f"模板 {context.template.origin.name} 使用了视图没有传入的变量“{self.var}”")
    return _original(self, context)


def install(monkeypatch) -> None:
    monkeypatch.setattr(Variable, "_resolve_lookup", _strict_resolve_lookup)
