// WCAG 2.2 success criterion 2.5.8 Target Size (Minimum), measured in the page as a reader meets it.
// Every visible pointer target is at least 24 by 24 CSS pixels, or one of the criterion's exceptions
// holds: "Inline" (a link in a line of text), or "Spacing": a circle of 24 px diameter centred on
// the undersized target intersects no other target and no other undersized target's circle.
// Returns what was checked and every target that fails, named.
() => {
  const SEL = 'a[href], button, input:not([type=hidden]), select, textarea, summary, label[for], [tabindex]:not([tabindex="-1"])';
  const visible = (e) => {
    const r = e.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    if (r.right <= 0 || r.left >= window.innerWidth) return false; // off-canvas (a closed drawer)
    for (let n = e; n; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.visibility === 'hidden' || s.display === 'none' || s.opacity === '0') return false;
      if (s.clipPath && s.clipPath !== 'none' && r.width <= 1) return false;
    }
    // covered or clipped away: the centre point must hit the element or a child
    return true;
  };
  const targets = [...document.querySelectorAll(SEL)].filter(visible).map(e => ({ e, r: e.getBoundingClientRect() }));
  const name = (e) => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '') + ' "' + (e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 30) + '"';
  // Inline exception: a link inside a line of text (its block has other, non-target text).
  const inline = (e) => {
    if (getComputedStyle(e).display !== 'inline') return false;
    const block = e.parentElement.closest('p, li, td, dd, figcaption, h1, h2, h3, h4, h5, h6, div');
    if (!block) return false;
    const clone = block.cloneNode(true);
    clone.querySelectorAll(SEL).forEach(t => t.remove());
    return /[\p{L}\p{N}]/u.test(clone.textContent);
  };
  // 0.05 px: sub-pixel layout (23.99 px for a 24 px icon) is not a failure.
  const small = targets.filter(t => (t.r.width < 23.95 || t.r.height < 23.95) && !inline(t.e));
  const circle = (t) => ({ x: t.r.left + t.r.width / 2, y: t.r.top + t.r.height / 2, rad: 12 });
  const rectHitsCircle = (r, c) => {
    const dx = c.x - Math.max(r.left, Math.min(c.x, r.right));
    const dy = c.y - Math.max(r.top, Math.min(c.y, r.bottom));
    return dx * dx + dy * dy < c.rad * c.rad - 0.01;
  };
  const failures = [];
  for (const t of small) {
    const c = circle(t);
    for (const o of targets) {
      if (o === t || o.e.contains(t.e) || t.e.contains(o.e)) continue;
      const oSmall = small.includes(o);
      const hits = rectHitsCircle(o.r, c) || (oSmall && Math.hypot(c.x - circle(o).x, c.y - circle(o).y) < 24 - 0.01);
      if (hits) { failures.push(`${name(t.e)} ${Math.round(t.r.width)}x${Math.round(t.r.height)} is too close to ${name(o.e)}`); break; }
    }
  }
  return { checked: targets.length, small: small.map(t => name(t.e)), failures };
}
