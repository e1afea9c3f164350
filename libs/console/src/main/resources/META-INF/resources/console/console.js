// MoDoMoDo console: one page, hash routes, data from the platform's own REST APIs through this gateway.
'use strict';

// Okabe–Ito: distinguishable under the common colour-vision deficiencies.
const PALETTE_NAME = 'Okabe-Ito';
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
const KEY_STORE = 'modomodo.apiKey';
const main = document.getElementById('main');
let cleanups = [];

// ---------- plumbing ----------

function apiKey() {
  return sessionStorage.getItem(KEY_STORE) || '';
}

function headers() {
  const h = { Accept: 'application/json' };
  if (apiKey()) h['X-API-Key'] = apiKey();
  return h;
}

class ApiError extends Error {
  constructor(status, problem, path) {
    super((problem && (problem.detail || problem.title)) || ('HTTP ' + status));
    this.status = status;
    this.problem = problem;
    this.path = path;
  }
}

async function api(path, options = {}) {
  const response = await fetch(path, { ...options, headers: { ...headers(), ...(options.headers || {}) } });
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
  if (!response.ok) throw new ApiError(response.status, body, path);
  return body;
}

function onCleanup(fn) { cleanups.push(fn); }

function esc(value) {
  return String(value == null ? '' : value).replace(/[&<>"']/g,
    c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function pct(x, digits = 1) {
  return x == null || Number.isNaN(x) ? '–' : (100 * x).toFixed(digits) + ' %';
}

function num(x, digits = 3) {
  return x == null || Number.isNaN(x) ? '–' : Number(x).toFixed(digits);
}

function secs(x) {
  if (x == null) return '–';
  if (x < 90) return x.toFixed(x < 10 ? 2 : 1) + ' s';
  if (x < 5400) return (x / 60).toFixed(1) + ' min';
  return (x / 3600).toFixed(1) + ' h';
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '–';
}

function status(s) {
  return `<span class="status ${esc(s)}">${esc(s || 'UNKNOWN')}</span>`;
}

function progress(done, total) {
  const p = total > 0 ? Math.min(100, Math.round(100 * done / total)) : 0;
  return `<span class="bar" role="progressbar" aria-valuemin="0" aria-valuemax="${total}" aria-valuenow="${done}"
    aria-label="${done} of ${total}"><span style="width:${p}%"></span></span> ${done} / ${total}`;
}

function showError(error, what) {
  if (error instanceof ApiError && error.status === 401) {
    main.innerHTML = `<div class="notice error" role="alert"><strong>This gateway needs an API key.</strong>
      Enter yours in the API key box at the top right and press Use; it stays in this tab only.</div>`;
    document.getElementById('api-key').focus();
    return;
  }
  if (error instanceof ApiError && error.status === 429) {
    main.innerHTML = `<div class="notice error" role="alert">Too many requests for this API key. Wait a few
      seconds and reload.</div>`;
    return;
  }
  const detail = error instanceof ApiError ? `${error.status}: ${esc(error.message)}` : esc(error.message);
  main.innerHTML = `<div class="notice error" role="alert"><strong>Could not load ${esc(what)}.</strong>
    ${detail}. Check that the services are up on the <a href="#/services">Services</a> page, then reload.</div>`;
}

function chart(id, option) {
  const el = document.getElementById(id);
  if (!el || typeof echarts === 'undefined') return null;
  let instance = echarts.getInstanceByDom(el);
  if (!instance) {
    instance = echarts.init(el, null, { renderer: 'canvas' });
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    onCleanup(() => { window.removeEventListener('resize', resize); instance.dispose(); });
  }
  instance.setOption({ color: PALETTE, animation: false, ...option }, true);
  el.dataset.series = String((option.series || []).length);
  return instance;
}

// Server-sent events over fetch, because EventSource cannot send the API key header.
function subscribe(path, onEvent) {
  const controller = new AbortController();
  onCleanup(() => controller.abort());
  (async () => {
    try {
      const response = await fetch(path, { headers: { ...headers(), Accept: 'text/event-stream' },
        signal: controller.signal });
      if (!response.ok || !response.body) return;
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.search(/\r?\n\r?\n/)) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut).replace(/^\r?\n\r?\n/, '');
          let name = 'message';
          const data = [];
          for (const line of block.split(/\r?\n/)) {
            if (line.startsWith('event:')) name = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
          }
          let payload = data.join('\n');
          try { payload = JSON.parse(payload); } catch (e) { /* plain text event */ }
          onEvent(name, payload);
        }
      }
    } catch (e) {
      // Aborted on navigation, or the stream broke: the page's poll keeps it current.
    }
  })();
}

