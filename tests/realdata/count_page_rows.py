#!/usr/bin/env python3
"""Counts the board rows of Markdown and HTML pages with rules of its own, apart from lbtrack's
readers, for tests/realdata/boards_replay_test.cpp.

    count_page_rows.py BOARD FILE...

prints one line per FILE: its name, a tab, and the number of distinct models of the page's
board, or "none" when the page holds no board. Distinct: names compared case-insensitively with
runs of spaces, '_' and '-' as one separator, as the test's CSV and JSON counts do. A board is
found by each board's rule below (which table, which column), written from the pages themselves.
"""
import html
import re
import sys

SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-*:?\s*)*\|?\s*$")


def text_of(cell):
    """A cell's text: Markdown links as their text, HTML tags dropped, entities decoded."""
    cell = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", cell)
    cell = re.sub(r"<[^>]+>", "", cell)
    cell = re.sub(r"\*\*(.*?)\*\*", r"\1", cell)  # bold, not a lone asterisk (PaLM 2-S*)
    return html.unescape(cell).strip()


def spelling(name):
    return "-".join(w for w in re.split(r"[ _\-]+", name.strip().lower()) if w)


def pipe_tables(text):
    """(heading, caption, header cells, body rows) of each pipe table outside code fences."""
    lines = text.replace("\r\n", "\n").split("\n")
    out, heading, caption, fence, i = [], "", "", False, 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith("```"):
            fence = not fence
            i += 1
            continue
        if fence:
            i += 1
            continue
        m = re.match(r"^#+\s*(.*)", line)
        if m:
            heading, caption = m.group(1).strip(), ""
            i += 1
            continue
        m = re.search(r"<summary>(.*?)</summary>", line)
        if m:
            caption = m.group(1)
        if "|" in line and i + 1 < len(lines) and SEPARATOR.match(lines[i + 1]) and "-" in lines[i + 1]:
            header = [text_of(c) for c in line.strip().strip("|").split("|")]
            rows, j = [], i + 2
            while j < len(lines) and "|" in lines[j] and lines[j].strip() and not lines[j].lstrip().startswith("<"):
                rows.append([c for c in lines[j].strip().strip("|").split("|")])
                j += 1
            out.append((heading, caption, header, rows))
            caption, i = "", j
            continue
        if line.strip() and not line.lstrip().startswith("<"):
            caption = line.strip()
        i += 1
    return out


def html_tables(text):
    """(header cells, body rows) of each <table>; a row's cells as raw HTML."""
    out = []
    for t in re.findall(r"<table.*?</table>", text, re.S | re.I):
        trs = re.findall(r"<tr.*?</tr>", t, re.S | re.I)
        if not trs:
            continue
        header = [text_of(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", trs[0], re.S | re.I)]
        rows = [re.findall(r"<td[^>]*>(.*?)</td>", r, re.S | re.I) for r in trs[1:]]
        out.append((header, [r for r in rows if r]))
    return out


def distinct(rows, column, named):
    names = set()
    for row in rows:
        cells = [text_of(c) for c in row]
        # A row with one filled cell in a wide table is a section caption, not a model.
        if named >= 3 and sum(1 for c in cells if c) == 1:
            continue
        if column < len(cells) and cells[column]:
            names.add(spelling(cells[column]))
    return len(names) if names else None


def first_pipe(text, headers, heading_words=()):
    for heading, caption, header, rows in pipe_tables(text):
        column = next((header.index(h) for h in headers if h in header), None)
        if column is None:
            continue
        label = (heading + " " + caption).lower()
        if heading_words and not any(w.lower() in label for w in heading_words):
            continue
        return distinct(rows, column, sum(1 for h in header if h))
    return None


def first_html(text, headers, score_headers=()):
    for header, rows in html_tables(text):
        column = next((header.index(h) for h in headers if h in header), None)
        if column is None or (score_headers and not any(s in header for s in score_headers)):
            continue
        return distinct(rows, column, sum(1 for h in header if h))
    return None


def arena_hard(text):
    for block in re.findall(r"```[a-z]*\n(.*?)```", text, re.S):
        names = {spelling(l.split("|")[0]) for l in block.split("\n") if re.search(r"\|\s*score:", l)}
        if names:
            return len(names)
        lines = block.split("\n")
        if lines and "Scores (%)" in lines[0]:
            return len({spelling(l.split()[1]) for l in lines[1:] if re.match(r"^\d+\s", l)})
    return None


ARENA_SCORES = ("Elo Rating", "Arena Elo Rating", "Arena Score", "Score", "Original Score")
RULES = {
    "arena-hard-auto": arena_hard,
    "lmarena-blog-md": lambda t: first_pipe(t, ["Model", "Model Name"])
    or first_html(t, ["Model", "Model Name"], ARENA_SCORES),
    "lmarena-blog-html": lambda t: first_html(t, ["Model", "Model Name"], ARENA_SCORES),
    "ceval": lambda t: first_pipe(t, ["Model"], ["five-shot", "5-shot", "leaderboard", "排行榜"]),
    "cmmlu": lambda t: first_pipe(t, ["模型", "Model"], ["five-shot"]),
    "modelrank-openllm-readme": lambda t: first_pipe(t, ["Model"]),
    "modelrank-openllm-html": lambda t: first_html(t, ["Model"]),
    "vectara-hallucination": lambda t: first_pipe(t, ["Model"]),
    "superclue": lambda t: first_pipe(t, ["模型"]),
    "superclue-open": lambda t: first_pipe(t, ["Model"]),
    "community-llm-leaderboard": lambda t: first_pipe(t, ["Model Name"]),
}


def main():
    rule = RULES[sys.argv[1]]
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            n = rule(f.read())
        print(f"{path.rsplit('/', 1)[-1]}\t{'none' if n is None else n}")


if __name__ == "__main__":
    main()
