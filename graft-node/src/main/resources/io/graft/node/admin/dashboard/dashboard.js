// The dashboard of one Graft member: polls the admin endpoints every second and redraws itself.
// No library, no build step: plain DOM and <canvas>.
'use strict';

(function () {
  const POLL_MS = 1000;
  const REQUEST_TIMEOUT_MS = 2500;
  const MAX_SAMPLES = 600;
  const MAX_EVENTS = 200;
  const GAP_MS = 2500; // Samples further apart than this are not joined by a line.

  const state = {
    report: null,
    history: [],
    events: [],
    lastSeq: 0,
    lastSampleAt: null,
    windowSeconds: 300,
    polls: 0,
    updates: 0,
  };

  const $ = (id) => document.getElementById(id);

  // ---- Fetching ------------------------------------------------------------------------------------------

  async function getJson(path) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    try {
      const response = await fetch(path, { cache: 'no-store', signal: controller.signal });
      return { status: response.status, body: await response.json() };
    } finally {
      clearTimeout(timer);
    }
  }

  async function poll() {
    try {
      const afterSample = state.lastSampleAt === null ? '' : '?after=' + state.lastSampleAt;
      const [status, history, events, ready] = await Promise.all([
        getJson('/status'),
        getJson('/history' + afterSample),
        getJson('/events?after=' + state.lastSeq),
        getJson('/health/ready'),
      ]);
      if (status.status === 200) {
        if (state.report && status.body.uptimeMillis < state.report.uptimeMillis) {
          forgetHistory(); // The member was restarted: its numbering started again.
        }
        state.report = status.body;
        renderReport(status.body);
        renderFailure(status.body.failure ? 'Member stopped by itself: ' + status.body.failure
          : status.body.running ? null : 'Member is not running.');
      } else {
        renderFailure('No report from the member: ' + (status.body.error || 'HTTP ' + status.status));
      }
      addSamples(history.body);
      addEvents(events.body);
      renderReady(ready.status === 200, ready.body.reason);
      renderCharts();
      renderEvents();
      setConnection(true, '');
      state.updates++;
      document.body.dataset.updates = String(state.updates);
      $('updated').textContent = new Date().toLocaleTimeString();
    } catch (e) {
      setConnection(false, e && e.name === 'AbortError' ? 'no answer' : String(e && e.message || e));
    } finally {
      state.polls++;
      document.body.dataset.polls = String(state.polls);
      setTimeout(poll, POLL_MS);
    }
  }

  function forgetHistory() {
    state.history = [];
    state.events = [];
    state.lastSeq = 0;
    state.lastSampleAt = null;
  }

  function addSamples(samples) {
    if (!Array.isArray(samples) || samples.length === 0) {
      return;
    }
    state.history = state.history.concat(samples).slice(-MAX_SAMPLES);
    state.lastSampleAt = state.history[state.history.length - 1].atMillis;
  }

  function addEvents(events) {
    if (!Array.isArray(events) || events.length === 0) {
      return;
    }
    state.events = state.events.concat(events).slice(-MAX_EVENTS);
    state.lastSeq = state.events[state.events.length - 1].seq;
  }

  // ---- The member and its cluster -----------------------------------------------------------------------

  function renderReport(r) {
    $('cluster-id').textContent = r.clusterId;
    $('member-id').textContent = String(r.memberId);
    document.title = 'Graft ' + r.clusterId + ' · member ' + r.memberId + ' · ' + roleName(r.role);
    const role = $('role');
    role.textContent = roleName(r.role) + (r.catchingUp ? ' (catching up)' : '');
    role.dataset.role = r.role;
    $('term').textContent = number(r.term);
    const leader = $('leader');
    leader.dataset.leaderId = r.leaderId === null ? '' : String(r.leaderId);
    leader.textContent = r.leaderId === null ? 'none known' : 'member ' + r.leaderId;
    $('leader-note').textContent = r.leaderId === null ? 'in term ' + number(r.term)
      : r.leaderId === r.memberId ? 'this member' : '';
    $('commit-index').textContent = number(r.commitIndex);
    $('applied-index').textContent = number(r.appliedIndex);
    $('apply-lag').textContent = 'apply lag ' + number(r.applyLag);
    $('log').textContent = r.lastLogIndex === 0 ? 'empty' : number(r.firstLogIndex) + '–' + number(r.lastLogIndex);
    $('log-size').textContent = number(r.logEntries) + ' entries' + (r.logBytes > 0 ? ', ' + bytes(r.logBytes) : '');
    $('snapshot').textContent = r.snapshotIndex === 0 ? 'none'
      : 'to ' + number(r.snapshotIndex) + (r.snapshotBytes > 0 ? ' · ' + bytes(r.snapshotBytes) : '');
    $('pending').textContent = number(r.pendingCommands) + ' / ' + number(r.pendingReads);
    $('uptime').textContent = duration(r.uptimeMillis);
    renderMembers(r);
  }

  function renderMembers(r) {
    const members = r.membership.voters.map((m) => ({ id: m.id, address: m.address, voter: true }))
      .concat(r.membership.learners.map((m) => ({ id: m.id, address: m.address, voter: false })))
      .sort((a, b) => a.id - b.id);
    if (!members.some((m) => m.id === r.memberId)) {
      members.push({ id: r.memberId, address: '', voter: false, outside: true }); // Joining, not added yet.
    }
    const followers = new Map(r.followers.map((f) => [f.memberId, f]));
    const body = document.querySelector('#members tbody');
    body.replaceChildren(...members.map((m) => memberRow(r, m, followers.get(m.id))));
    $('members-hint').textContent = r.role === 'LEADER'
      ? 'as the leader sees them (membership at index ' + number(r.membership.index) + ')'
      : 'a follower knows its own state and who leads; the leader\'s dashboard shows every follower'
        + ' (membership at index ' + number(r.membership.index) + ')';
  }

  function memberRow(r, member, follower) {
    const self = member.id === r.memberId;
    const leader = member.id === r.leaderId;
    let role = 'UNKNOWN';
    if (self) {
      role = r.role;
    } else if (leader) {
      role = 'LEADER';
    } else if (follower) {
      role = 'FOLLOWER';
    }
    const row = document.createElement('tr');
    row.dataset.memberId = String(member.id);
    row.dataset.role = role;
    row.dataset.self = String(self);
    if (self) {
      row.className = 'self';
    }
    const roleBadge = document.createElement('span');
    roleBadge.className = 'role';
    roleBadge.dataset.role = role;
    roleBadge.textContent = role === 'UNKNOWN' ? 'not known here' : roleName(role);
    const stale = follower && (follower.sinceLastContactMillis === null || follower.sinceLastContactMillis > 3000);
    const cells = [
      text(member.id + (self ? ' (this member)' : '')),
      text(member.address),
      text((member.outside ? 'not in the membership' : member.voter ? 'voter' : 'learner') + ((self && r.catchingUp) || (follower && follower.catchingUp)
        ? ', catching up' : '')),
      roleBadge,
      text(self || leader ? number(r.term) : '—'),
      text(self ? number(r.commitIndex) : '—'),
      text(self ? number(r.appliedIndex) : follower ? number(follower.matchIndex) + ' (match)' : '—'),
      text(self ? number(r.applyLag) + ' to apply' : follower ? number(follower.lag) + ' behind' : '—'),
      text(follower ? (follower.sinceLastContactMillis === null ? 'never in this term'
        : duration(follower.sinceLastContactMillis) + ' ago') : '—', stale ? 'warn' : ''),
      text(follower ? follower.mode.toLowerCase() + ', ' + follower.inflightAppends + ' in flight' : '—'),
    ];
    for (const content of cells) {
      const cell = document.createElement('td');
      cell.appendChild(content);
      row.appendChild(cell);
    }
    return row;
  }

  function text(value, className) {
    const span = document.createElement('span');
    span.textContent = value;
    if (className) {
      span.className = className;
    }
    return span;
  }

  function renderReady(ok, reason) {
    const badge = $('ready');
    badge.dataset.ready = String(ok);
    badge.textContent = ok ? 'ready' : 'not ready';
    badge.title = reason || '';
  }

  function renderFailure(message) {
    const banner = $('failure');
    banner.hidden = !message;
    banner.textContent = message || '';
  }

  function setConnection(ok, problem) {
    const badge = $('connection');
    badge.dataset.state = ok ? 'ok' : 'lost';
    badge.textContent = ok ? 'live' : 'connection lost' + (problem ? ': ' + problem : '');
    document.querySelector('main').classList.toggle('stale', !ok);
  }

  // ---- Events -------------------------------------------------------------------------------------------

  function renderEvents() {
    const list = $('events');
    list.replaceChildren(...state.events.slice().reverse().map((e) => {
      const item = document.createElement('li');
      item.dataset.seq = String(e.seq);
      item.dataset.type = e.type;
      const time = document.createElement('time');
      time.dateTime = e.at;
      time.textContent = new Date(e.atMillis).toLocaleTimeString();
      item.append(time, text(e.type, 'type'), text(e.summary));
      return item;
    }));
    $('events-empty').hidden = state.events.length > 0;
  }

  // ---- Charts -------------------------------------------------------------------------------------------

  function renderCharts() {
    const now = state.lastSampleAt !== null ? state.lastSampleAt : Date.now();
    const since = now - state.windowSeconds * 1000;
    const shown = state.history.filter((s) => s.atMillis >= since);
    drawChart($('chart-throughput'), now, [
      { points: shown.map((s) => [s.atMillis, s.commitsPerSecond]), color: '#2f6fdb', fill: true },
    ], 'Waiting for the first samples…');
    const hasLatency = state.history.some((s) => s.latencyMaxMillis !== null);
    drawChart($('chart-latency'), now, [
      { points: shown.map((s) => [s.atMillis, s.latencyMeanMillis]), color: '#7c3aed' },
      { points: shown.map((s) => [s.atMillis, s.latencyMaxMillis]), color: '#d97706', dots: true },
    ], hasLatency ? 'No command answered on this member in this window.'
      : 'No commit latency here: commands are timed on the member that receives them, when the metrics'
        + ' registry has the graft.commit.latency timer.');
  }

  function drawChart(canvas, now, series, emptyText) {
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const g = canvas.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    const pad = { left: 52, right: 12, top: 10, bottom: 24 };
    const plotWidth = width - pad.left - pad.right;
    const plotHeight = height - pad.top - pad.bottom;
    // The window chosen, or less while the history is shorter, so that a young member's chart fills the width.
    const first = state.history.length ? state.history[0].atMillis : now;
    const spanSeconds = Math.min(state.windowSeconds, Math.max(30, Math.ceil((now - first) / 1000)));
    const x = (t) => pad.left + plotWidth * (1 - (now - t) / (spanSeconds * 1000));
    const values = series.flatMap((s) => s.points.map((p) => p[1]).filter((v) => v !== null));
    const top = niceCeiling(Math.max(0, ...values) * 1.1);
    const y = (v) => pad.top + plotHeight * (1 - v / top);

    g.font = '11px system-ui, sans-serif';
    if (values.length === 0) {
      g.fillStyle = '#6b7280';
      g.textAlign = 'center';
      g.textBaseline = 'middle';
      wrapText(g, emptyText, width / 2, height / 2, width - 40);
      return;
    }
    g.lineWidth = 1;
    g.strokeStyle = '#e3e6eb';
    g.fillStyle = '#6b7280';
    g.textAlign = 'right';
    g.textBaseline = 'middle';
    for (let i = 0; i <= 4; i++) {
      const v = (top * i) / 4;
      g.beginPath();
      g.moveTo(pad.left, Math.round(y(v)) + 0.5);
      g.lineTo(width - pad.right, Math.round(y(v)) + 0.5);
      g.stroke();
      g.fillText(axisNumber(v), pad.left - 6, y(v));
    }
    g.textAlign = 'center';
    g.textBaseline = 'top';
    const step = [5, 10, 15, 30, 60, 120, 300].find((s) => spanSeconds / s <= 6) || 300;
    for (let ago = 0; ago <= spanSeconds; ago += step) {
      g.fillText(ago === 0 ? 'now' : '−' + (ago < 60 ? ago + ' s' : ago / 60 + ' min'), x(now - ago * 1000),
        height - pad.bottom + 6);
    }
    for (const s of series) {
      g.strokeStyle = s.color;
      g.fillStyle = s.color;
      if (s.dots) {
        for (const [t, v] of s.points) {
          if (v !== null) {
            g.beginPath();
            g.arc(x(t), y(v), 1.8, 0, 2 * Math.PI);
            g.fill();
          }
        }
        continue;
      }
      g.lineWidth = 2;
      for (const run of runs(s.points)) {
        g.beginPath();
        run.forEach(([t, v], i) => (i === 0 ? g.moveTo(x(t), y(v)) : g.lineTo(x(t), y(v))));
        g.stroke();
        if (s.fill && run.length > 1) {
          g.lineTo(x(run[run.length - 1][0]), y(0));
          g.lineTo(x(run[0][0]), y(0));
          g.closePath();
          g.globalAlpha = 0.12;
          g.fill();
          g.globalAlpha = 1;
        }
      }
    }
  }

  /** The points as runs of consecutive known values, split at gaps and unknown values. */
  function runs(points) {
    const result = [];
    let current = [];
    let lastT = null;
    for (const [t, v] of points) {
      if (v === null || (lastT !== null && t - lastT > GAP_MS)) {
        if (current.length) {
          result.push(current);
        }
        current = [];
      }
      if (v !== null) {
        current.push([t, v]);
      }
      lastT = t;
    }
    if (current.length) {
      result.push(current);
    }
    return result;
  }

  function wrapText(g, message, centerX, centerY, maxWidth) {
    const lines = [];
    let line = '';
    for (const word of message.split(' ')) {
      const candidate = line ? line + ' ' + word : word;
      if (g.measureText(candidate).width > maxWidth && line) {
        lines.push(line);
        line = word;
      } else {
        line = candidate;
      }
    }
    lines.push(line);
    lines.forEach((l, i) => g.fillText(l, centerX, centerY + (i - (lines.length - 1) / 2) * 15));
  }

  function niceCeiling(v) {
    if (v <= 0) {
      return 1;
    }
    const magnitude = Math.pow(10, Math.floor(Math.log10(v)));
    for (const m of [1, 2, 2.5, 5, 10]) {
      if (m * magnitude >= v) {
        return m * magnitude;
      }
    }
    return 10 * magnitude;
  }

  // ---- Formatting ---------------------------------------------------------------------------------------

  function roleName(role) {
    return role.toLowerCase().replace('_', '-');
  }

  function number(n) {
    return Number(n).toLocaleString('en-US');
  }

  function axisNumber(v) {
    if (v >= 10000) {
      return (v / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 }) + 'k';
    }
    return v.toLocaleString('en-US', { maximumFractionDigits: v < 10 ? 2 : 0 });
  }

  function bytes(n) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let i = 0;
    while (n >= 1024 && i < units.length - 1) {
      n /= 1024;
      i++;
    }
    return n.toLocaleString('en-US', { maximumFractionDigits: i === 0 ? 0 : 1 }) + ' ' + units[i];
  }

  function duration(ms) {
    if (ms < 1000) {
      return ms + ' ms';
    }
    const s = Math.floor(ms / 1000);
    if (s < 60) {
      return s + ' s';
    }
    const m = Math.floor(s / 60);
    if (m < 60) {
      return m + ' min ' + (s % 60) + ' s';
    }
    const h = Math.floor(m / 60);
    if (h < 48) {
      return h + ' h ' + (m % 60) + ' min';
    }
    return Math.floor(h / 24) + ' d ' + (h % 24) + ' h';
  }

  // ---- Start --------------------------------------------------------------------------------------------

  for (const button of document.querySelectorAll('.window button')) {
    button.addEventListener('click', () => {
      state.windowSeconds = Number(button.dataset.window);
      document.querySelectorAll('.window button').forEach((b) => b.classList.toggle('selected', b === button));
      renderCharts();
    });
  }
  window.addEventListener('resize', renderCharts);
  poll();
})();
