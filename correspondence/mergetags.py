"""The only tags and filters a merge text may use (the template library of ``merge``'s engine).

Staff texts reach governments: they may place merge fields, test one with ``if`` and change a
value's case or give it a default, nothing more. No tag that reads files, other templates,
settings or the server (``include``, ``ssi``, ``debug``, ``load``, ``url``), loops, or makes text
out of nothing (``lorem``, ``now``) is registered, so the engine cannot run one.
"""

from django.template import Library, defaultfilters, defaulttags

register = Library()

register.tag("if", defaulttags.do_if)
register.tag("comment", defaulttags.comment)

for name in ("capfirst", "default", "lower", "title", "upper"):
    register.filter(name, getattr(defaultfilters, name))

#: What the forms and the help beside the text boxes list.
TAGS = ("if", "elif", "else", "endif", "comment", "endcomment")
FILTERS = ("capfirst", "default", "lower", "title", "upper")
