"""Hook: link previews. Each page gets Open Graph and Twitter card tags and a preview image in its
language (reportsite.link_cards); the offline bundle, which nobody shares as a link, gets none."""

from __future__ import annotations

import html
from pathlib import Path

from reportsite import link_cards, state


def on_page_context(context, *, page, config, nav):
    build = state.for_config(config)
    if not build.site.link_previews or build.error is not None:
        return context
    # The title and description as typed: MkDocs gives a heading's title as HTML ('R&amp;D'), and the
    # front matter's is escaped (front_matter.py); the tags are escaped once, the image shows text.
    card = link_cards.page_card(build, page.file.src_uri, html.unescape(str(page.title or "")), page.is_homepage,
                                html.unescape(str(page.meta.get("description") or "")), page.file.dest_uri)
    target = Path(config.site_dir) / card.image_path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(card.png)
    context["link_card_tags"] = card.tags
    return context
