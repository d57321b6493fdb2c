#!/usr/bin/python3
"""Reads one answer of `lbtrack serve` with Python's own parsers, apart from lbtrack's code, and
prints what it found as JSON, for the serve tests to check.

    inspect_output.py html|atom|json|csv FILE

html: every element and attribute as html.parser sees them: tags, attributes whose name starts
      with "on", links with a script scheme, the text, and control characters in the raw bytes.
atom: the document parsed by xml.etree (expat: a real XML parser that refuses malformed XML);
      the feed's id, title and updated, and each entry's id, title, updated, link and content.
json: the document parsed by json.loads, printed back.
csv:  the rows as the csv module reads them.
Exit status 1 with the parser's message when the document does not parse.
"""

import csv
import html.parser
import io
import json
import sys
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"


class Collector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = {}
        self.event_attributes = []
        self.script_links = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.event_attributes.append(f"{tag} {name}")
            if name.lower() in ("href", "src", "action", "xlink:href") and value:
                scheme = value.strip().lower().split(":", 1)[0]
                if scheme in ("javascript", "vbscript", "data") and value.strip() != "data:,":
                    self.script_links.append(value)

    def handle_data(self, data):
        self.text.append(data)


def control_characters(raw):
    return sum(1 for b in raw if b < 0x20 and b not in (0x09, 0x0A, 0x0D))


def main():
    mode, path = sys.argv[1], sys.argv[2]
    raw = open(path, "rb").read()
    try:
        if mode == "html":
            c = Collector()
            c.feed(raw.decode("utf-8"))
            c.close()
            out = {"tags": c.tags, "event_attributes": c.event_attributes,
                   "script_links": c.script_links, "text": "".join(c.text),
                   "control_characters": control_characters(raw)}
        elif mode == "atom":
            root = ET.fromstring(raw)
            if root.tag != ATOM + "feed":
                raise ValueError(f"root element is {root.tag}, not an Atom feed")

            def text(element, name):
                found = element.find(ATOM + name)
                return None if found is None else (found.text or "")

            entries = []
            for e in root.findall(ATOM + "entry"):
                link = e.find(ATOM + "link")
                entries.append({"id": text(e, "id"), "title": text(e, "title"),
                                "updated": text(e, "updated"),
                                "link": None if link is None else link.get("href"),
                                "content": text(e, "content")})
            out = {"id": text(root, "id"), "title": text(root, "title"),
                   "updated": text(root, "updated"), "entries": entries,
                   "control_characters": control_characters(raw)}
        elif mode == "json":
            out = json.loads(raw.decode("utf-8"))
        elif mode == "csv":
            out = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
        else:
            raise ValueError("unknown mode " + mode)
    except Exception as e:  # the test prints the reason
        print(f"{type(e).__name__}: {e}", file=sys.stderr)
        return 1
    json.dump(out, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
