#!/usr/bin/env python3
"""docxtpl side of the benchmark.
   docxtpl_render.py TEMPLATE DATA OUT            — one document, as a whole process
   docxtpl_render.py --inprocess TEMPLATE DATA N  — N renders in this process; prints the median as JSON"""
import io, json, statistics, sys, time
from docxtpl import DocxTemplate

def render(template, ctx, out):
    doc = DocxTemplate(template)
    doc.render(ctx)
    doc.save(out)

if sys.argv[1] == "--inprocess":
    template, data, n = sys.argv[2], sys.argv[3], int(sys.argv[4])
    ctx = json.load(open(data, encoding="utf-8"))
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        buf = io.BytesIO()
        render(template, ctx, buf)
        times.append(time.perf_counter() - t0)
    times.sort()
    print(json.dumps({"median_s": times[len(times) // 2], "min_s": times[0], "bytes": len(buf.getvalue())}))
else:
    template, data, out = sys.argv[1:4]
    render(template, json.load(open(data, encoding="utf-8")), out)
