// The replylint composer plugin for Front (plugin SDK 1.10, a "messageComposer" context).
// Front hands the plugin a new context whenever the draft changes; the draft is linted a moment
// after the teammate stops typing, and a rewrite replaces the draft's body with updateDraft.
// The page calls the service directly from the browser: list this page's origin with
// `replylint serve --allow-origin`, or serve the page from the service's own host.
"use strict";

(() => {
  const config = window.REPLYLINT_CONFIG || {};
  const timeoutMs = 1000 * (Number(config.timeoutSeconds) || 5);
  let context = null;  // the latest messageComposer context Front gave us

  const root = document.getElementById("replylint");
  const draft = () => (context && context.type === "messageComposer" ? context.draft : null);
  const panel = ReplylintClient.sidebar({
    root,
    lint: ReplylintClient.checker({ send: ReplylintClient.fetchSender(config.serviceUrl, config.token), timeoutMs }),
    getDraft: async () => (draft() ? draft().content.body : ""),
    setDraft: async (body) => {
      const current = draft();
      await context.updateDraft(current.id, { updateMode: "replace", content: { body, type: current.content.type } });
    },
    format: () => (draft() && draft().content.type === "html" ? "html" : "text"),
  });

  Front.contextUpdates.subscribe((next) => {
    context = next;
    if (next.type === "messageComposer") panel.draftChanged();
  });
})();
