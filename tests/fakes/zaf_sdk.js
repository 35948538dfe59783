// A stand-in for Zendesk's ZAF SDK (zaf_sdk.min.js), for the tests of integrations/zendesk: we
// cannot run Zendesk here. It keeps the parts of the ZAF client the app uses (metadata, get,
// set, on, invoke, request) and plays the proxy's part in request(): only a request marked
// `secure: true` gets "{{setting.token}}" replaced by the secure setting, as Zendesk does.
// The test drives it through window.fakeDesk; its settings come from the page's ?fake= query.
"use strict";

(() => {
  const given = JSON.parse(new URLSearchParams(location.search).get("fake") || "{}");
  const { secureToken, ...settings } = given;
  const handlers = {};
  const desk = {
    comment: "",
    commentType: "publicReply",
    requests: [],
    resizes: 0,
    /** The agent types: the comment changes and the app hears of it. */
    type(text) {
      desk.comment = text;
      for (const fn of handlers["comment.text.changed"] || []) fn(text);
    },
    /** The agent clicks Submit: resolves to {saved: true} or {saved: false, message}. */
    async save() {
      for (const fn of handlers["ticket.save"] || []) {
        try {
          const answer = await fn();
          if (answer === false) return { saved: false, message: "" };
        } catch (message) {
          return { saved: false, message: String(message) };
        }
      }
      return { saved: true };
    },
  };
  window.fakeDesk = desk;

  const client = {
    metadata: async () => ({ settings }),
    get: async (path) => ({ [path]: path === "comment.text" ? desk.comment : path === "comment.type" ? desk.commentType : undefined }),
    set: async (path, value) => {
      if (path === "comment.text") desk.comment = value;
      return { [path]: value };
    },
    on: (event, fn) => { (handlers[event] = handlers[event] || []).push(fn); },
    invoke: async (name) => { if (name === "resize") desk.resizes += 1; },
    request: async (options) => {
      desk.requests.push(options);
      const headers = { "Content-Type": options.contentType || "application/json" };
      for (const [name, value] of Object.entries(options.headers || {})) {
        headers[name] = options.secure ? value.replace("{{setting.token}}", secureToken) : value;
      }
      let response;
      try {
        response = await fetch(options.url, { method: options.type || "GET", headers, body: options.data });
      } catch {
        throw { status: 0, statusText: "error" };
      }
      const body = await response.json().catch(() => null);
      if (!response.ok) throw { status: response.status, responseJSON: body };
      return body;
    },
  };
  window.ZAFClient = { init: () => client };
})();