function every(ms, fn) {
  const id = setInterval(fn, ms);
  onCleanup(() => clearInterval(id));
}

// ---------- studies ----------

async function studiesPage() {
  const data = await api('/api/v1/studies');
  const studies = (data && data.studies) || [];
  if (studies.length === 0) {
    main.innerHTML = `<h1>Studies</h1><div class="notice">No study yet. Run <code>./modomodo demo</code>, or
      create one with <code>POST /api/v1/studies</code> and start an execution (README, "Managed studies").</div>`;
    return;
  }
  main.innerHTML = `<h1>Studies</h1><div class="scroll"><table id="studies-table">
    <thead><tr><th>Name</th><th>Domains</th><th>Created</th></tr></thead><tbody>
    ${studies.map(s => `<tr><td><a href="#/studies/${esc(s.id)}">${esc(s.name)}</a></td>
      <td>${esc((s.domains || []).join(', '))}</td><td>${esc(when(s.createdAt))}</td></tr>`).join('')}
    </tbody></table></div>`;
}

async function fetchAllRuns(studyId) {
  const runs = [];
  for (let page = 0; page < 50; page++) {
    const data = await api(`/api/v1/studies/${encodeURIComponent(studyId)}/runs?page=${page}&size=200`);
    const part = (data && data.runs) || [];
    runs.push(...part);
    if (part.length === 0 || runs.length >= (data.total || 0)) break;
  }
  return runs;
}

async function optional(path) {
  try { return await api(path); } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405)) return null;
    throw e;
  }
}

async function studyPage(id) {
  const base = `/api/v1/studies/${encodeURIComponent(id)}`;
  const [study, runs, executions, report] = await Promise.all([api(base), fetchAllRuns(id),
    optional(base + '/executions'), optional(base + '/report')]);
  const execList = (executions && (executions.executions || executions)) || [];
  // Newest first.
  const latest = Array.isArray(execList) && execList.length ? execList[0] : null;
  renderStudy({ study, runs, execution: latest, report });
  if (latest && (latest.status === 'RUNNING' || latest.status === 'QUEUED' || latest.status === 'PENDING')) {
    every(3000, async () => {
      try {
        const fresh = await api(`${base}/executions/${encodeURIComponent(latest.id)}`);
        renderExecution(fresh);
        if (fresh.status !== latest.status || jobCounts(fresh).finished !== jobCounts(latest).finished) {
          route();
        }
      } catch (e) { /* keep the last view; the next tick retries */ }
    });
  }
}

// Also the whole of the offline report page (ReportPage), which has the same data inline and no API.
function renderStudy({ study, runs, execution, report }) {
  main.innerHTML = `<h1>Study ${esc(study.name)}</h1>
    <div class="kv"><div><span>Domains</span>${esc(study.domains.join(', '))}</div>
      <div><span>Runs</span>${runs.length}</div><div><span>Created</span>${esc(when(study.createdAt))}</div></div>
    <section aria-labelledby="exec-h"><h2 id="exec-h">Execution</h2><div id="execution"></div></section>
    <section aria-labelledby="pilot-h"><h2 id="pilot-h">Mixtures tried</h2>
      <div class="card"><div id="pilot-chart" class="chart" role="img"
        aria-label="Parallel coordinates of every mixture tried, coloured by score"></div></div>
      <div class="scroll"><table id="runs-table"></table></div></section>
    <section aria-labelledby="fit-h"><h2 id="fit-h">Surrogate quality</h2><div id="fits" class="grid"></div></section>
    <section aria-labelledby="prop-h"><h2 id="prop-h">Proposal</h2><div id="proposal"></div></section>
    <section aria-labelledby="final-h"><h2 id="final-h">Final comparison</h2><div id="final"></div></section>`;
  renderExecution(execution);
  renderRuns(study, runs, report);
  renderReport(study, report);
}

