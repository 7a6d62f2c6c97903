// foldersync client page: plain JavaScript, no build step, no library.
// Everything from the server is put into the page as text (textContent), never as HTML.
'use strict';

(function () {
  const csrfHeader = document.querySelector('meta[name="csrf-header"]').content;
  const csrfToken = document.querySelector('meta[name="csrf-token"]').content;
  const MAX_ACTIVITY = 500;

  const $ = (id) => document.getElementById(id);
  const state = { status: null, activity: [], attentionTimer: null, run: null, folders: null };

  // ------------------------------------------------------------------ helpers

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'class') node.className = value;
      else if (name === 'text') node.textContent = value;
      else if (name.startsWith('on')) node.addEventListener(name.substring(2), value);
      else node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  async function api(method, path, body) {
    const headers = { 'Accept': 'application/json' };
    if (method !== 'GET') {
      headers[csrfHeader] = csrfToken;
      headers['Content-Type'] = 'application/json';
    }
    let response;
    try {
      response = await fetch(path, { method, headers, credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      throw new ApiError(0, 'OFFLINE', 'this client does not answer (stopped?)');
    }
    if (response.status === 401) {
      window.location.assign('/?expired');
      throw new ApiError(401, 'UNAUTHENTICATED', 'the session ended; log in again');
    }
    const text = await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
    if (!response.ok) {
      throw new ApiError(response.status, (data && data.code) || String(response.status),
        (data && data.message) || response.statusText);
    }
    return data;
  }

  function clock(iso) {
    if (!iso) return '–';
    const d = new Date(iso);
    return d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  function ago(iso) {
    if (!iso) return 'never';
    const seconds = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
    if (seconds < 5) return 'just now';
    if (seconds < 60) return seconds + ' s ago';
    if (seconds < 3600) return Math.round(seconds / 60) + ' min ago';
    if (seconds < 86400) return Math.round(seconds / 3600) + ' h ago';
    return new Date(iso).toLocaleString();
  }

  function bytes(n) {
    if (n < 1024) return n + ' B';
    if (n < 1024 * 1024) return (n / 1024).toFixed(1) + ' KB';
    return (n / 1024 / 1024).toFixed(1) + ' MB';
  }

  function outcome(node, ok, text) {
    node.textContent = text;
    node.className = 'outcome ' + (ok ? 'ok' : 'bad');
  }

  function refusal(e) {
    return e.code && e.code !== String(e.status) ? e.code + ': ' + e.message : e.message;
  }

  /** Asks a yes/no question in a modal dialog; resolves true for yes. Focus goes back where it was. */
  function confirmChoice(title, text, okLabel) {
    const dialog = $('confirm');
    const back = document.activeElement;
    $('confirm-title').textContent = title;
    $('confirm-text').textContent = text;
    $('confirm-ok').textContent = okLabel || 'Confirm';
    return new Promise((resolve) => {
      dialog.addEventListener('close', function onClose() {
        dialog.removeEventListener('close', onClose);
        if (back && back.focus) back.focus();
        resolve(dialog.returnValue === 'ok');
      });
      dialog.returnValue = 'cancel';
      dialog.showModal();
      $('confirm-cancel').focus();
    });
  }

  // ------------------------------------------------------------------ at a glance

  const STATE_LABEL = { connected: 'Connected', connecting: 'Connecting', down: 'Disconnected', refused: 'Refused' };

  function renderStatus(s) {
    const folderChanged = state.status && state.status.folder !== s.folder;
    const connectionChanged = state.status && state.status.state !== s.state;
    state.status = s;
    const badge = $('conn-badge');
    badge.textContent = STATE_LABEL[s.state] || s.state;
    badge.className = 'badge ' + s.state;
    badge.title = s.words;
    const words = $('st-connection');
    words.textContent = s.words;
    words.className = 'connection ' + s.state;
    $('st-server').textContent = s.server;
    $('st-folder').textContent = s.folder || 'none yet';
    $('st-local').textContent = s.localFolder;
    $('st-tracked').textContent = String(s.trackedFiles);
    $('st-pending').textContent = s.pendingUploads + (s.pendingFrames ? ' (' + s.pendingFrames + ' queued)' : '');
    renderLastSync();
    $('st-clock').textContent = s.clockOffsetMs === 0 ? 'in step' : (s.clockOffsetMs / 1000).toFixed(1) + ' s';
    const warning = $('clock-warning');
    warning.hidden = !s.clockWarning;
    warning.textContent = s.clockWarning || '';
    if (folderChanged) {
      loadFolders();
      loadAttention();
    }
    if (connectionChanged) {
      loadFolders();
      loadCommands();
      loadAttention();
    }
  }

  function renderLastSync() {
    const s = state.status;
    if (!s) return;
    const node = $('st-lastsync');
    node.textContent = ago(s.lastSyncAt);
    node.title = s.lastSyncAt || '';
  }

  // ------------------------------------------------------------------ activity

  const KIND_LABEL = {
    RECEIVED: 'Received', SENT: 'Sent', MOVED: 'Moved', DELETED: 'Deleted', REFUSED: 'Refused',
    CONFLICT: 'Conflict', LOCAL_ONLY: 'Local only', NOT_SYNCHRONISED: 'Not synchronised'
  };
  const DIRECTION_LABEL = { IN: '↓ from the server', OUT: '↑ to the server', LOCAL: '• here' };

  function activityRow(e, fresh) {
    return el('tr', { class: fresh ? 'fresh' : null, 'data-seq': e.seq, 'data-kind': e.kind },
      el('td', { class: 'time', title: e.time, text: clock(e.time) }),
      el('td', {}, el('span', { class: 'kind ' + e.kind.toLowerCase(), text: KIND_LABEL[e.kind] || e.kind })),
      el('td', { class: 'direction', text: DIRECTION_LABEL[e.direction] || e.direction }),
      el('td', { class: 'file', text: e.path || '' }),
      el('td', { class: 'detail', text: e.detail || '' }));
  }

  function renderActivity() {
    const body = $('activity').tBodies[0];
    body.replaceChildren(...state.activity.map((e) => activityRow(e, false)));
    $('activity-empty').hidden = state.activity.length > 0;
  }

  function addActivity(e) {
    if (state.activity.some((known) => known.seq === e.seq)) return;
    state.activity.unshift(e);
    const body = $('activity').tBodies[0];
    body.prepend(activityRow(e, true));
    while (state.activity.length > MAX_ACTIVITY) {
      state.activity.pop();
      body.lastElementChild.remove();
    }
    $('activity-empty').hidden = true;
    if (['CONFLICT', 'LOCAL_ONLY', 'NOT_SYNCHRONISED', 'DELETED', 'MOVED', 'RECEIVED', 'SENT'].includes(e.kind)) {
      attentionSoon();
    }
  }

  async function loadActivity() {
    try {
      state.activity = await api('GET', '/ui/api/activity');
      renderActivity();
    } catch (e) {
      $('activity-empty').textContent = 'Could not load the activity: ' + refusal(e);
    }
  }

  // ------------------------------------------------------------------ attention

  function attentionSoon() {
    clearTimeout(state.attentionTimer);
    state.attentionTimer = setTimeout(loadAttention, 700);
  }

  async function loadAttention() {
    let data;
    try {
      data = await api('GET', '/ui/api/attention');
    } catch (e) {
      $('server-note').hidden = false;
      $('server-note').textContent = 'Could not load: ' + refusal(e);
      return;
    }
    renderAttention(data);
  }

  function renderAttention(data) {
    const conflicts = $('conflicts');
    conflicts.replaceChildren(...data.conflicts.map(conflictItem));
    $('conflicts-empty').hidden = data.conflicts.length > 0;
    $('server-note').hidden = !data.serverNote;
    $('server-note').textContent = data.serverNote || '';
    const files = $('files');
    files.replaceChildren(...data.files.map((f) => el('li', { 'data-path': f.path },
      el('span', { class: 'what', text: f.path }),
      el('span', { class: 'why', text: (f.reason === 'LOCAL_ONLY' ? 'Local only: ' : 'Not synchronised: ') + f.detail }))));
    $('files-empty').hidden = data.files.length > 0;
    const count = data.conflicts.length + data.files.length;
    $('attention-count').textContent = count ? String(count) : '';
  }

  function conflictItem(v) {
    const label = v.source === 'local' ? 'Kept copy' : 'Kept by the server';
    return el('li', { 'data-source': v.source, 'data-key': v.key, 'data-path': v.path },
      el('span', { class: 'what', text: v.path }),
      el('span', { class: 'why', text: label + ' · ' + new Date(v.keptAt).toLocaleString() + ' · ' + bytes(v.size) + ' · ' + v.note }),
      v.restorable ? null : el('span', { class: 'why', text: 'Cannot be restored: ' + v.why }),
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'compare', text: 'Compare', onclick: () => showDiff(v) }),
        el('button', { type: 'button', class: 'keep', text: 'Keep current', onclick: () => keepCurrent(v) }),
        el('button', { type: 'button', class: 'restore primary', text: 'Restore this version', disabled: !v.restorable,
          onclick: () => restore(v) })));
  }

  async function showDiff(v) {
    const panel = $('diff');
    panel.hidden = false;
    $('diff-title').textContent = 'Compare ' + v.path;
    $('diff-note').textContent = 'Loading…';
    $('diff-actions').replaceChildren();
    const body = $('diff-table').tBodies[0];
    body.replaceChildren();
    let c;
    try {
      c = await api('GET', '/ui/api/conflicts/diff?source=' + encodeURIComponent(v.source) + '&key=' + encodeURIComponent(v.key));
    } catch (e) {
      $('diff-note').textContent = 'Could not compare: ' + refusal(e);
      return;
    }
    const notes = [];
    if (!c.currentExists) notes.push('There is no current file.');
    if (c.currentNote && c.currentExists) notes.push('Current version: ' + c.currentNote + '.');
    if (c.keptNote) notes.push('Kept version: ' + c.keptNote + '.');
    if (c.diff.tooLarge) notes.push('Too many lines to compare here.');
    else if (c.diff.identical && !c.currentNote && !c.keptNote) notes.push('The kept version is the same as the current one.');
    else if (!c.currentNote && !c.keptNote) notes.push(c.diff.changes + (c.diff.changes === 1 ? ' change.' : ' changes.'));
    $('diff-note').textContent = notes.join(' ');
    body.replaceChildren(...c.diff.rows.map((r) => r.type === 'gap'
      ? el('tr', { class: 'gap' }, el('td', { colspan: 4, text: '⋯ ' + r.skipped + ' unchanged line' + (r.skipped === 1 ? '' : 's') }))
      : el('tr', { class: r.type },
        el('td', { class: 'no', text: r.leftNo === null ? '' : String(r.leftNo) }),
        el('td', { class: 'left', text: r.left === null ? '' : r.left }),
        el('td', { class: 'no', text: r.rightNo === null ? '' : String(r.rightNo) }),
        el('td', { class: 'right', text: r.right === null ? '' : r.right }))));
    $('diff-actions').replaceChildren(
      el('button', { type: 'button', class: 'keep', text: 'Keep current', onclick: () => keepCurrent(v) }),
      el('button', { type: 'button', class: 'restore primary', text: 'Restore this version', disabled: !v.restorable,
        onclick: () => restore(v) }));
    panel.focus();
  }

  function closeDiff() {
    $('diff').hidden = true;
  }

  async function keepCurrent(v) {
    const text = v.source === 'local'
      ? 'Keep the current ' + v.path + ' and delete the kept copy ' + v.key + '?'
      : 'Keep the current ' + v.path + ' and hide this version from the page? The server keeps it until it prunes it.';
    if (!await confirmChoice('Keep the current version', text, 'Keep current')) return;
    try {
      renderAttention(await api('POST', '/ui/api/conflicts/keep-current', { source: v.source, key: v.key }));
      closeDiff();
    } catch (e) {
      window.alert('Could not keep the current version: ' + refusal(e));
    }
  }

  async function restore(v) {
    const text = 'Write the kept version over ' + v.path + '? It is sent to the server as an ordinary edit.';
    if (!await confirmChoice('Restore the kept version', text, 'Restore')) return;
    try {
      renderAttention(await api('POST', '/ui/api/conflicts/restore', { source: v.source, key: v.key }));
      closeDiff();
    } catch (e) {
      window.alert('Could not restore: ' + refusal(e));
    }
  }

  // ------------------------------------------------------------------ folders

  async function loadFolders() {
    let data;
    try {
      data = await api('GET', '/ui/api/folders');
    } catch (e) {
      $('folder-list').replaceChildren();
      $('folder-permission').hidden = false;
      $('folder-permission').textContent = 'The server\'s folders cannot be listed now: ' + refusal(e);
      return;
    }
    state.folders = data;
    renderFolders();
  }

  function renderFolders() {
    const data = state.folders;
    const note = $('folder-permission');
    note.hidden = data.maySwitch !== false;
    note.textContent = data.maySwitch === false
      ? 'This client may not switch the folder. The server\'s admin can grant it with foldersync.permissions.switch-folder='
        + $('client-id').textContent + '.'
      : '';
    $('folder-list').replaceChildren(...data.folders.map((f) => el('li', { class: f.active ? 'active' : null, 'data-folder': f.name },
      el('span', { class: 'name', text: f.name }),
      f.active ? el('span', { class: 'tag', text: 'active' })
        : el('button', { type: 'button', class: 'switch', text: 'Switch to ' + f.name, disabled: data.maySwitch === false,
          onclick: () => switchFolder(f.name) }))));
  }

  async function switchFolder(name) {
    const text = 'Make ' + name + ' the active folder on the server? Every client then mirrors ' + name
      + '. Unsent edits still reach the old folder, and local files stay.';
    if (!await confirmChoice('Switch the folder', text, 'Switch to ' + name)) return;
    const out = $('folder-outcome');
    outcome(out, true, 'Switching to ' + name + '…');
    try {
      const data = await api('POST', '/ui/api/folders/active', { name });
      state.folders = { folders: data.folders, maySwitch: state.folders ? state.folders.maySwitch : true };
      renderFolders();
      outcome(out, true, 'The server now synchronises ' + name + '.');
    } catch (e) {
      outcome(out, false, 'Not switched: ' + refusal(e));
      loadFolders();
    }
  }

  // ------------------------------------------------------------------ commands

  async function loadCommands() {
    let data;
    try {
      data = await api('GET', '/ui/api/commands');
    } catch (e) {
      $('commands-note').hidden = false;
      $('commands-note').textContent = 'Could not load the commands: ' + refusal(e);
      return;
    }
    const note = $('commands-note');
    if (!data.available) {
      note.hidden = false;
      note.textContent = 'Commands cannot be listed now: ' + data.reason;
    } else if (data.commands.length === 0) {
      note.hidden = false;
      note.textContent = 'The server grants this client no commands (foldersync.commands.<name>.clients).';
    } else {
      note.hidden = true;
    }
    $('command-list').replaceChildren(...data.commands.map((c) => el('li', { 'data-command': c.name },
      el('span', { class: 'name' }, c.name, c.description ? el('span', { class: 'desc', text: c.description }) : null,
        el('span', { class: 'desc', text: 'times out after ' + Math.round(c.timeoutMs / 1000) + ' s' })),
      el('button', { type: 'button', class: 'run', text: 'Run', onclick: () => runCommand(c.name) }))));
    if (data.last && (!state.run || data.last.run > state.run.run
        || (data.last.run === state.run.run && data.last.output.length >= (state.run.output || '').length))) {
      showRun(data.last);
    }
    updateRunButtons();
  }

  function updateRunButtons() {
    const busy = state.run && (state.run.state === 'starting' || state.run.state === 'running');
    for (const button of document.querySelectorAll('#command-list button.run')) {
      button.disabled = !!busy;
    }
  }

  /** Shows a run as a whole (the server's view of it: output so far and state). */
  function showRun(view) {
    state.run = view;
    $('command-run').hidden = view.state === 'refused' && !view.output;
    $('command-title').textContent = 'Output of ' + view.name;
    $('command-output').textContent = view.output || '';
    showRunResult(view);
  }

  function showRunResult(view) {
    const result = $('command-result');
    if (view.state === 'starting' || view.state === 'running') {
      outcome(result, true, view.name + ' is running in folder ' + (view.folder || '…') + '…');
    } else if (view.state === 'done') {
      const seconds = (view.durationMs / 1000).toFixed(1) + ' s';
      const ok = view.outcome === 'exited' && view.exitCode === 0;
      let text = view.outcome === 'exited' ? view.name + ' ended with exit status ' + view.exitCode + ' after ' + seconds
        : view.outcome === 'timed-out' ? view.name + ' timed out after ' + seconds + ' and was stopped (exit status '
          + view.exitCode + ')'
          : view.name + ' could not run';
      if (view.message) text += ' (' + view.message + ')';
      outcome(result, ok, text + '.');
    } else if (view.state === 'refused') {
      outcome(result, false, 'Refused: ' + view.code + ': ' + view.message);
    } else if (view.state === 'lost') {
      outcome(result, false, view.message);
    }
    updateRunButtons();
  }

  /** The same call the Run buttons make. */
  async function runCommand(name) {
    const buttons = document.querySelectorAll('#command-list button.run');
    buttons.forEach((b) => { b.disabled = true; });
    outcome($('command-result'), true, 'Starting ' + name + '…');
    try {
      const view = await api('POST', '/ui/api/commands/run', { name });
      // live events may have shown more of this run already: keep the fuller picture
      if (!state.run || view.run > state.run.run) {
        showRun(view);
      }
    } catch (e) {
      outcome($('command-result'), false, 'Refused: ' + refusal(e));
    }
    updateRunButtons();
  }

  function onCommandProgress(p) {
    if (state.run && p.run < state.run.run) {
      return; // an older run
    }
    if (p.view) {
      if (!state.run || p.run > state.run.run || p.view.output.length >= (state.run.output || '').length) {
        showRun(p.view);
      } else {
        showRunResult(Object.assign(state.run, p.view, { output: state.run.output }));
      }
      return;
    }
    if (!state.run || p.run !== state.run.run) {
      loadCommands(); // a run this page has not seen start: fetch it whole
      return;
    }
    const have = (state.run.output || '').length;
    if (p.offset > have) {
      loadCommands(); // something was missed
      return;
    }
    const fresh = p.text.substring(have - p.offset);
    if (!fresh) return;
    state.run.output = (state.run.output || '') + fresh;
    const pre = $('command-output');
    const atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
    pre.append(fresh);
    if (atBottom) pre.scrollTop = pre.scrollHeight;
  }

  // ------------------------------------------------------------------ live updates

  function listen() {
    const source = new EventSource('/ui/api/events');
    const live = $('live-note');
    source.addEventListener('open', () => {
      live.hidden = true;
    });
    source.addEventListener('status', (m) => renderStatus(JSON.parse(m.data)));
    source.addEventListener('activity', (m) => addActivity(JSON.parse(m.data)));
    source.addEventListener('command', (m) => onCommandProgress(JSON.parse(m.data)));
    source.addEventListener('resync', () => {
      loadActivity();
      loadAttention();
      loadCommands();
    });
    source.addEventListener('error', () => {
      live.hidden = false;
      live.textContent = 'Live updates interrupted; reconnecting…';
      // a session that ended shows as a stream that keeps failing: check, and go to the login if so
      api('GET', '/ui/api/status').then(renderStatus).catch(() => {});
    });
  }

  async function start() {
    $('diff-close').addEventListener('click', closeDiff);
    listen();
    try {
      renderStatus(await api('GET', '/ui/api/status'));
    } catch (e) {
      $('st-connection').textContent = 'Could not load the status: ' + refusal(e);
    }
    await Promise.all([loadActivity(), loadAttention(), loadFolders(), loadCommands()]);
    setInterval(renderLastSync, 5000);
    document.body.dataset.ready = 'true';
  }

  // for scripts and keyboard-less automation: the same calls the buttons make
  window.foldersyncPage = { runCommand, switchFolder, loadAttention };

  start();
})();
