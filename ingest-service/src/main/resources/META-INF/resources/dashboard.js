// PaperLedge operator dashboard: plain DOM, no build step. Everything shown is set through
// textContent (titles and reasons may contain markup); links are only ever http(s) URLs.
'use strict';
(function () {
  const KEY_STORE = 'paperledge.operatorKey';
  const STAGES = ['INGEST', 'SCRIPT', 'AUDIO', 'PUBLISH'];
  const papers = new Map(); // arxivId -> view
  const $ = (id) => document.getElementById(id);

  // ---- operator key: asked once, kept in sessionStorage, sent as X-API-Key (no cookies) ----
  function key() { return sessionStorage.getItem(KEY_STORE); }
  function showKeyForm(show) {
    $('key-form').hidden = !show;
    $('key-forget').hidden = show;
  }
  $('key-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const k = $('key-input').value.trim();
    if (k) {
      sessionStorage.setItem(KEY_STORE, k);
      $('key-input').value = '';
      showKeyForm(false);
      say('Key kept for this tab.');
    }
  });
  $('key-forget').addEventListener('click', () => {
    sessionStorage.removeItem(KEY_STORE);
    showKeyForm(true);
  });

  function say(text, error) {
    const m = $('message');
    m.textContent = text;
    m.className = error ? 'error' : '';
  }

  async function operatorCall(url, body) {
    const k = key();
    if (!k) {
      showKeyForm(true);
      throw new Error('enter the operator key first');
    }
    const r = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-API-Key': k },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
    });
    let data = null;
    try { data = await r.json(); } catch (ignored) { /* no body */ }
    if (r.status === 401) {
      sessionStorage.removeItem(KEY_STORE);
      showKeyForm(true);
      throw new Error('the operator key was refused; enter it again');
    }
    if (!r.ok) {
      throw new Error((data && data.detail) || ('HTTP ' + r.status));
    }
    return { status: r.status, data: data };
  }

  $('submit-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const input = $('submit-id').value.trim();
    if (!input) { return; }
    const body = { arxivId: input };
    if ($('submit-format').value) { body.format = $('submit-format').value; }
    try {
      const r = await operatorCall('/api/papers' + ($('submit-force').checked ? '?force=true' : ''), body);
      if (r.data && r.data.arxivId) { upsert(r.data); }
      say(r.status === 202 ? 'Accepted ' + r.data.arxivId + ' (' + r.data.format + ').'
        : r.data.arxivId + ' is already known.');
      $('submit-id').value = '';
      $('submit-force').checked = false;
    } catch (err) {
      say(err.message, true);
    }
  });

  async function retry(id, button) {
    button.disabled = true;
    try {
      const r = await operatorCall('/api/papers/' + id.split('/').map(encodeURIComponent).join('/') + '/retry');
      if (r.data && r.data.paper) { upsert(r.data.paper); }
      say('Retrying ' + id + ' from ' + String(r.data.retryStage).toLowerCase() + '.');
    } catch (err) {
      button.disabled = false;
      say(err.message, true);
    }
  }

  // ---- rendering ----
  function fmtMs(ms) {
    if (ms === null || ms === undefined || isNaN(ms)) { return ''; }
    if (ms < 1000) { return ms + ' ms'; }
    const s = ms / 1000;
    if (s < 60) { return s.toFixed(s < 10 ? 1 : 0) + ' s'; }
    const m = Math.floor(s / 60);
    if (m < 60) { return m + ' min ' + Math.round(s % 60) + ' s'; }
    return Math.floor(m / 60) + ' h ' + (m % 60) + ' min';
  }

  function stageText(st) {
    if (!st) { return ''; }
    let t = st.state;
    if (st.state === 'running' || st.state === 'retrying') {
      const since = st.startedAt ? Date.now() - Date.parse(st.startedAt) : null;
      t += since !== null ? ' ' + fmtMs(Math.max(0, since)) : '';
      if (st.nextAttemptAt) { t += ' (next try ' + new Date(st.nextAttemptAt).toLocaleTimeString() + ')'; }
    } else if (st.durationMs !== null && st.durationMs !== undefined) {
      t += ' ' + fmtMs(st.durationMs);
    }
    if (st.attempt > 1) { t += ' · #' + st.attempt; }
    return t;
  }

  function safeHttpUrl(u) {
    try {
      const url = new URL(u, window.location.href);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function cell(tr, cls) {
    const td = document.createElement('td');
    if (cls) { td.className = cls; }
    tr.appendChild(td);
    return td;
  }

  function render(p) {
    const tr = document.createElement('tr');
    tr.dataset.id = p.arxivId;
    tr.dataset.status = p.status;

    const paper = cell(tr, 'paper');
    const idLink = document.createElement('a');
    idLink.href = '/api/papers/' + p.arxivId;
    idLink.textContent = p.arxivId + (p.version ? 'v' + p.version : '');
    paper.appendChild(idLink);
    const title = document.createElement('span');
    title.className = 'title';
    title.textContent = p.title || '';
    paper.appendChild(title);
    // The episode's format of this production: solo (one host) or duo (host and co-host).
    const format = document.createElement('span');
    format.className = 'format ' + (p.format === 'duo' ? 'duo' : 'solo');
    format.textContent = p.format === 'duo' ? 'duo' : 'solo';
    format.title = p.format === 'duo' ? 'two hosts' : 'one host';
    paper.appendChild(format);

    const status = cell(tr, 'status');
    const badge = document.createElement('span');
    badge.className = 'badge ' + p.status;
    badge.textContent = p.status;
    status.appendChild(badge);

    // The audio stage's listening check: one dot per section, green / amber / red, figures on hover.
    function listeningDots(td, listening) {
      const dots = document.createElement('span');
      dots.className = 'listening';
      listening.sections.forEach((s, i) => {
        const dot = document.createElement('span');
        dot.className = 'dot ' + (['green', 'amber', 'red'].includes(s.verdict) ? s.verdict : 'red');
        dot.title = (i + 1) + '. ' + s.title + ': ' + s.verdict + ', word error ' + Math.round(100 * s.wer) + '%'
          + (s.bareWer != null ? ' (bare engine ' + Math.round(100 * s.bareWer) + '%)' : '')
          + ', longest silence ' + (s.longestSilenceMs / 1000).toFixed(1) + ' s'
          + (s.rerendered ? ', rendered twice' : '') + (s.flags && s.flags.length ? ', ' + s.flags.join(', ') : '');
        dots.appendChild(dot);
      });
      td.appendChild(dots);
    }

    // The script stage's explanation figures: recital of the abstract, repeats, sections used.
    function explanationNote(td, e) {
      const note = document.createElement('span');
      note.className = 'explanation' + (e.recitalPercent > 10 || e.repeatedRuns > 0 ? ' poor' : '');
      note.textContent = 'recital ' + e.recitalPercent + '% · repeats ' + e.repeatedRuns + ' · '
        + (e.abstractOnly ? 'abstract only' : (e.sectionsUsed || []).length + ' sections');
      note.title = 'Sections used: ' + ((e.sectionsUsed || []).join('; ') || 'none')
        + '\nTerms explained: ' + ((e.termsExplained || []).join(', ') || 'none');
      td.appendChild(note);
    }

    const stages = p.stages || [];
    STAGES.forEach((s) => {
      const st = stages.find((x) => x.stage === s);
      const td = cell(tr, 'stage ' + (st ? st.state : 'waiting'));
      td.dataset.stage = s.toLowerCase();
      td.textContent = stageText(st);
      if (st && st.lastError && st.state !== 'done') { td.title = st.lastError; }
      if (st && st.listening && Array.isArray(st.listening.sections)) { listeningDots(td, st.listening); }
      if (st && st.explanation && typeof st.explanation.recitalPercent === 'number') { explanationNote(td, st.explanation); }
    });

    cell(tr, 'attempt').textContent = String(p.attempt || 1);

    const reason = cell(tr, 'reason');
    if (p.status === 'FAILED') {
      reason.textContent = (p.failedStage ? p.failedStage.toLowerCase() + ': ' : '') + (p.reason || '')
        + (p.retryable === false ? ' (permanent)' : '');
    } else if (p.lastError) {
      reason.textContent = 'waiting to try again: ' + p.lastError;
    }

    const episode = cell(tr, 'episode');
    const url = p.episodeUrl ? safeHttpUrl(p.episodeUrl) : null;
    if (url) {
      const a = document.createElement('a');
      a.href = url;
      a.rel = 'noopener noreferrer';
      a.textContent = 'episode';
      episode.appendChild(a);
    }

    const actions = cell(tr, 'actions');
    if (p.status === 'FAILED') {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'retry';
      b.textContent = 'Retry';
      b.addEventListener('click', () => retry(p.arxivId, b));
      actions.appendChild(b);
    }
    return tr;
  }

  function newer(a, b) {
    // Keep the later state of a paper when a snapshot and a live event cross.
    if (!b) { return true; }
    if (a.run !== b.run) { return a.run > b.run; }
    return Date.parse(a.updatedAt || 0) >= Date.parse(b.updatedAt || 0);
  }

  function upsert(p) {
    const old = papers.get(p.arxivId);
    if (!newer(p, old)) { return; }
    if (!p.stages && old) { p.stages = old.stages; }
    papers.set(p.arxivId, p);
    const rows = $('rows');
    const tr = render(p);
    const existing = rows.querySelector('tr[data-id="' + CSS.escape(p.arxivId) + '"]');
    if (existing) {
      rows.replaceChild(tr, existing);
    } else {
      // newest submissions first
      let before = null;
      for (const row of rows.children) {
        const other = papers.get(row.dataset.id);
        if (other && Date.parse(other.createdAt) < Date.parse(p.createdAt)) { before = row; break; }
      }
      rows.insertBefore(tr, before);
    }
    $('empty').hidden = papers.size > 0;
  }

  function stats(s) {
    if (!s) { return; }
    $('count-progress').textContent = String(s.inProgress);
    $('count-published').textContent = String(s.published);
    $('count-failed').textContent = String(s.failed);
    $('throughput').textContent = String(s.publishedPerMinute);
    $('latency-p50').textContent = s.latencyP50Ms === null ? '–' : fmtMs(s.latencyP50Ms);
    $('latency-p95').textContent = s.latencyP95Ms === null ? '–' : fmtMs(s.latencyP95Ms);
  }

  // ---- watch rules: title, slug, last poll (when, counts or its error), next poll, papers submitted ----
  function when(iso) {
    return iso ? new Date(iso).toLocaleString() : '–';
  }

  function renderRules(rules) {
    const rows = $('rule-rows');
    rows.replaceChildren();
    (rules || []).forEach((r) => {
      const tr = document.createElement('tr');
      tr.dataset.slug = r.slug;
      const rule = cell(tr, 'rule');
      const title = document.createElement('span');
      title.className = 'rule-title';
      title.textContent = r.title;
      rule.appendChild(title);
      const slug = document.createElement('a');
      slug.className = 'slug';
      slug.href = '/api/subscriptions/' + encodeURIComponent(r.slug);
      slug.textContent = r.slug + ' · ' + r.format + ' · cap ' + r.dailyCap + '/day';
      rule.appendChild(slug);
      cell(tr, 'query').textContent = r.arxivQuery;
      const p = r.lastPoll;
      const last = cell(tr, 'last-poll');
      last.textContent = p ? when(p.finishedAt || p.startedAt) + (p.trigger === 'operator' ? ' (operator)' : '') : 'never';
      if (p && p.error) {
        last.classList.add('failed');
        last.textContent += ': failed: ' + p.error;
      }
      cell(tr, 'found').textContent = p ? String(p.found) : '';
      cell(tr, 'new').textContent = p ? String(p.new) : '';
      cell(tr, 'submitted').textContent = p ? String(p.submitted) : '';
      const skipped = cell(tr, 'skipped');
      skipped.textContent = p ? String(p.skipped) : '';
      if (p && p.skippedItems && p.skippedItems.length) {
        skipped.title = p.skippedItems.map((s) => s.arxivId + 'v' + s.version + ': ' + s.reason).join('\n');
      }
      cell(tr, 'next-poll').textContent = r.nextPollAt ? when(r.nextPollAt) : 'off (scheduled polls disabled)';
      cell(tr, 'papers').textContent = r.submittedToday + ' / ' + r.submittedTotal;
      rows.appendChild(tr);
    });
    $('rules-empty').hidden = (rules || []).length > 0;
  }

  async function refreshRules() {
    const r = await fetch('/api/subscriptions', { credentials: 'omit' });
    if (r.ok) { renderRules(await r.json()); }
  }

  async function snapshot() {
    const r = await fetch('/api/dashboard', { credentials: 'omit' });
    const d = await r.json();
    const feed = safeHttpUrl(d.feedUrl);
    if (feed) { $('feed-link').href = feed; }
    stats(d.stats);
    renderRules(d.rules);
    d.papers.slice().reverse().forEach(upsert);
    $('empty').hidden = papers.size > 0;
  }

  function live() {
    const es = new EventSource('/api/dashboard/stream');
    es.onopen = () => {
      $('live').textContent = 'live';
      $('live').className = 'live on';
      snapshot().catch(() => {}); // (re)synchronise after every (re)connect
    };
    es.onerror = () => {
      $('live').textContent = 'reconnecting';
      $('live').className = 'live off';
    };
    es.onmessage = (e) => {
      let u;
      try { u = JSON.parse(e.data); } catch (err) { return; }
      if (u.type === 'paper' && u.paper) { upsert(u.paper); }
      if (u.stats) { stats(u.stats); }
    };
  }

  // running stages' clocks
  setInterval(() => {
    document.querySelectorAll('#rows td.stage.running, #rows td.stage.retrying').forEach((td) => {
      const p = papers.get(td.parentElement.dataset.id);
      const st = p && (p.stages || []).find((x) => x.stage.toLowerCase() === td.dataset.stage);
      if (st) { td.textContent = stageText(st); }
    });
  }, 1000);

  // polls are rare (hourly by default): the rules are read again every 15 s
  setInterval(() => { refreshRules().catch(() => {}); }, 15000);

  showKeyForm(!key());
  snapshot().catch((e) => say('could not load the papers: ' + e.message, true));
  live();
})();