function renderExecution(execution) {
  const el = document.getElementById('execution');
  if (!el) return;
  if (!execution) {
    el.innerHTML = `<p class="muted">No managed execution: runs were posted by their callers.</p>`;
    return;
  }
  const { finished: done, planned: total } = jobCounts(execution);
  el.innerHTML = `<div class="kv" id="execution-state">
    <div><span>Status</span>${status(execution.status)}</div>
    <div><span>Phase</span><strong id="execution-phase">${esc(execution.phase || '–')}</strong></div>
    <div><span>Jobs</span>${progress(done, total)}</div>
    <div><span>ETA</span>${execution.etaSeconds == null ? '–' : secs(execution.etaSeconds)}</div>
    ${execution.error ? `<div class="notice error">${esc(execution.error)}</div>` : ''}</div>`;
}

function jobCounts(execution) {
  const jobs = execution.jobs || {};
  return { finished: jobs.finished || 0, planned: jobs.planned || jobs.submitted || 0 };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// A managed study records each job under its job id, so the run links to the job that trained it.
function runLink(run, i) {
  const label = run.externalId || String(i + 1);
  return !window.MODOMODO_REPORT && UUID.test(run.externalId || '') ? `<a href="#/jobs/${esc(run.externalId)}">${esc(label)}</a>` : esc(label);
}

function renderRuns(study, runs, report) {
  const table = document.getElementById('runs-table');
  const domains = study.domains;
  if (runs.length === 0) {
    table.outerHTML = `<p class="muted">No run yet: the pilot jobs post their outcomes here as they finish.</p>`;
    document.getElementById('pilot-chart').parentElement.remove();
    return;
  }
  const benchmarks = [...new Set(runs.flatMap(r => Object.keys(r.scores || {})))].sort();
  table.innerHTML = `<thead><tr><th>Run</th>${domains.map(d => `<th class="num">${esc(d)}</th>`).join('')}
    <th class="num">Score</th>${benchmarks.map(b => `<th class="num">${esc(b)}</th>`).join('')}</tr></thead>
    <tbody>${runs.map((r, i) => `<tr><td>${runLink(r, i)}</td>
      ${domains.map(d => `<td class="num">${num(r.weights[d], 3)}</td>`).join('')}
      <td class="num">${num(r.score, 3)}</td>
      ${benchmarks.map(b => `<td class="num">${num((r.scores || {})[b], 3)}</td>`).join('')}</tr>`).join('')}</tbody>`;
  const scores = runs.map(r => r.score);
  chart('pilot-chart', {
    parallelAxis: [...domains.map((d, i) => ({ dim: i, name: d, min: 0, max: 1 })),
      { dim: domains.length, name: 'score' }],
    parallel: { left: 40, right: 110, top: 40, bottom: 30 },
    visualMap: { type: 'continuous', dimension: domains.length, min: Math.min(...scores),
      max: Math.max(...scores), inRange: { color: ['#56B4E9', '#0072B2', '#E69F00', '#D55E00'] },
      right: 0, top: 'middle', calculable: true, text: ['high', 'low'] },
    tooltip: {},
    series: [{ type: 'parallel', lineStyle: { width: 2, opacity: 0.8 },
      data: runs.map(r => [...domains.map(d => r.weights[d] || 0), r.score]) }],
  });
}

function renderReport(study, report) {
  const fits = document.getElementById('fits');
  const proposal = document.getElementById('proposal');
  const final = document.getElementById('final');
  if (!report) {
    fits.innerHTML = `<p class="muted">No report yet: it appears once the pilot runs are fitted.</p>`;
    proposal.innerHTML = `<p class="muted">No proposal yet.</p>`;
    final.innerHTML = `<p class="muted">No final comparison yet.</p>`;
    return;
  }
  renderFits(fits, report.fits || {});
  renderProposal(proposal, study, report.proposal && { ...report.proposal, model: report.surrogate });
  renderFinal(final, report.finalRuns || [], report.comparisons || []);
}

function renderFits(el, surrogates) {
  const list = Object.entries(surrogates).map(([model, f]) => ({ model, ...f }));
  if (list.length === 0) {
    el.innerHTML = `<p class="muted">No surrogate fitted yet.</p>`;
    return;
  }
  el.innerHTML = list.map((f, i) => `<div class="card"><strong>${esc(f.model)}</strong>
    <div class="kv"><div><span>R²</span>${num(f.r2)}</div><div><span>RMSE</span>${num(f.rmse)}</div>
    <div><span>Spearman</span>${num(f.spearman)}</div><div><span>runs</span>${esc(f.n)}</div></div>
    <div id="fit-chart-${i}" class="chart small" role="img"
      aria-label="Held-out predicted against actual score for the ${esc(f.model)} surrogate"></div></div>`).join('');
  list.forEach((f, i) => {
    const points = (f.heldOut || []).map(p => [p.actual, p.predicted]);
    const all = points.flat();
    const lo = all.length ? Math.min(...all) : 0;
    const hi = all.length ? Math.max(...all) : 1;
    chart(`fit-chart-${i}`, {
      grid: { left: 50, right: 20, top: 20, bottom: 40 },
      xAxis: { name: 'actual', nameLocation: 'middle', nameGap: 26, min: lo, max: hi },
      yAxis: { name: 'predicted (held out)', min: lo, max: hi },
      tooltip: { trigger: 'item' },
      series: [{ type: 'scatter', name: f.model, data: points, symbolSize: 8 },
        { type: 'line', name: 'y = x', data: [[lo, lo], [hi, hi]], symbol: 'none',
          lineStyle: { type: 'dashed', color: '#5a5a5a' } }],
    });
  });
}

function renderProposal(el, study, proposal) {
  if (!proposal) {
    el.innerHTML = `<p class="muted">No proposal yet.</p>`;
    return;
  }
  const weights = proposal.weights || {};
  el.innerHTML = `<div class="kv"><div><span>Predicted score</span>${num(proposal.predicted)}</div>
    ${proposal.model ? `<div><span>Surrogate</span>${esc(proposal.model)}</div>` : ''}</div>
    <div class="card"><div id="proposal-chart" class="chart small" role="img"
      aria-label="Proposed mixture weights per domain"></div></div>`;
  chart('proposal-chart', {
    grid: { left: 110, right: 30, top: 10, bottom: 30 },
    xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: v => Math.round(v * 100) + ' %' } },
    yAxis: { type: 'category', data: study.domains },
    tooltip: { valueFormatter: v => pct(v) },
    series: [{ type: 'bar', name: 'weight', data: study.domains.map(d => weights[d] || 0),
      label: { show: true, position: 'right', formatter: p => pct(p.value) } }],
  });
}

