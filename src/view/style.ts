/** bench-plot's own stylesheet: inline in every page's head (and served at /assets/bench-plot.css); dense, system fonts, no web fonts, fits 375px. */
export const styleCss = `
:root{--fg:#1c2430;--muted:#5d6b7e;--line:#dde3ea;--bg:#fff;--soft:#f5f7fa;--accent:#1a62d6;--accent-soft:#e8f0fe;--bad:#b42318;--bad-soft:#fef3f2;--radius:6px;
--mono:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono",monospace;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Liberation Sans",sans-serif;font-size:15px;line-height:1.45;color:var(--fg);background:var(--bg)}
*{box-sizing:border-box}
body{margin:0}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
code,pre,.mono{font-family:var(--mono);font-size:.88em}
pre{background:var(--soft);padding:.6em .8em;border-radius:var(--radius);overflow-x:auto}
header.top{display:flex;flex-wrap:wrap;align-items:baseline;gap:.3em 1em;padding:.7em 1.2em;border-bottom:1px solid var(--line);background:var(--soft)}
header.top h1{font-size:1.25em;margin:0;overflow-wrap:anywhere}
header.top .brand{color:var(--muted);font-size:.85em;margin-right:auto}
header.top nav{font-size:.85em;display:flex;gap:1em;flex-wrap:wrap}
main{padding:0 1.2em 2em;max-width:1400px;margin:0 auto}
nav.tabs{display:flex;gap:.25em;overflow-x:auto;border-bottom:1px solid var(--line);margin:.8em 0 0;padding:0;scrollbar-width:thin}
nav.tabs a{flex:0 0 auto;display:block;padding:.45em .85em;border:1px solid transparent;border-bottom:none;border-radius:var(--radius) var(--radius) 0 0;color:var(--muted);white-space:nowrap;max-width:26em;overflow:hidden;text-overflow:ellipsis;font-size:.92em}
nav.tabs a:hover{background:var(--soft);text-decoration:none;color:var(--fg)}
nav.tabs a[aria-current=page]{border-color:var(--line);background:var(--bg);color:var(--fg);font-weight:600;margin-bottom:-1px;padding-bottom:calc(.45em + 1px)}
.tab-time{font-weight:400;color:var(--muted);font-size:.88em;margin-left:.35em}
section.run{padding-top:.4em}
section.run>h2{font-size:1.45em;margin:.5em 0 .2em;overflow-wrap:anywhere}
.run-meta{color:var(--muted);font-size:.85em;display:flex;flex-wrap:wrap;gap:.2em 1.1em;margin-bottom:.4em}
.markdown{max-width:75em;overflow-wrap:anywhere}.markdown.description>:first-child{margin-top:.5em}.markdown.description>:last-child{margin-bottom:.5em}.markdown img{max-width:100%}
.markdown table{border-collapse:collapse}.markdown td,.markdown th{border:1px solid var(--line);padding:.2em .5em}
p.sweep{background:var(--accent-soft);border-left:3px solid var(--accent);padding:.45em .8em;border-radius:0 var(--radius) var(--radius) 0;margin:.8em 0;overflow-wrap:anywhere}
.run-facts{display:flex;flex-wrap:wrap;gap:.5em;margin:.6em 0}.run-facts>p.sweep{flex:1 1 24em;margin:0}.run-facts>details.params{flex:0 1 auto;margin:0}.run-facts>details.params[open]{flex-basis:100%}
details.params{border:1px solid var(--line);border-radius:var(--radius);margin:.8em 0;background:var(--bg)}
details.params>summary{cursor:pointer;padding:.45em .8em;font-weight:600;background:var(--soft);border-radius:var(--radius)}
details.params[open]>summary{border-bottom:1px solid var(--line);border-radius:var(--radius) var(--radius) 0 0}
details.params .body{padding:.3em .8em .8em}
details.params h4{margin:.8em 0 .3em;font-size:.95em}
.table-wrap{overflow-x:auto;max-width:100%;-webkit-overflow-scrolling:touch}
table.data{border-collapse:collapse;font-size:.86em;width:auto;min-width:50%}
table.data th,table.data td{padding:.25em .7em;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
table.data th{background:var(--soft);font-weight:600;position:sticky;top:0;white-space:nowrap}
table.data th.num{text-align:right}
table.data td.num{text-align:right;font-variant-numeric:tabular-nums;font-family:var(--mono);font-size:.95em;white-space:nowrap}
table.data td.missing{color:var(--muted);text-align:center}
table.data tr:hover td{background:#fafbfc}
.values{max-width:40em;overflow-wrap:anywhere}
.failures{border:1px solid #fecdca;background:var(--bad-soft);border-radius:var(--radius);padding:.5em .9em;margin:.6em 0}
.failures h3{color:var(--bad);margin:.2em 0;font-size:1.05em;display:inline}.failures summary{cursor:pointer}.failures-hint{color:var(--muted);font-size:.9em}.failures details[open]>summary{margin-bottom:.4em}
.failures table.data th{background:#fee4e2}
.failures td.error{font-family:var(--mono);font-size:.95em;color:var(--bad);overflow-wrap:anywhere}
.more{color:var(--muted);font-style:italic;margin:.4em 0}
section.charts{margin:.6em 0 1.2em}
section.charts:empty{display:none}
h3.section{font-size:1.1em;margin:1.4em 0 .4em;padding-bottom:.2em;border-bottom:1px solid var(--line)}
.samples-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:.3em 1em}
.samples-head h3{margin-right:auto}
.downloads{font-size:.88em;display:flex;gap:.8em}
nav.pager{display:flex;flex-wrap:wrap;align-items:center;gap:.3em;margin:.6em 0;font-size:.88em}
nav.pager a,nav.pager span{padding:.2em .6em;border:1px solid var(--line);border-radius:var(--radius)}
nav.pager span.current{background:var(--accent);color:#fff;border-color:var(--accent)}
nav.pager span.disabled{color:#5d6b7e;border-style:dashed}
nav.pager .count{border:none;color:var(--muted)}
.post{margin-top:1.5em;padding-top:.6em;border-top:1px solid var(--line)}
ul.benchmarks{list-style:none;padding:0;margin:1em 0;display:grid;grid-template-columns:repeat(auto-fill,minmax(17em,1fr));gap:.7em}
ul.benchmarks li a{display:block;border:1px solid var(--line);border-radius:var(--radius);padding:.7em .9em;color:var(--fg);height:100%}
ul.benchmarks li a:hover{border-color:var(--accent);text-decoration:none;background:var(--soft)}
ul.benchmarks .name{font-weight:600;color:var(--accent);overflow-wrap:anywhere}
ul.benchmarks .sub{color:var(--muted);font-size:.85em}
.empty,.notfound{color:var(--muted);padding:2em 0}
.notfound h2{color:var(--fg)}
nav.tabs details.run-picker{flex:0 0 auto;align-self:center;font-size:.9em;padding:.2em .5em}nav.tabs details.run-picker ul{margin:.3em 0;padding-left:1.2em;max-height:18em;overflow:auto}nav.tabs details.run-picker summary{cursor:pointer;color:var(--accent)}
.markdown a,p a{text-decoration:underline}
.verdict-line{margin:.5em 0}.verdict-line[data-verdict=regressed] strong{color:#b42318}
.tab-break{flex:0 0 auto;align-self:center;font-size:.72em;color:var(--muted);border-left:2px dashed #c3ccd8;padding:.1em .5em;margin-left:.3em;white-space:nowrap}
nav.tabs a.tab-history{font-weight:600;color:var(--accent)}nav.tabs a.tab-history[aria-current=page]{color:var(--fg)}
.verdict-badge{display:inline-block;padding:0 .45em;border-radius:1em;font-size:.8em;font-weight:600;border:1px solid var(--line);background:var(--soft);color:var(--muted);white-space:nowrap}
.verdict-badge.verdict-regressed{background:#fee4e2;border-color:#fda29b;color:#b42318}
.verdict-badge.verdict-improved{background:#dcfae6;border-color:#75e0a7;color:#067647}
.verdict-badge.verdict-unchanged{background:#f2f4f7;color:#475467}
.verdict-badge.verdict-young{background:#fef7c3;border-color:#fde272;color:#854a0e}
.verdict-badge.verdict-missing{background:#fff;color:#98a2b3}
.verdict-summary{border:1px solid var(--line);border-left:4px solid #17b26a;border-radius:var(--radius);padding:.5em .9em;margin:.8em 0}
.verdict-summary[data-verdict=regressed]{border-left-color:var(--bad);background:var(--bad-soft)}
.verdict-headline{margin:.2em 0 .5em;overflow-wrap:anywhere}
.verdict-summary[data-verdict=regressed] .verdict-headline strong{color:var(--bad)}
table.verdicts,table.point-verdicts,table.comparison{border-collapse:collapse;font-size:.86em;background:var(--bg)}
table.verdicts th,table.verdicts td,table.point-verdicts th,table.point-verdicts td,table.comparison th,table.comparison td{padding:.25em .7em;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
table.verdicts th,table.point-verdicts th,table.comparison th{background:var(--soft);font-weight:600;white-space:nowrap}
table.verdicts td.num,table.point-verdicts td.num,table.comparison td.num{text-align:right;font-variant-numeric:tabular-nums;font-family:var(--mono);font-size:.95em;white-space:nowrap}
tr.verdict-detail td{color:var(--muted);font-size:.95em;overflow-wrap:anywhere}
tr.verdict-regressed td.change{color:var(--bad);font-weight:600}
tr.verdict-improved td.change{color:#067647;font-weight:600}
.fired{color:var(--muted)}
.points-regressed{color:var(--bad)}.points-improved{color:#067647}
ul.change-lead{margin:.2em 0 .6em;padding-left:1.3em;overflow-wrap:anywhere}ul.change-points{margin:.3em 0;padding-left:1.3em;font-size:.9em;overflow-wrap:anywhere}p.change-points{color:var(--muted);font-size:.9em;margin:.3em 0}
.change-worse{color:var(--bad)}.change-better{color:#067647}span.change-point{font-size:.9em;white-space:nowrap}td.per-point .range{color:var(--muted)}
.footnote{color:var(--muted);font-size:.82em;margin:.4em 0 0}
.history-change{background:#fffaeb;border:1px solid #fedf89;border-radius:var(--radius);padding:.4em .8em;margin:.6em 0}
.history-change p{margin:.2em 0}.history-change ul{margin:.2em 0;padding-left:1.3em}
.history-note{color:var(--muted);font-size:.88em;border-left:3px solid var(--line);padding-left:.6em}
.history-figures{display:flex;flex-wrap:wrap;gap:.8em;margin:.8em 0}
figure.chart{margin:0;max-width:100%;overflow-x:auto;border:1px solid var(--line);border-radius:var(--radius);padding:.3em;background:var(--bg)}
figure.chart .bp-svg svg{max-width:100%;height:auto;display:block}
figure.chart .bp-live{max-width:100%}
details.point-verdicts,details.history-runs,details.compare-result{margin:.4em 0}
details.point-verdicts>summary,details.history-runs>summary,details.compare-result>summary{cursor:pointer;padding:.2em 0;overflow-wrap:anywhere}
.significant{color:var(--bad);font-weight:700;margin-left:.15em}
.run-compare form,.history-controls,.compare-form,.index-filter{display:flex;flex-wrap:wrap;align-items:center;gap:.4em .6em;margin:.6em 0}
select,input[type=search],form button{font:inherit;font-size:.9em;max-width:100%}
select,input[type=search]{padding:.2em .4em;border:1px solid #b8c2cf;border-radius:4px;background:#fff}
form button{padding:.2em .8em;border:1px solid var(--accent);border-radius:4px;background:var(--accent);color:#fff;cursor:pointer}
label{max-width:100%}
.compare-runs{font-weight:600;overflow-wrap:anywhere}
.compare-result h3{margin:1em 0 .3em;font-size:1.05em}
.history-view>h2,.compare-view>h2{font-size:1.3em;margin:.6em 0 .2em}
.history-span,.history-point{overflow-wrap:anywhere}
.index-count{color:var(--muted);font-size:.88em}
nav.index-sort{font-size:.88em;color:var(--muted);display:flex;flex-wrap:wrap;gap:.2em .8em;margin:.3em 0 .6em}
nav.index-sort a[aria-current]{font-weight:600}
table.index{border-collapse:collapse;width:100%;font-size:.9em}
table.index th,table.index td{padding:.4em .6em;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
table.index th{background:var(--soft);white-space:nowrap}
table.index th[aria-sort=ascending] a::after{content:" ↑"}table.index th[aria-sort=descending] a::after{content:" ↓"}
table.index td.name a{font-weight:600;overflow-wrap:anywhere}
table.index td.name .title{color:var(--muted);font-size:.88em;overflow-wrap:anywhere}
table.index td.runs{text-align:right;font-variant-numeric:tabular-nums}
table.index td.latest{font-size:.88em;color:var(--muted)}
.index-results{display:grid;grid-template-columns:minmax(6em,max-content) minmax(7em,max-content) max-content 1fr;align-items:center;gap:.2em .5em}
.index-result{display:contents}
.index-result .result{font-weight:500;overflow-wrap:anywhere}
.index-result .latest{font-family:var(--mono);font-size:.9em}
.index-result .change{font-family:var(--mono);font-size:.85em}
svg.sparkline{vertical-align:middle}
/* the user's own panels (src/view/panels.tsx) and a live page's note */
.bp-panels{display:flex;flex-direction:column;gap:.8em;margin:1em 0}
.bp-panel{border:1px solid var(--line);border-radius:var(--radius);padding:.6em .9em;max-width:100%;overflow-x:auto}
.bp-panel-title{margin:0 0 .4em;font-size:1em}
.bp-panel .bp-media{max-width:100%;max-height:480px;min-width:120px;image-rendering:auto}
.bp-live-status{position:fixed;right:1em;bottom:1em;margin:0;padding:.5em .9em;background:var(--accent-soft);border:1px solid var(--accent);border-radius:var(--radius);box-shadow:0 2px 8px rgba(0,0,0,.12)}
footer{color:var(--muted);font-size:.8em;padding:1em 1.2em;border-top:1px solid var(--line);text-align:center}
@media (max-width:600px){:root{font-size:14px}nav.tabs{flex-wrap:nowrap}nav.tabs a{border:1px solid var(--line);border-radius:var(--radius);max-width:100%}nav.tabs a[aria-current=page]{margin-bottom:0;padding-bottom:.45em;background:var(--accent-soft);border-color:var(--accent)}main{padding:0 .7em 1.5em}header.top{padding:.6em .7em}table.data th,table.data td{padding:.2em .45em}section.run>h2{font-size:1.25em}table.index thead{display:none}table.index,table.index tbody,table.index tr,table.index td{display:block;width:100%}table.index tr{border-bottom:1px solid var(--line);padding:.4em 0}table.index td{border:none;padding:.1em 0}table.index td.runs{text-align:left}table.index td.runs::before{content:"runs: ";color:var(--muted)}table.index td.verdict:empty{display:none}.index-results{display:block}.index-result{display:flex;flex-wrap:wrap;align-items:center;gap:.1em .5em;margin:.2em 0}.index-result .result{min-width:6em;overflow-wrap:normal}}
`
