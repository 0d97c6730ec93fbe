from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .forms import ImportUploadForm
from .imports import CsvImporter

_IMPORT_SALT = "common.import-preview"
_PREVIEW_MAX_AGE = 60 * 60


def import_csv(
    request: HttpRequest,
    importer: CsvImporter,
    *,
    title: str,
    columns_help: str,
    done_url: str,
) -> HttpResponse:
    """Upload, preview every planned change and every error, then confirm.

    The previewed text travels back signed, so what is applied is exactly what was previewed;
    it is read and validated again on confirmation, against the data as it is then.
    """
    context = {"title": title, "columns": importer.columns, "columns_help": columns_help}
    if request.method == "POST" and "payload" in request.POST:
        try:
            text = signing.loads(
                request.POST["payload"], salt=_IMPORT_SALT, max_age=_PREVIEW_MAX_AGE
            )
        except signing.BadSignature:
            messages.error(request, _("The preview has expired; upload the file again."))
            return redirect(request.path)
        plan = importer.read(text)
        if plan.is_valid:
            counts = importer.apply(plan)
            messages.success(
                request,
                _(
                    "Import complete: %(create)s created, %(update)s updated, "
                    "%(unchanged)s unchanged."
                )
                % counts,
            )
            return redirect(done_url)
        context.update(form=ImportUploadForm(), plan=plan)
        return render(request, "common/import.html", context, status=400)

    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        plan = importer.read(form.cleaned_data["file"].read())
        context["plan"] = plan
        if plan.is_valid:
            context["payload"] = signing.dumps(plan.text, salt=_IMPORT_SALT, compress=True)
    context["form"] = form
    status = 400 if "plan" in context and not context["plan"].is_valid else 200
    return render(request, "common/import.html", context, status=status)