function renderFinal(el, finalRuns, comparisons) {
  if (finalRuns.length === 0) {
    el.innerHTML = `<p class="muted">No final comparison yet: it runs after the proposal.</p>`;
    return;
  }
  const armNames = [...new Set(finalRuns.map(r => r.arm))];
  const benchmarks = [...new Set(finalRuns.flatMap(r => Object.keys(r.benchmarks || {})))].sort();
  const categories = [...benchmarks, 'inScore', 'outScore'];
  el.innerHTML = `<div class="card"><div id="final-chart" class="chart" role="img"
      aria-label="Accuracy per benchmark, one dot per seed, for the proposal, each baseline and the base policy"></div></div>
    <div class="scroll"><table id="diff-table"><thead><tr><th>Comparison</th><th>Metric</th>
      <th class="num">Paired difference</th><th class="num">95 % interval</th><th class="num">seeds</th></tr></thead>
      <tbody>${comparisons.map(d => `<tr><td>proposal − ${esc(d.against)}</td>
        <td>${esc(d.metric)}</td><td class="num">${pct(d.meanDifference, 2)}</td>
        <td class="num">${d.low == null ? 'n &lt; 2' : `[${pct(d.low, 2)}, ${pct(d.high, 2)}]`}</td>
        <td class="num">${esc(d.n)}</td></tr>`).join('')}
      </tbody></table></div>`;
  chart('final-chart', {
    grid: { left: 60, right: 20, top: 40, bottom: 80 },
    legend: { top: 0 },
    tooltip: { trigger: 'item', formatter: p => `${esc(p.seriesName)}, seed ${p.data[2]}: ${esc(p.data[0])} ${pct(p.data[1])}` },
    xAxis: { type: 'category', data: categories, axisLabel: { rotate: 30 } },
    yAxis: { type: 'value', name: 'accuracy', axisLabel: { formatter: v => Math.round(v * 100) + ' %' } },
    series: armNames.map(arm => ({
      type: 'scatter', name: arm, symbolSize: 10,
      data: finalRuns.filter(r => r.arm === arm).flatMap(r => categories.map(c => [c,
        c === 'inScore' ? r.inScore : c === 'outScore' ? r.outScore : (r.benchmarks || {})[c], r.seed]))
        .filter(p => p[1] != null),
    })),
  });
}

