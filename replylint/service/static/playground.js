// The playground: the draft is linted by this same service (POST v1/lint) a moment after the
// agent stops typing; findings are underlined on a backdrop behind the <textarea> and listed
// beside it, where each rewrite is one button. Offsets are the API's UTF-16 ones, which are what
// JavaScript strings index, so an emoji before a finding does not shift its underline.
"use strict";

(() => {
  const DEBOUNCE_MS = 300;
  const TIMEOUT_MS = 10000;
  const HIDDEN_KEY = "replylint-hidden-rules";
  const TOKEN_KEY = "replylint-token";
  const SEVERITY_WORD = { error: "Error", warning: "Warning", info: "Info" };

  const $ = (id) => document.getElementById(id);
  const draft = $("draft");
  const backdrop = $("backdrop");
  const tooltip = $("tooltip");
  const statusLine = $("status");
  const atCaret = $("at-caret");
  const list = $("findings");
  const format = $("format");
  const tokenForm = $("token-form");

  const state = {
    findings: [],      // as the service answered, for the text in `linted`
    linted: null,      // the text those findings are about
    seq: 0,            // the latest request; older answers are dropped
    controller: null,  // aborts the request a newer draft replaces
    timer: null,
    current: -1,       // the finding at the caret
    hidden: new Set(readJSON(localStorage, HIDDEN_KEY, [])),
    token: sessionStorage.getItem(TOKEN_KEY) || "",
  };

  function readJSON(store, key, fallback) {
    try {
      return JSON.parse(store.getItem(key)) ?? fallback;
    } catch {
      return fallback;
    }
  }

  // ---- talking to the service -------------------------------------------------------------

  async function call(path, body) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException("timed out", "TimeoutError")), TIMEOUT_MS);
    const headers = { "Content-Type": "application/json" };
    if (state.token) headers.Authorization = "Bearer " + state.token;
    if (body) {
      if (state.controller) state.controller.abort();
      state.controller = controller;
    }
    try {
      const response = await fetch(path, {
        method: body ? "POST" : "GET", headers, signal: controller.signal,
        body: body ? JSON.stringify(body) : undefined,
      });
      const data = await response.json().catch(() => ({ error: `HTTP ${response.status}` }));
      return { status: response.status, data };
    } finally {
      clearTimeout(timer);
    }
  }

  function needToken() {
    tokenForm.hidden = false;
    say("This service needs a token: enter it below.", true);
  }

  async function lintNow() {
    clearTimeout(state.timer);
    const text = draft.value;
    const seq = ++state.seq;
    if (!text.trim()) {
      if (state.controller) state.controller.abort();
      show(text, []);
      say("Start typing to check a draft.");
      return;
    }
    say("Checking…");
    let answer;
    try {
      answer = await call("v1/lint", { text, format: format.value });
    } catch (error) {
      if (seq !== state.seq) return;  // replaced by a newer request
      const why = error && error.name === "TimeoutError" ? "did not answer in time" : "could not be reached";
      say(`replylint ${why}; your draft is unchanged.`, true);
      return;
    }
    if (seq !== state.seq) return;
    if (answer.status === 401) return needToken();
    if (answer.status !== 200) {
      say(`replylint refused the draft: ${answer.data.error || "HTTP " + answer.status}`, true);
      return;
    }
    show(text, answer.data.findings);
  }

  function lintSoon() {
    clearTimeout(state.timer);
    state.timer = setTimeout(lintNow, DEBOUNCE_MS);
  }

  async function loadRules() {
    let answer;
    try {
      answer = await call("v1/rules");
    } catch {
      return;
    }
    if (answer.status === 401) return needToken();
    if (answer.status !== 200) return;
    const fieldset = $("rules");
    for (const rule of answer.data.rules) {
      const label = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.value = rule.id;
      box.checked = !state.hidden.has(rule.id);
      box.addEventListener("change", () => {
        if (box.checked) state.hidden.delete(rule.id);
        else state.hidden.add(rule.id);
        localStorage.setItem(HIDDEN_KEY, JSON.stringify([...state.hidden]));
        render();
      });
      label.append(box, ` ${rule.id} `);
      const what = document.createElement("span");
      what.className = "rule";
      what.textContent = `(${rule.severity})`;
      label.append(what);
      label.title = rule.message;
      fieldset.append(label);
    }
  }

  // ---- showing findings -------------------------------------------------------------------

  function say(words, trouble = false) {
    statusLine.textContent = words;
    statusLine.classList.toggle("trouble", trouble);
  }

  function show(text, findings) {
    state.linted = text;
    state.findings = findings;
    render();
  }

  /** Whole-reply rules (a reply with no next step) judge the reply, not a phrase: listed, not underlined. */
  function underlined(finding) {
    return finding.note == null && finding.end_utf16 > finding.start_utf16;
  }

  function visible() {
    return state.findings.map((f, index) => ({ f, index })).filter(({ f }) => !state.hidden.has(f.rule_id));
  }

  function render() {
    renderBackdrop();
    renderList();
    const shown = visible().length;
    if (state.linted !== null && state.linted.trim()) {
      const hiddenCount = state.findings.length - shown;
      const words = shown === 0 ? "No findings." : `${shown} finding${shown === 1 ? "" : "s"}.`;
      say(hiddenCount ? `${words} (${hiddenCount} hidden by the rule filter)` : words);
    }
    updateCaret(true);
  }

  function renderBackdrop() {
    const text = state.linted ?? "";
    const pieces = [];
    let at = 0;
    const spans = visible().filter(({ f }) => underlined(f)).sort((a, b) => a.f.start_utf16 - b.f.start_utf16);
    for (const { f, index } of spans) {
      if (f.start_utf16 < at) continue;  // overlaps the one before: the list still has it
      pieces.push(document.createTextNode(text.slice(at, f.start_utf16)));
      const mark = document.createElement("mark");
      mark.className = f.severity;
      mark.dataset.index = index;
      mark.textContent = text.slice(f.start_utf16, f.end_utf16);
      pieces.push(mark);
      at = f.end_utf16;
    }
    // A trailing newline takes a line in the textarea but not in a div without something after it.
    pieces.push(document.createTextNode(text.slice(at) + "\n"));
    backdrop.replaceChildren(...pieces);
    backdrop.scrollTop = draft.scrollTop;
  }

  function renderList() {
    const items = visible().map(({ f, index }) => findingItem(f, index));
    if (!items.length) {
      const empty = document.createElement("li");
      empty.className = "empty";
      empty.textContent = state.linted && state.linted.trim() ? "Nothing to flag in this draft." : "No draft yet.";
      items.push(empty);
    }
    list.replaceChildren(...items);
  }

  function findingItem(f, index) {
    const item = document.createElement("li");
    item.className = f.severity;
    item.id = `finding-${index}`;
    const head = document.createElement("p");
    const severity = document.createElement("span");
    severity.className = "severity";
    severity.textContent = SEVERITY_WORD[f.severity] || f.severity;
    const rule = document.createElement("span");
    rule.className = "rule";
    rule.textContent = f.rule_id;
    head.append(severity, rule);
    const what = document.createElement("p");
    if (underlined(f)) {
      const quoted = document.createElement("q");
      quoted.textContent = f.text;
      what.append(quoted, " — ", f.message);
    } else {
      what.textContent = `The whole reply: ${f.message}`;
    }
    item.append(head, what);
    for (const s of f.suggestions) {
      const hint = document.createElement("p");
      hint.textContent = s.description;
      item.append(hint);
    }
    const actions = document.createElement("div");
    actions.className = "actions";
    if (underlined(f)) {
      const locate = button("Show in draft", () => select(f));
      locate.setAttribute("aria-label", `Show “${f.text}” in the draft`);
      actions.append(locate);
    }
    f.edits.forEach((edit, e) => actions.append(editButton(index, e, edit)));
    item.append(actions);
    return item;
  }

  function editButton(index, e, edit) {
    const words = edit.needs_input ? "Insert (fill in the [brackets])" : "Apply";
    const b = button(`${words}: “${edit.preview}”`, () => apply(index, e));
    b.className = "apply";
    b.title = edit.description;
    b.dataset.finding = index;
    b.dataset.edit = e;
    return b;
  }

  function button(label, onClick) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", onClick);
    return b;
  }

  function select(f) {
    draft.focus();
    draft.setSelectionRange(f.start_utf16, f.end_utf16);
    updateCaret();
  }

  /** One click applies a rewrite: only to the text it was computed for, then the draft is re-checked. */
  function apply(index, e) {
    if (draft.value !== state.linted) {
      say("The draft changed since it was checked; checking it again.");
      lintNow();
      return;
    }
    const edit = state.findings[index].edits[e];
    draft.focus();
    draft.setRangeText(edit.replacement, edit.start_utf16, edit.end_utf16, "end");
    lintNow();
  }

  // ---- where the caret and the pointer are --------------------------------------------------

  function findingAt(offset) {
    if (draft.value !== state.linted) return -1;
    const hit = visible().find(({ f }) => underlined(f) && f.start_utf16 <= offset && offset <= f.end_utf16);
    return hit ? hit.index : -1;
  }

  /** `fresh`: the findings were just redrawn, so the caret's finding is shown again even if unchanged. */
  function updateCaret(fresh = false) {
    const index = document.activeElement === draft ? findingAt(draft.selectionStart) : -1;
    if (index === state.current && !fresh) return;
    state.current = index;
    for (const el of document.querySelectorAll(".current")) el.classList.remove("current");
    if (index < 0) {
      atCaret.replaceChildren();
      return;
    }
    const f = state.findings[index];
    for (const el of document.querySelectorAll(`[data-index="${index}"], #finding-${index}`)) el.classList.add("current");
    const line = document.createElement("p");
    line.textContent = `At the cursor — ${SEVERITY_WORD[f.severity]}, ${f.rule_id}: ${f.message}`;
    atCaret.replaceChildren(line);
    const first = f.edits[0];
    if (first) atCaret.append(editButton(index, 0, first));
  }

  function showTooltip(event) {
    const mark = document.elementsFromPoint(event.clientX, event.clientY).find((el) => el.matches("#backdrop mark"));
    if (!mark || draft.value !== state.linted) {
      tooltip.hidden = true;
      return;
    }
    const f = state.findings[Number(mark.dataset.index)];
    const rewrite = f.edits.length ? ` Rewrite: “${f.edits[0].preview}”` : "";
    tooltip.textContent = `${SEVERITY_WORD[f.severity]} (${f.rule_id}): ${f.message}${rewrite}`;
    const field = draft.parentElement.getBoundingClientRect();
    const box = mark.getBoundingClientRect();
    tooltip.style.left = `${Math.max(0, box.left - field.left)}px`;
    tooltip.style.top = `${box.bottom - field.top + 6}px`;
    tooltip.hidden = false;
  }

  // ---- wiring -------------------------------------------------------------------------------

  draft.addEventListener("input", () => {
    tooltip.hidden = true;
    lintSoon();
    updateCaret(true);
  });
  draft.addEventListener("scroll", () => { backdrop.scrollTop = draft.scrollTop; });
  for (const type of ["keyup", "click", "focus", "blur", "select"]) draft.addEventListener(type, () => updateCaret());
  draft.addEventListener("mousemove", showTooltip);
  draft.addEventListener("mouseleave", () => { tooltip.hidden = true; });
  format.addEventListener("change", lintNow);
  tokenForm.addEventListener("submit", (event) => {
    event.preventDefault();
    state.token = $("token").value.trim();
    sessionStorage.setItem(TOKEN_KEY, state.token);
    tokenForm.hidden = true;
    if (!$("rules").querySelector("input")) loadRules();
    lintNow();
  });

  loadRules();
  if (draft.value) lintNow();  // a reload keeps the textarea's text
  else renderList();
})();
