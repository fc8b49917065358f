from .models import InfoPage


def save_page(*, form, by) -> InfoPage:
    """Save an information page form (already valid), remembering who changed it last."""
    page = form.save(commit=False)
    page.updated_by = by
    page.save()
    return page
