// Material for MkDocs 9.8, partials/javascripts/content.html: its inline script, served as a file for the
// Content Security Policy. tests/test_csp.py checks it against the installed Material.
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
