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
.tl-ticks{position:relative;height:1.2rem;margin-right:6px}
.tk{position:absolute;top:0;font-size:.75rem;color:var(--muted);white-space:nowrap;transform:translateX(-50%)}
.tk:first-child{transform:none}.tk-end{transform:translateX(-100%)}
@media (max-width:1100px){.tk:nth-child(2),.tk:nth-child(3){display:none}}
.tr{border-bottom:1px solid #eee}.tr.off{display:none}
.tn{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;text-decoration:none}
.tn small,.te1 small,.te2 small{display:block;color:var(--muted);overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.tn:hover,.tn:focus{text-decoration:underline}
.te1{text-align:right}.te1,.te2{font-size:.8rem;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.tt{position:relative;margin-right:6px;height:1.1rem;background:linear-gradient(90deg,#eee 1px,transparent 1px) 0 0/33.333% 100%,var(--soft);border-radius:2px}
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
.ft td.num{text-align:right}.ft td.dt{white-space:nowrap}
.oc caption{text-align:left;font-weight:600;padding:.2rem 0}
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
.tk:nth-child(2),.tk:nth-child(3){display:none}
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
var d=document,tb=d.getElementById('tb'),dataEl=d.getElementById('data');if(!tb||!dataEl)return;
var data=JSON.parse(dataEl.textContent),rows=[].slice.call(tb.querySelectorAll('tr.fr')),det={},tl={};
var SEV={critical:0,high:1,medium:2,low:3};
function el(tag,attrs,kids){var e=d.createElement(tag);if(attrs)for(var k in attrs)e.setAttribute(k,attrs[k]);
(kids||[]).forEach(function(c){if(c!==null&&c!==undefined)e.appendChild(typeof c==='string'?d.createTextNode(c):c);});return e;}
function day(s){return /^\\d{4}-\\d\\d-\\d\\d/.test(s)?s.slice(0,10):s;}
function idx(r){return +r.id.slice(2);}
function ruleName(r){return r.cells[1].firstChild.textContent;}
function commitEnd(cls,c,label){var cm=data.commits[c];
return el('span',{'class':cls,title:cm[0]+' '+cm[1]+' <'+cm[2]+'> '+cm[3]},[el('code',null,[cm[0].slice(0,7)]),' '+cm[1],el('small',null,[label])]);}
function buildTimeline(){var box=d.getElementById('tl');if(!box||!data.timeline.bars.length)return;var byIdx={};
rows.forEach(function(r){byIdx[idx(r)]=r;});
var ticks=el('span',{'class':'tl-ticks'});data.timeline.ticks.forEach(function(t,i,all){
var s=el('span',{'class':'tk'+(i===all.length-1&&i>0?' tk-end':'')},[t[1]]);s.style.left=t[0]+'%';ticks.appendChild(s);});
box.appendChild(el('div',{'class':'tl-axis','aria-hidden':'true'},[el('span'),el('span'),ticks,el('span')]));
var list=el('div',{'class':'tl',role:'list','aria-label':'Findings in time, oldest first'});
data.timeline.bars.forEach(function(b){var r=byIdx[b[0]];if(!r)return;var st=r.getAttribute('data-status'),n=+r.getAttribute('data-n');
var bar=el('span',{'class':'bar b-'+st,role:'img','aria-label':st+' '+(b[5]===b[6]?'on '+b[5]:'from '+b[5]+' to '+b[6])+', '+n+' occurrence'+(n===1?'':'s')});
bar.style.left=b[1]+'%';bar.style.width=b[2]+'%';
var row=el('div',{'class':'tr',role:'listitem','data-fid':String(b[0])},[
el('a',{'class':'tn',href:'#'+r.id},[ruleName(r),el('small',null,[r.getAttribute('data-path')])]),
commitEnd('te1',b[3],b[5]),el('span',{'class':'tt'},[bar]),commitEnd('te2',b[4],b[6])]);
tl[r.id]=row;list.appendChild(row);});
box.appendChild(list);}
function buildDetails(r){var i=idx(r),f=data.findings[i],rule=data.rules[r.getAttribute('data-rule')]||['',''];
var facts=[['Rule',[ruleName(r)+' ',el('code',null,[r.getAttribute('data-rule')])]]];
if(rule[0])facts.push(['What it is',[rule[0]]]);
facts.push(['How to fix',[rule[1]]],['Secret (redacted)',[el('code',null,[f[1]])]],['State',[f[2]]],['Finding id',[el('code',null,[f[0]])]]);
f[6].forEach(function(kv){facts.push([kv[0],[kv[1]]]);});
var dl=el('dl');facts.forEach(function(x){dl.appendChild(el('dt',null,[x[0]]));dl.appendChild(el('dd',null,x[1]));});
var n=+r.getAttribute('data-n'),body=el('tbody');
f[4].forEach(function(o){var cells=[el('td',null,[el('code',null,[data.paths[o[0]]])]),el('td',null,[o[1]+':'+o[2]])];
if(o[3]<0)cells.push(el('td',{colspan:'3'},[o[4]==='worktree'?'working tree':o[4]]));
else{var c=data.commits[o[3]];cells.push(el('td',null,[el('code',{title:c[0]},[c[0].slice(0,7)])]),el('td',{title:c[2]},[c[1]]),el('td',null,[day(c[3])]));}
body.appendChild(el('tr',null,cells));});
var head=el('tr');['Path','Line','Commit','Author','Date'].forEach(function(t){head.appendChild(el('th',{scope:'col'},[t]));});
var box=el('div',{'class':'det'},[dl,f[3]?el('h3',null,['First occurrence']):null,f[3]?el('pre',null,[f[3]]):null,
el('table',{'class':'oc'},[el('caption',null,[n+' occurrence'+(n===1?'':'s')+', oldest first']),el('thead',null,[head]),body]),
f[5]>0?el('p',{'class':'more'},['and '+f[5]+' more (see the JSON report)']):null]);
var tr=el('tr',{'class':'dr',id:'d-'+i},[el('td',{colspan:'8'},[box])]);tr.hidden=true;return tr;}
rows.forEach(function(r){var x=buildDetails(r);det[r.id]=x;r.parentNode.insertBefore(x,r.nextSibling);});
buildTimeline();
var q={rule:d.getElementById('q-rule'),severity:d.getElementById('q-severity'),status:d.getElementById('q-status'),path:d.getElementById('q-path')};
var count=d.getElementById('count'),total=rows.length,sort={key:'',dir:1};
var keys={sev:function(r){return SEV[r.getAttribute('data-severity')];},rule:function(r){return r.getAttribute('data-rule');},
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
r.classList.toggle('off',!ok);det[r.id].classList.toggle('off',!ok);if(tl[r.id])tl[r.id].classList.toggle('off',!ok);if(ok)shown++;});
count.textContent='Showing '+shown+' of '+total+' finding'+(total===1?'':'s');}
function resort(){[].forEach.call(d.querySelectorAll('th[data-key]'),function(th){var k=th.getAttribute('data-key');
th.setAttribute('aria-sort',k===sort.key?(sort.dir<0?'descending':'ascending'):'none');});
if(!sort.key)return;var f=keys[sort.key];
rows.map(function(r,i){return{r:r,i:i,v:f(r)};}).sort(function(a,b){return a.v===b.v?a.i-b.i:(a.v<b.v?-1:1)*sort.dir;})
.forEach(function(x){tb.appendChild(x.r);tb.appendChild(det[x.r.id]);});}
function toggle(btn,open){var row=d.getElementById(btn.getAttribute('aria-controls'));if(!row)return;
if(open===undefined)open=btn.getAttribute('aria-expanded')!=='true';row.hidden=!open;btn.setAttribute('aria-expanded',String(open));
btn.textContent=open?'Hide':'Details';}
function clear(){q.rule.value=q.severity.value=q.status.value=q.path.value='';}
['rule','severity','status'].forEach(function(k){q[k].addEventListener('change',function(){apply();writeHash();});});
q.path.addEventListener('input',function(){apply();writeHash();});
d.getElementById('reset').addEventListener('click',function(){clear();sort.key='';apply();writeHash();resort();});
[].forEach.call(d.querySelectorAll('th[data-key] button'),function(b){b.addEventListener('click',function(){var k=b.parentNode.getAttribute('data-key');
sort.dir=sort.key===k?-sort.dir:1;sort.key=k;resort();writeHash();});});
tb.addEventListener('click',function(e){var b=e.target.closest&&e.target.closest('button.tg');if(b)toggle(b);});
var ex=d.getElementById('expand');ex.addEventListener('click',function(){var open=ex.getAttribute('aria-pressed')!=='true';
ex.setAttribute('aria-pressed',String(open));ex.textContent=open?'Collapse all':'Expand all';
[].forEach.call(tb.querySelectorAll('button.tg'),function(b){toggle(b,open);});});
d.addEventListener('click',function(e){var a=e.target.closest&&e.target.closest('a.tn');if(!a)return;var r=d.getElementById(a.getAttribute('href').slice(1));
if(!r)return;e.preventDefault();if(r.classList.contains('off')){clear();apply();writeHash();}
var b=r.querySelector('button.tg');toggle(b,true);r.scrollIntoView({block:'center'});b.focus();});
window.addEventListener('hashchange',function(){if(readHash()){fromHash();apply();resort();}});
fromHash();apply();resort();
})();
`;