// ---------- jobs ----------

async function jobsPage() {
  const data = await api('/api/v1/jobs?page=0&size=100');
  const jobs = (data && data.jobs) || [];
  if (jobs.length === 0) {
    main.innerHTML = `<h1>Jobs</h1><div class="notice">No training job yet. Submit one with
      <code>POST /api/v1/jobs</code> (README, "Training jobs") or run <code>./modomodo demo</code>.</div>`;
    return;
  }
  main.innerHTML = `<h1>Jobs</h1><p class="muted">${data.total} jobs, newest first.</p>
    <div class="scroll"><table id="jobs-table"><thead><tr><th>Name</th><th>Status</th><th>Progress (steps)</th>
    <th class="num">In-score</th><th class="num">Out-score</th><th>Created</th></tr></thead><tbody>
    ${jobs.map(j => `<tr><td><a href="#/jobs/${esc(j.id)}">${esc(j.name || j.id)}</a></td><td>${status(j.status)}</td>
      <td>${progress(j.step, j.steps)}</td><td class="num">${pct(j.outcome && j.outcome.inScore)}</td>
      <td class="num">${pct(j.outcome && j.outcome.outScore)}</td><td>${esc(when(j.createdAt))}</td></tr>`).join('')}
    </tbody></table></div>`;
  if (jobs.some(j => j.status === 'RUNNING' || j.status === 'QUEUED')) every(5000, () => route());
}

async function jobPage(id) {
  const base = `/api/v1/jobs/${encodeURIComponent(id)}`;
  const [job, metrics, evaluations] = await Promise.all([api(base), api(base + '/metrics'),
    api(base + '/evaluations')]);
  const state = { job, steps: (metrics && metrics.steps) || [], evaluations: (evaluations && evaluations.evaluations) || [] };
  main.innerHTML = `<h1>Job ${esc(job.name || job.id)}</h1>
    <div class="kv" id="job-state"></div>
    <div class="grid">
      <div class="card"><h2>Reward per domain</h2><div id="reward-chart" class="chart" role="img"
        aria-label="Mean reward per domain at each step"></div></div>
      <div class="card"><h2>Accuracy per domain</h2><div id="accuracy-chart" class="chart" role="img"
        aria-label="Accuracy per domain at each step"></div></div>
      <div class="card"><h2>Evaluations</h2><div id="eval-chart" class="chart" role="img"
        aria-label="In-domain and out-of-distribution accuracy at each evaluation"></div></div>
      <div class="card"><h2>KL, clip fraction, entropy</h2><div id="stats-chart" class="chart" role="img"
        aria-label="KL divergence, clip fraction and entropy at each step"></div></div>
      <div class="card"><h2>Step time by phase</h2><div id="time-chart" class="chart" role="img"
        aria-label="Seconds per step, stacked by phase"></div></div>
    </div>`;
  renderJob(state);
  const live = job.status === 'RUNNING' || job.status === 'QUEUED';
  if (live) {
    subscribe(base + '/events', (name, payload) => {
      if (name === 'step' && payload && payload.step != null) {
        state.steps = state.steps.filter(s => s.step !== payload.step).concat([payload]);
        state.job = { ...state.job, step: Math.max(state.job.step, payload.step) };
      } else if (name === 'evaluation' && payload && payload.step != null) {
        state.evaluations = state.evaluations.filter(e => e.step !== payload.step).concat([payload]);
      } else if (name === 'status' && payload) {
        state.job = { ...state.job, ...(typeof payload === 'object' ? payload : { status: payload }) };
      }
      renderJob(state);
    });
    // The stream may be cut by a proxy; a slow poll keeps the page honest either way.
    every(10000, async () => {
      try {
        state.job = await api(base);
        const fresh = await api(`${base}/metrics?from=${state.steps.length ? Math.max(...state.steps.map(s => s.step)) + 1 : 0}`);
        const known = new Set(state.steps.map(s => s.step));
        state.steps = state.steps.concat(((fresh && fresh.steps) || []).filter(s => !known.has(s.step)));
        renderJob(state);
      } catch (e) { /* retry on the next tick */ }
    });
  }
}

