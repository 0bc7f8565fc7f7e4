window.BULLETIN_SEARCH = [{"t":"Latest bulletin","u":"index.html","k":"Home","x":"Highlights of the latest quarterly bulletin"}
,{"t":"Golden bulletin for 2026 Q2","u":"bulletins/2026-q2/index.html","k":"Bulletin","x":"A summary with \u003cb\u003emarkup\u003c/b\u003e that must stay text."}
,{"t":"Bulletin 2026 Q1","u":"bulletins/2026-q1/index.html","k":"Bulletin","x":"Quarterly bulletin for 2026 Q1"}
,{"t":"Bulletin 2025 Q4","u":"bulletins/2025-q4/index.html","k":"Bulletin","x":"Quarterly bulletin for 2025 Q4"}
,{"t":"Bulletin 2025 Q3","u":"bulletins/2025-q3/index.html","k":"Bulletin","x":"Quarterly bulletin for 2025 Q3"}
,{"t":"Bulletin 2025 Q2","u":"bulletins/2025-q2/index.html","k":"Bulletin","x":"Quarterly bulletin for 2025 Q2"}
,{"t":"Bulletin 2025 Q1","u":"bulletins/2025-q1/index.html","k":"Bulletin","x":"Quarterly bulletin for 2025 Q1"}
,{"t":"Starting material","u":"steps/starting_material/index.html","k":"Process step","x":"What starting material means."}
,{"t":"Expansion","u":"steps/expansion/index.html","k":"Process step","x":"What expansion means."}
,{"t":"Qc release","u":"steps/qc_release/index.html","k":"Process step","x":"What qc release means."}
,{"t":"Mycoplasma positive","u":"modes/mycoplasma_positive/index.html","k":"Failure mode","x":"What mycoplasma positive means."}
,{"t":"Low viability","u":"modes/low_viability/index.html","k":"Failure mode","x":"What low viability means."}
,{"t":"Documentation error","u":"modes/documentation_error/index.html","k":"Failure mode","x":"What documentation error means."}
,{"t":"Car t autologous","u":"products/car_t_autologous/index.html","k":"Product class","x":"What car t autologous means."}
,{"t":"Aav vector","u":"products/aav_vector/index.html","k":"Product class","x":"What aav vector means."}
,{"t":"Process step × failure mode matrix","u":"matrix/index.html","k":"Overview","x":"Heat map of failure reports by process step and failure mode"}
,{"t":"Swab the sampling port","u":"lessons/sampling-ports/index.html","k":"Lesson","x":"Short guidance."}
,{"t":"Methodology","u":"methodology/index.html","k":"Methodology","x":"Definitions, disclosure rules, rates and intervals, trend and signal methods"}
,{"t":"Data downloads and dictionary","u":"data/index.html","k":"Data","x":"cells.csv, signals.json, stories, taxonomy codes and what every column means"}
,{"t":"About","u":"about/index.html","k":"Page","x":""}
];
