// The inline stylesheet and script of the HTML report. Both are constants: nothing from the
// scan is ever interpolated into them (scan data lives only in escaped markup and data-*
// attributes), which is what lets the page's Content-Security-Policy pin the script by hash.

/** Colours meet WCAG AA (4.5:1) against their backgrounds; statuses also differ by pattern. */
export const REPORT_CSS = `
:root{--fg:#1a1a1a;--muted:#4a4a4a;--bg:#fff;--line:#c8c8c8;--soft:#f3f4f6;--link:#0645ad;
--present:#b91c1c;--history:#9a4a00;--other:#5b21b6;--focus:#1d4ed8}
*{box-sizing:border-box}
body{margin:0;padding:1.5rem 2rem;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--link)}
code,pre{font-family:ui-monospace,"SF Mono",Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.9em}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
h3{font-size:1rem;margin:1rem 0 .35rem}
.sr{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.25rem .5rem;z-index:9}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.sub{color:var(--muted);margin:0}
.warn{border-left:4px solid var(--present);background:#fef2f2;padding:.5rem .75rem;margin:.75rem 0}
.cards{display:flex;flex-wrap:wrap;gap:1rem;margin:.5rem 0}
.card{border:1px solid var(--line);border-radius:6px;padding:.6rem .9rem;min-width:12rem}
.card h3{margin:0 0 .3rem;font-size:.95rem}
.card table{border-collapse:collapse}.card td{padding:.1rem .5rem .1rem 0}.card td.num{text-align:right;font-weight:600}
.big{font-size:2rem;font-weight:700;line-height:1.1}
.sev,.st{display:inline-block;border-radius:3px;padding:0 .4em;font-size:.85em;font-weight:600;white-space:nowrap}
.sev-critical{background:#7f1d1d;color:#fff}.sev-high{background:#c2410c;color:#fff}.sev-medium{background:#fde68a;color:#3b2f00}.sev-low{background:#dbeafe;color:#1e3a8a}
.st{border:1px solid currentColor}.st-present{color:var(--present)}.st-history-only{color:var(--history)}.st-other-refs{color:var(--other)}
.legend{display:flex;flex-wrap:wrap;gap:1.2rem;margin:.25rem 0 .5rem;color:var(--muted)}
.sw{display:inline-block;width:1.6em;height:.8em;vertical-align:middle;margin-right:.35em;border-radius:2px}
.b-present{background:var(--present)}
.b-history-only{background:repeating-linear-gradient(135deg,var(--history) 0 4px,#d97706 4px 7px)}
.b-other-refs{background:repeating-linear-gradient(90deg,var(--other) 0 5px,#8b5cf6 5px 7px)}
.tl-wrap{max-height:70vh;overflow:auto;border:1px solid var(--line);border-radius:6px}
.tl-axis,.tr{display:grid;grid-template-columns:minmax(10rem,16rem) 11rem minmax(12rem,1fr) 11rem;gap:.6rem;align-items:center;padding:.2rem .6rem}
.tl-axis{position:sticky;top:0;background:var(--soft);border-bottom:1px solid var(--line);z-index:1;height:2rem}
.tl-ticks{position:relative;height:1.2rem}
.tk{position:absolute;top:0;font-size:.75rem;color:var(--muted);white-space:nowrap;transform:translateX(-50%)}
.tk:first-child{transform:none}.tk-end{transform:translateX(-100%)}
.tr{border-bottom:1px solid #eee}.tr.off{display:none}
.tn{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;text-decoration:none}
.tn small,.te1 small,.te2 small{display:block;color:var(--muted);overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.tn:hover,.tn:focus{text-decoration:underline}
.te1{text-align:right}.te1,.te2{font-size:.8rem;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.tt{position:relative;height:1.1rem;background:linear-gradient(90deg,#eee 1px,transparent 1px) 0 0/25% 100%,var(--soft);border-radius:2px}
.bar{position:absolute;top:.15rem;bottom:.15rem;min-width:6px;border-radius:2px;box-shadow:0 0 0 1px rgba(0,0,0,.25)}
.filters{display:flex;flex-wrap:wrap;gap:.75rem 1.25rem;align-items:end;margin:.5rem 0}
.filters label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted);gap:.15rem}
.filters select,.filters input,.filters button,.tg,th button{font:inherit;color:var(--fg)}
.filters select,.filters input{padding:.25rem .35rem;border:1px solid #767676;border-radius:4px;background:#fff;min-width:9rem}
button{cursor:pointer;border:1px solid #767676;border-radius:4px;background:#fff;padding:.2rem .6rem}
#count{margin:.25rem 0;font-weight:600}
table.ft{border-collapse:collapse;width:100%}
.ft th,.ft td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
.ft thead th{background:var(--soft);position:sticky;top:0}
th button{border:0;background:none;padding:0;font-weight:700}
th[aria-sort=ascending] button::after{content:" \\25B2"}th[aria-sort=descending] button::after{content:" \\25BC"}
.ft td.num{text-align:right}
.ft code{word-break:break-all}
.rid{color:var(--muted);font-size:.8em}
tr.off{display:none}
tr.dr>td{background:#fafafa;border-bottom:2px solid var(--line)}
.det dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0 0 .5rem}.det dt{font-weight:600}.det dd{margin:0}
.det pre{white-space:pre-wrap;word-break:break-all;background:var(--soft);padding:.4rem .6rem;margin:.2rem 0 .5rem;border-radius:4px}
.oc{border-collapse:collapse;font-size:.9em}.oc th,.oc td{border-bottom:1px solid #e2e2e2;padding:.15rem .6rem .15rem 0;text-align:left}
.more{color:var(--muted);font-style:italic}
footer{margin-top:2rem;color:var(--muted);font-size:.85rem}
@media print{
body{padding:0;font-size:10pt}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.skip,.filters,.tg,#expand,.noprint{display:none!important}
.tl-wrap{max-height:none;overflow:visible;border:0}
.tl-axis,.ft thead th{position:static}
.tr,.ft tr{break-inside:avoid}
tr.dr[hidden]:not(.off){display:table-row}
a{color:inherit;text-decoration:none}
h2{break-after:avoid}
}
`;

