"""PDF rendering jobs, shared by every app that makes PDFs: a job's progress, file and
retry, and the answer when the rendering limit is reached."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .. import services
from ..models import RenderJob


def render_refused(request: HttpRequest, refusal: services.RenderLimitReached) -> HttpResponse:
    """429 with the reason, in place of the job's progress (htmx swaps it in: static/js/app.js)
    or as a page."""
    template = (
        "documents/includes/render_refused.html" if request.htmx else "documents/job_refused.html"
    )
    response = render(request, template, {"message": str(refusal)}, status=429)
    response["Retry-After"] = "3600"
    return response


def job_response(request: HttpRequest, job: RenderJob) -> HttpResponse:
    """A job just queued: its progress in place for htmx (which polls it), else its page."""
    if request.htmx:
        return render(request, "documents/includes/render_job.html", {"job": job})
    return redirect("documents:job_status", pk=job.pk)


def _job_for(request: HttpRequest, pk: int) -> RenderJob:
    job = get_object_or_404(RenderJob.objects.select_related("content_type"), pk=pk)
    target = job.target
    if target is None or not target.pdf_readable_by(request.user):
        raise Http404
    return job


def job_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The job's progress; htmx polls this partial until the file is ready."""
    job = _job_for(request, pk)
    if request.htmx:
        return render(request, "documents/includes/render_job.html", {"job": job})
    return render(request, "documents/job_detail.html", {"job": job})


def job_file(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_for(request, pk)
    if job.status != RenderJob.Status.DONE or not job.output:
        raise Http404
    return FileResponse(
        job.output.open("rb"),
        as_attachment=request.GET.get("inline") != "1",
        filename=job.filename,
        content_type="application/pdf",
    )


@require_POST
def job_retry(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_for(request, pk)
    if job.status == RenderJob.Status.DONE:
        return render(request, "documents/includes/render_job.html", {"job": job})
    try:
        new_job = services.retry(job, requested_by=request.user)
    except services.RenderLimitReached as refusal:
        return render_refused(request, refusal)
    return job_response(request, new_job)
