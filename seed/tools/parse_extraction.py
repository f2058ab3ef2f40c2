import os
import re, json
TICK, EMPTY = '\u2713', '\uf0fb'
lines = open(os.path.join(os.path.dirname(__file__), '../../../shared/seeds/001_d75578f0928671d7.txt'), encoding='utf-8').read().split('\n')
# the header ends at the line "  Zorgen voor coördinatie..." (line 48, 1-based)
start = next(i for i,l in enumerate(lines) if l.strip().startswith('Zorgen voor co'))
rows = []; text = []; cells = []; note = []; first = [None]
def flush():
    global text, cells, note
    rows.append({'lines': text, 'cells': cells, 'note': note, 'first': first[0]}); text, cells, note = [], [], []; first[0] = None
i = start
while i < len(lines):
    l = lines[i]
    marks = [c for c in l if c in (TICK, EMPTY)]
    prose = ''.join(c for c in l if c not in (TICK, EMPTY)).strip()
    if marks:
        if prose and not cells:
            text.append(prose)
            if first[0] is None: first[0] = i + 1
        cells += marks
        need = 2 if text and text[0].startswith('Verwerking voor statistische') else 4
        if len(cells) >= need:
            flush()
    elif prose:
        if cells: note.append(prose)     # text between a row's cells: the note of a cell
        elif text and text[0].startswith('Verwerking voor statistische') and prose.startswith('('):
            note.append(prose)
        elif note and not cells and text and text[0].startswith('Verwerking voor statistische'):
            note.append(prose)
        else:
            text.append(prose)
            if first[0] is None: first[0] = i + 1
    i += 1
def join(ls):
    out = ''
    for l in ls:
        l = re.sub(r'\s+', ' ', l.strip())
        if not out: out = l
        elif out.endswith('-') and not out.endswith(' -'): out += l   # compound hyphen kept (all cases checked by hand)
        else: out += ' ' + l
    return out
for n, r in enumerate(rows, 1):
    print(n, [('X' if c==TICK else '.') for c in r['cells']], join(r['lines'])[:90], '| NOTE:', join(r['note']) if r['note'] else '')
print(len(rows), sum(c==TICK for r in rows for c in r['cells']))
json.dump([{'nl': join(r['lines']), 'cells': [c==TICK for c in r['cells']], 'note': join(r['note']), 'first': r['first']} for r in rows], open(os.path.join(os.path.dirname(__file__), 'rows.json'), 'w'), ensure_ascii=False, indent=1)