/**
 * Filters, sorting and detail toggles. Filters and sort are mirrored in the URL hash
 * (`#severity=high&status=present&rule=github.pat&path=config&sort=path&dir=desc`), so a
 * filtered view can be bookmarked or opened directly.
 */
export const REPORT_JS = `
(function(){
'use strict';
var d=document,tb=d.getElementById('tb');if(!tb)return;
var rows=[].slice.call(tb.querySelectorAll('tr.fr'));
var det={},tl={};
rows.forEach(function(r){det[r.id]=d.getElementById('d'+r.id.slice(1));});
[].forEach.call(d.querySelectorAll('.tr[data-fid]'),function(t){tl['f-'+t.getAttribute('data-fid')]=t;});
var q={rule:d.getElementById('q-rule'),severity:d.getElementById('q-severity'),status:d.getElementById('q-status'),path:d.getElementById('q-path')};
var count=d.getElementById('count'),total=rows.length,sort={key:'',dir:1};
var keys={sev:function(r){return +r.getAttribute('data-sev');},rule:function(r){return r.getAttribute('data-rule');},
status:function(r){return r.getAttribute('data-status');},path:function(r){return r.getAttribute('data-path');},
n:function(r){return +r.getAttribute('data-n');},first:function(r){return +r.getAttribute('data-first');}};
function readHash(){var o={},s=location.hash.replace(/^#/,'');if(s.indexOf('=')<0)return null;
s.split('&').forEach(function(p){var i=p.indexOf('=');if(i<1)return;try{o[decodeURIComponent(p.slice(0,i))]=decodeURIComponent(p.slice(i+1).replace(/\\+/g,' '));}catch(e){}});return o;}
function setSelect(el,v){if(!v)return;for(var i=0;i<el.options.length;i++)if(el.options[i].value===v){el.value=v;return;}}
function fromHash(){var o=readHash();if(!o)return;setSelect(q.rule,o.rule);setSelect(q.severity,o.severity);setSelect(q.status,o.status);
if(o.path!==undefined)q.path.value=o.path;if(keys[o.sort]){sort.key=o.sort;sort.dir=o.dir==='desc'?-1:1;}}
function writeHash(){var p=[];['rule','severity','status','path'].forEach(function(k){if(q[k].value)p.push(k+'='+encodeURIComponent(q[k].value));});
if(sort.key)p.push('sort='+sort.key,'dir='+(sort.dir<0?'desc':'asc'));
try{history.replaceState(null,'',p.length?'#'+p.join('&'):location.pathname+location.search);}catch(e){}}
function apply(){var rule=q.rule.value,sev=q.severity.value,st=q.status.value,path=q.path.value.toLowerCase(),shown=0;
rows.forEach(function(r){var ok=(!rule||r.getAttribute('data-rule')===rule)&&(!sev||r.getAttribute('data-severity')===sev)&&
(!st||r.getAttribute('data-status')===st)&&(!path||r.getAttribute('data-path').toLowerCase().indexOf(path)>=0);
r.classList.toggle('off',!ok);if(det[r.id])det[r.id].classList.toggle('off',!ok);if(tl[r.id])tl[r.id].classList.toggle('off',!ok);if(ok)shown++;});
count.textContent='Showing '+shown+' of '+total+' finding'+(total===1?'':'s');}
function resort(){[].forEach.call(d.querySelectorAll('th[data-key]'),function(th){var k=th.getAttribute('data-key');
th.setAttribute('aria-sort',k===sort.key?(sort.dir<0?'descending':'ascending'):'none');});
if(!sort.key)return;var f=keys[sort.key];
rows.map(function(r,i){return{r:r,i:i,v:f(r)};}).sort(function(a,b){return(a.v<b.v?-1:a.v>b.v?1:a.i-b.i)*(a.v===b.v?1:sort.dir);})
.forEach(function(x){tb.appendChild(x.r);if(det[x.r.id])tb.appendChild(det[x.r.id]);});}
function toggle(btn,open){var row=d.getElementById(btn.getAttribute('aria-controls'));if(!row)return;
if(open===undefined)open=btn.getAttribute('aria-expanded')!=='true';row.hidden=!open;btn.setAttribute('aria-expanded',String(open));
btn.textContent=open?'Hide':'Details';}
['rule','severity','status'].forEach(function(k){q[k].addEventListener('change',function(){apply();writeHash();});});
q.path.addEventListener('input',function(){apply();writeHash();});
d.getElementById('reset').addEventListener('click',function(){q.rule.value=q.severity.value=q.status.value=q.path.value='';sort.key='';apply();writeHash();resort();});
[].forEach.call(d.querySelectorAll('th[data-key] button'),function(b){b.addEventListener('click',function(){var k=b.parentNode.getAttribute('data-key');
sort.dir=sort.key===k?-sort.dir:1;sort.key=k;resort();writeHash();});});
tb.addEventListener('click',function(e){var b=e.target.closest&&e.target.closest('button.tg');if(b)toggle(b);});
var ex=d.getElementById('expand');if(ex)ex.addEventListener('click',function(){var open=ex.getAttribute('aria-pressed')!=='true';
ex.setAttribute('aria-pressed',String(open));ex.textContent=open?'Collapse all':'Expand all';
[].forEach.call(tb.querySelectorAll('button.tg'),function(b){toggle(b,open);});});
d.addEventListener('click',function(e){var a=e.target.closest&&e.target.closest('a.tn');if(!a)return;var r=d.getElementById(a.getAttribute('href').slice(1));
if(!r)return;e.preventDefault();if(r.classList.contains('off')){q.rule.value=q.severity.value=q.status.value=q.path.value='';apply();writeHash();}
var b=r.querySelector('button.tg');if(b){toggle(b,true);r.scrollIntoView({block:'center'});b.focus();}});
window.addEventListener('hashchange',function(){if(readHash()){fromHash();apply();resort();}});
fromHash();apply();resort();
})();
`;