function renderJob(state) {
  const { job } = state;
  const steps = [...state.steps].sort((a, b) => a.step - b.step);
  const evaluations = [...state.evaluations].sort((a, b) => a.step - b.step);
  document.getElementById('job-state').innerHTML = `<div><span>Status</span>${status(job.status)}</div>
    <div><span>Steps</span><span id="job-progress">${progress(job.step, job.steps)}</span></div>
    <div><span>Policy</span>${esc(job.spec && job.spec.policy ? job.spec.policy.name + ' v' + job.spec.policy.version : '–')}</div>
    <div><span>Mixture</span>${esc(Object.entries((job.spec && job.spec.mixture) || {}).map(([d, w]) => d + ' ' + pct(w, 0)).join(', '))}</div>
    ${job.outcome ? `<div><span>In-score</span>${pct(job.outcome.inScore)}</div><div><span>Out-score</span>${pct(job.outcome.outScore)}</div>` : ''}
    ${job.detail ? `<div class="muted">${esc(job.detail)}</div>` : ''}
    ${job.error ? `<div class="notice error">${esc(job.error)}</div>` : ''}`;
  const domains = [...new Set(steps.flatMap(s => Object.keys(s.domains || {})))].sort();
  const x = steps.map(s => s.step);
  const lineOf = (name, values) => ({ type: 'line', name, showSymbol: false, data: values, connectNulls: true });
  const axes = (yName, pctAxis) => ({
    grid: { left: 50, right: 20, top: 40, bottom: 40 }, legend: { top: 0, type: 'scroll' }, tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', name: 'step', nameLocation: 'middle', nameGap: 26, data: x },
    yAxis: { type: 'value', name: yName, axisLabel: pctAxis ? { formatter: v => Math.round(v * 100) + ' %' } : {} },
  });
  // One colour per domain on every chart of the page; the overall mean is black and dashed.
  const domainLine = (d, i, field) => ({ ...lineOf(d, steps.map(s => (s.domains[d] || {})[field])),
    itemStyle: { color: PALETTE[i % 7] }, lineStyle: { color: PALETTE[i % 7] } });
  chart('reward-chart', { ...axes('reward'), series: [{ ...lineOf('all domains', steps.map(s => s.rewardMean)),
    itemStyle: { color: '#000000' }, lineStyle: { color: '#000000', type: 'dashed', width: 2 } },
    ...domains.map((d, i) => domainLine(d, i, 'rewardMean'))] });
  chart('accuracy-chart', { ...axes('accuracy', true),
    series: domains.map((d, i) => domainLine(d, i, 'accuracy')) });
  const benchmarks = [...new Set(evaluations.flatMap(e => Object.keys(e.benchmarks || {})))].sort();
  chart('eval-chart', {
    grid: { left: 50, right: 20, top: 40, bottom: 40 }, legend: { top: 0, type: 'scroll' }, tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', name: 'step', nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'value', name: 'accuracy', axisLabel: { formatter: v => Math.round(v * 100) + ' %' } },
    series: [
      { type: 'line', name: 'in-domain', data: evaluations.map(e => [e.step, e.inScore]), lineStyle: { width: 3 } },
      { type: 'line', name: 'OOD', data: evaluations.map(e => [e.step, e.outScore]), lineStyle: { width: 3, type: 'dashed' } },
      ...benchmarks.map(b => ({ type: 'line', name: b, data: evaluations.map(e => [e.step, (e.benchmarks[b] || {}).accuracy]),
        lineStyle: { width: 1 }, symbolSize: 4 })),
    ],
  });
  chart('stats-chart', { ...axes(''), series: [lineOf('KL', steps.map(s => s.kl)),
    lineOf('clip fraction', steps.map(s => s.clipFraction)), lineOf('entropy', steps.map(s => s.entropy))] });
  const phases = ['sample', 'rollout', 'reward', 'update', 'publish'];
  chart('time-chart', { ...axes('seconds'), tooltip: { trigger: 'axis', valueFormatter: v => secs(v) },
    series: phases.map(p => ({ type: 'bar', stack: 'time', name: p, data: steps.map(s => (s.seconds || {})[p]) })) });
}

