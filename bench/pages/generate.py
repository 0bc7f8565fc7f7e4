#!/usr/bin/env python3
"""Writes N Markdown pages of about 2 KB (front matter, headings, paragraphs, a list, a table) as the
same text for three site generators: the bulletin (content/lessons), Hugo (content/posts) and JBake."""
import os, random, sys

n, out = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(42)
words = ("batch expansion viability mycoplasma release sampling media exchange operator closed system "
         "bioreactor cryopreservation thaw shipper logger deviation investigation root cause corrective "
         "action preventive training record review supplier reagent lot qualification assay potency "
         "identity purity sterility endotoxin vector titre transduction capsid chromatography").split()
steps = ["expansion", "qc_release", "starting_material", "storage_distribution", "vector_downstream"]
modes = ["mycoplasma_positive", "documentation_error", "temperature_excursion", "empty_capsids_oos"]

def sentence():
    s = " ".join(rnd.choice(words) for _ in range(rnd.randint(8, 16)))
    return s[0].upper() + s[1:] + "."

def body(i):
    parts = [f"## Finding {i}\n", " ".join(sentence() for _ in range(5)) + "\n",
             "### What changed\n"]
    parts += [f"- {sentence()}" for _ in range(5)]
    parts += ["", "| Measure | Before | After |", "| --- | --- | --- |"]
    parts += [f"| {rnd.choice(words)} | {rnd.randint(1, 40)} | {rnd.randint(1, 40)} |" for _ in range(5)]
    parts += ["", " ".join(sentence() for _ in range(5)), ""]
    return "\n".join(parts)

for kind in ("bulletin", "hugo", "jbake"):
    os.makedirs(os.path.join(out, kind), exist_ok=True)
for i in range(n):
    title = f"Lesson {i:05d}: " + " ".join(rnd.choice(words) for _ in range(4))
    summary = sentence()
    step, mode = rnd.choice(steps), rnd.choice(modes)
    text = body(i)
    with open(os.path.join(out, "bulletin", f"lesson-{i:05d}.md"), "w") as f:
        f.write(f'---\ntitle: "{title}"\nsummary: "{summary}"\nsteps: [{step}]\nmodes: [{mode}]\n---\n{text}')
    with open(os.path.join(out, "hugo", f"lesson-{i:05d}.md"), "w") as f:
        f.write(f'---\ntitle: "{title}"\nsummary: "{summary}"\ndate: 2026-01-01\n---\n{text}')
    with open(os.path.join(out, "jbake", f"lesson-{i:05d}.md"), "w") as f:
        f.write(f'title={title}\nsummary={summary}\ndate=2026-01-01\ntype=post\nstatus=published\n~~~~~~\n{text}')
