// ReplylintClient: what a helpdesk sidebar needs from a replylint service, whatever the helpdesk.
// The sample Zendesk and Front apps (integrations/) carry a copy of this file; the service also
// serves it at /static/replylint-client.js. A helpdesk app supplies only how to reach the service
// (`send`) and how to read and replace the draft; this script does the rest:
//   * it never blocks the agent: a slow, down or refusing service is reported in the sidebar and
//     the reply goes out as written (fail open);
//   * offsets are the API's UTF-16 ones, which is what JavaScript strings index, so an emoji
//     before a finding does not shift a rewrite;
//   * a rewrite is applied only to the draft it was computed for; if the agent typed since, the
//     draft is checked again instead of being overwritten.
"use strict";

(function (global) {
  const SEVERITY_WORD = { error: "Error", warning: "Warning", info: "Info" };

  /** `promise`, or a rejection naming the timeout once `ms` have passed. */
  function withTimeout(promise, ms) {
    let timer;
    const late = new Promise((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error("timed out"), { timedOut: true })), ms);
    });
    return Promise.race([promise, late]).finally(() => clearTimeout(timer));
  }

  /**
   * A `send(path, body)` for a page that may call the service directly (CORS allowed for its
   * origin with `replylint serve --allow-origin`): resolves to {status, data}, rejects when the
   * service cannot be reached.
   */
  function fetchSender(baseUrl, token) {
    const base = String(baseUrl).replace(/\/+$/, "");
    return async (path, body) => {
      const headers = { "Content-Type": "application/json" };
      if (token) headers.Authorization = "Bearer " + token;
      const response = await fetch(base + path, { method: "POST", headers, body: JSON.stringify(body) });
      const data = await response.json().catch(() => ({}));
      return { status: response.status, data };
    };
  }

  /**
   * `lint(text, format)` that never throws: {ok: true, findings} or {ok: false, reason}, where
   * the reason is a sentence for the agent.
   */
  function checker({ send, timeoutMs = 5000 }) {
    return async function lint(text, format = "text") {
      let answer;
      try {
        answer = await withTimeout(send("/v1/lint", { text, format }), timeoutMs);
      } catch (error) {
        const why = error && error.timedOut
          ? `did not answer within ${Math.round(timeoutMs / 1000)} s`
          : "could not be reached";
        return { ok: false, reason: `replylint ${why}; this reply is not being checked.` };
      }
      if (answer.status === 200 && answer.data && Array.isArray(answer.data.findings)) {
        return { ok: true, findings: answer.data.findings };
      }
      if (answer.status === 401) {
        return { ok: false, reason: "replylint refused the app's token; ask an admin to check the app's settings." };
      }
      const detail = (answer.data && answer.data.error) || `HTTP ${answer.status}`;
      return { ok: false, reason: `replylint could not check this reply (${detail}).` };
    };
  }

  /** The draft with `edit` applied: the API's UTF-16 offsets slice a JavaScript string exactly. */
  function applyEdit(text, edit) {
    return text.slice(0, edit.start_utf16) + edit.replacement + text.slice(edit.end_utf16);
  }

  function errorsIn(findings) {
    return findings.filter((f) => f.severity === "error");
  }

  /** What holds a send: one line naming each error-level finding. */
  function holdMessage(errors) {
    const named = errors.map((f) => (f.note == null ? `“${f.text}” (${f.rule_id})` : f.rule_id));
    return `replylint found ${errors.length} error${errors.length === 1 ? "" : "s"} to fix before sending: ` +
      `${named.join(", ")}. See the replylint panel.`;
  }

  function element(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text != null) el.textContent = text;
    return el;
  }

  /**
   * The sidebar: a status line and the list of findings, each with one button per rewrite.
   *   root      the element to draw in
   *   lint      a checker's lint function
   *   getDraft  async () => the draft's current text
   *   setDraft  async (text) => replace the draft
   *   format    () => the draft's format ("text", "html", "auto")
   * Returns {draftChanged, lintNow, beforeSend}: call draftChanged on every change of the draft
   * (debounced here); beforeSend re-checks the current draft and says whether to hold the send.
   */
  function sidebar({ root, lint, getDraft, setDraft, format = () => "text", debounceMs = 400 }) {
    const statusLine = element("p", "replylint-status");
    statusLine.setAttribute("role", "status");
    statusLine.setAttribute("aria-live", "polite");
    const list = element("ol", "replylint-findings");
    list.setAttribute("aria-label", "replylint findings");
    root.replaceChildren(statusLine, list);
    const state = { linted: null, findings: [], seq: 0, timer: null };

    function say(words, trouble = false) {
      statusLine.textContent = words;
      statusLine.classList.toggle("trouble", trouble);
    }

    async function lintNow() {
      clearTimeout(state.timer);
      const seq = ++state.seq;
      const text = await getDraft();
      if (!text || !text.trim()) {
        show(text, []);
        say("Start writing a reply to check it.");
        return;
      }
      say("Checking…");
      const result = await lint(text, format());
      if (seq !== state.seq) return;  // a newer check replaced this one
      if (!result.ok) {
        show(null, []);
        say(result.reason, true);
        return;
      }
      show(text, result.findings);
      const n = result.findings.length;
      say(n === 0 ? "No findings." : `${n} finding${n === 1 ? "" : "s"}.`);
    }

    function draftChanged() {
      clearTimeout(state.timer);
      state.timer = setTimeout(lintNow, debounceMs);
    }

    function show(text, findings) {
      state.linted = text;
      state.findings = findings;
      list.replaceChildren(...findings.map(findingItem));
    }

    function findingItem(f) {
      const item = element("li", f.severity);
      const head = element("p");
      head.append(element("span", "severity", SEVERITY_WORD[f.severity] || f.severity), " ",
                  element("span", "rule", f.rule_id));
      const what = element("p");
      if (f.note == null) what.append(element("q", null, f.text), " — ", f.message);
      else what.textContent = `The whole reply: ${f.message}`;
      item.append(head, what);
      for (const s of f.suggestions) item.append(element("p", "hint", s.description));
      const actions = element("div", "actions");
      for (const edit of f.edits) {
        const words = edit.needs_input ? "Insert (fill in the [brackets])" : "Apply";
        const b = element("button", "apply", `${words}: “${edit.preview}”`);
        b.type = "button";
        b.title = edit.description;
        b.addEventListener("click", () => apply(edit));
        actions.append(b);
      }
      if (f.edits.length) item.append(actions);
      return item;
    }

    async function apply(edit) {
      const now = await getDraft();
      if (now !== state.linted) {
        say("The draft changed since it was checked; checking it again.");
        await lintNow();
        return;
      }
      await setDraft(applyEdit(now, edit));
      await lintNow();
    }

    /** {hold: false} or {hold: true, message}; a failed check never holds (fail open). */
    async function beforeSend() {
      const text = await getDraft();
      if (!text || !text.trim()) return { hold: false };
      const result = await lint(text, format());
      if (!result.ok) {
        say(result.reason, true);
        return { hold: false };
      }
      show(text, result.findings);
      const errors = errorsIn(result.findings);
      if (!errors.length) return { hold: false };
      say(holdMessage(errors), true);
      return { hold: true, message: holdMessage(errors) };
    }

    return { draftChanged, lintNow, beforeSend };
  }

  global.ReplylintClient = { checker, fetchSender, applyEdit, errorsIn, sidebar, withTimeout, SEVERITY_WORD };
})(typeof self !== "undefined" ? self : this);