// ---------- services ----------

async function servicesPage() {
  const data = await api('/api/v1/platform/services');
  main.innerHTML = `<h1>Services</h1><p class="muted">Readiness of every service behind this gateway, checked
    ${esc(when(data.checkedAt))}. A service that is DOWN names the failing component (db is its PostgreSQL).</p>
    <div class="scroll"><table id="services-table"><thead><tr><th>Service</th><th>Status</th><th>Components</th>
    <th class="num">Answered in</th><th>Address</th></tr></thead><tbody>
    ${data.services.map(s => `<tr><td>${esc(s.name)}</td><td>${status(s.status)}</td>
      <td>${Object.entries(s.components || {}).map(([c, v]) => `${esc(c)} ${status(v)}`).join(' ') || '–'}</td>
      <td class="num">${esc(s.millis)} ms</td><td>${esc(s.url)}</td></tr>`).join('')}</tbody></table></div>`;
  every(5000, async () => {
    if (location.hash.startsWith('#/services')) {
      try { const fresh = await api('/api/v1/platform/services'); if (fresh) servicesPageRender(fresh); } catch (e) { /* next tick */ }
    }
  });
}

function servicesPageRender(data) {
  const body = document.querySelector('#services-table tbody');
  if (!body) return;
  body.innerHTML = data.services.map(s => `<tr><td>${esc(s.name)}</td><td>${status(s.status)}</td>
      <td>${Object.entries(s.components || {}).map(([c, v]) => `${esc(c)} ${status(v)}`).join(' ') || '–'}</td>
      <td class="num">${esc(s.millis)} ms</td><td>${esc(s.url)}</td></tr>`).join('');
}

// ---------- router ----------

async function route() {
  cleanups.forEach(fn => { try { fn(); } catch (e) { /* already gone */ } });
  cleanups = [];
  const hash = location.hash || '#/studies';
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  document.querySelectorAll('[data-nav]').forEach(a => {
    if (a.dataset.nav === parts[0]) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  main.dataset.state = 'loading';
  main.innerHTML = `<p class="muted">Loading…</p>`;
  try {
    if (parts[0] === 'studies' && parts[1]) await studyPage(parts[1]);
    else if (parts[0] === 'jobs' && parts[1]) await jobPage(parts[1]);
    else if (parts[0] === 'jobs') await jobsPage();
    else if (parts[0] === 'services') await servicesPage();
    else await studiesPage();
  } catch (e) {
    showError(e, parts.join('/') || 'studies');
  }
  main.dataset.state = 'ready';
  document.title = `MoDoMoDo · ${parts[0] || 'studies'}`;
}

if (window.MODOMODO_REPORT) {
  // The offline report: one study, its data inline, no API and no navigation.
  renderStudy(window.MODOMODO_REPORT);
  main.dataset.state = 'ready';
} else {
  document.getElementById('key-form').addEventListener('submit', ev => {
    ev.preventDefault();
    const value = document.getElementById('api-key').value.trim();
    if (value) sessionStorage.setItem(KEY_STORE, value); else sessionStorage.removeItem(KEY_STORE);
    document.getElementById('api-key').value = '';
    route();
  });
  window.addEventListener('hashchange', route);
  route();
}
window.modomodo = { palette: PALETTE_NAME, route };
