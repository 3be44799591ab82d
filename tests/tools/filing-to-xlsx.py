# Writes a filing as a finance bureau's workbook, to make the XLSX samples:
#   budgetlint convert --to json samples/X.yaml > X.json
#   python3 tests/tools/filing-to-xlsx.py X.json samples/X.xlsx
# One sheet per table: title merged over the table, a line with the unit and
# the 公开NN label, headers on as many rows as the column groups nest
# (merged like the printed forms), side-by-side parts, numbers as numbers
# under #,##0.00 or 0.00%.  Not run by make check; the samples it made are
# committed.
import json, sys, zipfile
from xml.sax.saxutils import escape
d = json.load(open(sys.argv[1])); out = sys.argv[2]
def col(i):
    s = ''
    i += 1
    while i: i, r = divmod(i - 1, 26); s = chr(65 + r) + s
    return s
sheets = []
for t in d['tables']:
    rows = {}; merges = []
    def put(r, c, v, num=False, style=0):
        rows.setdefault(r, {})[c] = (v, num, style)
    parts = t['parts']
    coded = any(r['code'] for p in parts for r in p['rows'])
    blocks = []; c0 = 0
    for p in parts:
        lead = ['科目编码', '科目名称'] if coded else ['项目', '行次']
        blocks.append((p, c0, lead)); c0 += len(lead) + len(p['columns'])
    width = c0
    put(1, 0, t['title']); merges.append('A1:%s1' % col(width - 1))
    put(2, 0, '编制单位：' + (d.get('department') or '')); put(2, width - 1, '单位：' + (t.get('unit') or '万元'))
    if t.get('label') and width > 2:
        put(2, width // 2, t['label'])
    depth = max([len(c['group'].split('/')) if c.get('group') else 0 for p in parts for c in p['columns']] + [0])
    hdr = 3; body = hdr + depth + 1
    for p, c, lead in blocks:
        for i, name in enumerate(lead):
            put(hdr, c + i, name)
            if depth: merges.append('%s%d:%s%d' % (col(c + i), hdr, col(c + i), hdr + depth))
        for lvl in range(depth):
            j = 0
            while j < len(p['columns']):
                g = (p['columns'][j].get('group') or '').split('/')
                if lvl >= len(g) or not g[0]:
                    j += 1; continue
                k = j
                while k + 1 < len(p['columns']) and (p['columns'][k + 1].get('group') or '').split('/')[:lvl + 1] == g[:lvl + 1]:
                    k += 1
                put(hdr + lvl, c + len(lead) + j, g[lvl])
                if k > j: merges.append('%s%d:%s%d' % (col(c + len(lead) + j), hdr + lvl, col(c + len(lead) + k), hdr + lvl))
                j = k + 1
        for j, cc in enumerate(p['columns']):
            g = (cc.get('group') or '').split('/') if cc.get('group') else []
            put(hdr + len(g), c + len(lead) + j, cc['name'])
            if len(g) < depth:
                merges.append('%s%d:%s%d' % (col(c + len(lead) + j), hdr + len(g), col(c + len(lead) + j), hdr + depth))
        for k, r in enumerate(p['rows']):
            rr = body + k
            if coded:
                put(rr, c, r['code'] or '')
                put(rr, c + 1, r['label'] or '')
            if not coded:
                put(rr, c, r['label'] or '')
                if r.get('line_no'): put(rr, c + 1, r['line_no'], True)
            for j, cell in enumerate(r['cells']):
                v = cell.get('value') if cell else None
                if v is None or v == '': continue
                if v.endswith('%'): put(rr, c + len(lead) + j, str(float(v[:-1]) / 100), True, 2)
                else: put(rr, c + len(lead) + j, v.replace(',', ''), True, 1)
    if t.get('statement'):
        put(body + max(len(p['rows']) for p in parts) + 1, 0, t['statement'])
    sheets.append((t['title'][:28], rows, merges))
def sheet_xml(rows, merges):
    x = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for r in sorted(rows):
        x.append('<row r="%d">' % r)
        for c in sorted(rows[r]):
            v, num, st = rows[r][c]
            ref = '%s%d' % (col(c), r)
            if num: x.append('<c r="%s" s="%d"><v>%s</v></c>' % (ref, st, v))
            else: x.append('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, escape(str(v))))
        x.append('</row>')
    x.append('</sheetData>')
    if merges: x.append('<mergeCells count="%d">%s</mergeCells>' % (len(merges), ''.join('<mergeCell ref="%s"/>' % m for m in merges)))
    x.append('</worksheet>'); return ''.join(x)
z = zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED)
z.writestr('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' + ''.join('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % (i + 1) for i in range(len(sheets))) + '</Types>')
z.writestr('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
z.writestr('xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' + ''.join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (escape(n), i + 1, i + 1) for i, (n, _, _) in enumerate(sheets)) + '</sheets></workbook>')
z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + ''.join('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, i + 1) for i in range(len(sheets))) + '<Relationship Id="rId999" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
z.writestr('xl/styles.xml', '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="4"/><xf numFmtId="10"/></cellXfs></styleSheet>')
for i, (n, rows, merges) in enumerate(sheets):
    z.writestr('xl/worksheets/sheet%d.xml' % (i + 1), sheet_xml(rows, merges))
z.close()
